/**
 * Sharing a site total across devices in proportion to their ratings (handbook 5.2: the SEP2 client manages all DER
 * at the connection point; issue 6: several inverters share a limit in proportion to their ratings). Every device
 * gets the same percentage of its rating, which is what SunSpec WMaxLimPct / InWRte take.
 */
import type { BatteryInput, BatterySetpoint, InverterInput, InverterSetpoint } from './types'

const PERCENT = 100

/** totalW undefined = no limit. Inverters that cannot be limited get no limit (they are accounted for upstream). */
export function shareGeneration(
  totalW: number | undefined,
  inverters: readonly InverterInput[],
  options: { connect: boolean },
): InverterSetpoint[] {
  const controllable = inverters.filter((i) => i.controllable && i.ratedW > 0)
  const rated = controllable.reduce((acc, i) => acc + i.ratedW, 0)
  const percent = totalW === undefined || rated <= 0 ? undefined : clampPercent((totalW / rated) * PERCENT)
  return inverters.map((i) => {
    const mine = i.controllable && i.ratedW > 0 ? percent : undefined
    return { id: i.id, limitW: mine === undefined ? undefined : (mine / PERCENT) * i.ratedW, percent: mine, connect: options.connect }
  })
}

export function shareCharge(totalW: number | undefined, batteries: readonly BatteryInput[]): BatterySetpoint[] {
  const rated = batteries.reduce((acc, b) => acc + Math.max(0, b.ratedChargeW), 0)
  const percent = totalW === undefined || rated <= 0 ? undefined : clampPercent((totalW / rated) * PERCENT)
  return batteries.map((b) => ({
    id: b.id,
    chargeLimitW: percent === undefined ? undefined : (percent / PERCENT) * b.ratedChargeW,
    chargePercent: percent,
  }))
}

function clampPercent(percent: number): number {
  return Math.min(PERCENT, Math.max(0, percent))
}
