/**
 * What the controller reads off its input: the site's net import, the managed generation, staleness (SITE-2).
 * Sign conventions as in types.ts: site import-positive, DER generation-positive.
 */
import type { BatteryInput, ControllerFault, ControllerInput, InverterInput, MeterInput } from './types'

/** Net import at the connection point: the meter's total, else the sum of its phases. */
export function siteImportW(meter: MeterInput): number {
  if (meter.totalW !== undefined && Number.isFinite(meter.totalW)) return meter.totalW
  return [meter.phasesW.a, meter.phasesW.b, meter.phasesW.c].reduce<number>((acc, w) => acc + (w !== undefined && Number.isFinite(w) ? w : 0), 0)
}

/** Sum of the inverters' measured outputs (the service passes the last value read for a device that missed a round). */
export function generationW(inverters: readonly InverterInput[]): number {
  return inverters.reduce((acc, i) => acc + (i.outputW ?? 0), 0)
}

/**
 * Net battery power, generation-positive (charging < 0). A battery that does not report its power (SunSpec model 124
 * alone has no W point) is taken to charge at its share of the last commanded charge limit, or 0 when charging was
 * unlimited: an estimate that errs towards more load, so the import cap errs low.
 */
export function batteryW(batteries: readonly BatteryInput[], commandedChargeW: number | undefined): number {
  const rated = ratedChargeW(batteries)
  return batteries.reduce((acc, b) => {
    if (b.powerW !== undefined) return acc + b.powerW
    const share = commandedChargeW === undefined || rated <= 0 ? 0 : (commandedChargeW * Math.max(0, b.ratedChargeW)) / rated
    return acc - share
  }, 0)
}

export function ratedW(inverters: readonly InverterInput[]): number {
  return inverters.reduce((acc, i) => acc + Math.max(0, i.ratedW), 0)
}

export function ratedChargeW(batteries: readonly BatteryInput[]): number {
  return batteries.reduce((acc, b) => acc + Math.max(0, b.ratedChargeW), 0)
}

/**
 * SITE-2: the first thing that has been silent for longer than the timeout – the meter first (without it the loop is
 * open), then each device in input order. A source never heard from counts as silent.
 */
export function findFault(input: ControllerInput): ControllerFault | undefined {
  const { nowMs, settings } = input
  const silentFor = (lastMs: number | undefined): number | undefined => (lastMs === undefined ? undefined : nowMs - lastMs)
  const isSilent = (lastMs: number | undefined): boolean => lastMs === undefined || nowMs - lastMs > settings.failSafeTimeoutMs
  if (!input.meter || isSilent(input.meter.atMs)) return { kind: 'meter-silent', silentForMs: silentFor(input.meter?.atMs) }
  for (const device of [...input.inverters, ...input.batteries]) {
    if (isSilent(device.lastSeenMs)) return { kind: 'device-silent', deviceId: device.id, silentForMs: silentFor(device.lastSeenMs) }
  }
  return undefined
}
