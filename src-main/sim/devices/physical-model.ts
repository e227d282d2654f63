/**
 * The site the simulator pretends to be: PV availability over the day, household load with seeded noise, inverters
 * that follow their limits at their own ramp rate, and a meter reading load - generation per phase (handbook 10.8.2:
 * site readings negative for export).
 */
export type Phase = 'A' | 'B' | 'C'
export const PHASES: readonly Phase[] = ['A', 'B', 'C']

/** Queensland has no daylight saving: AEST, UTC+10. */
const QLD_OFFSET_HOURS = 10
const SUNRISE_HOUR = 6
const SUNSET_HOUR = 18

/** Fraction (0..1) of rated PV power available at this wall time: a half-sine between sunrise and sunset. */
export function pvAvailability(nowMs: number): number {
  const hour = (((nowMs / 3_600_000 + QLD_OFFSET_HOURS) % 24) + 24) % 24
  if (hour <= SUNRISE_HOUR || hour >= SUNSET_HOUR) return 0
  return Math.sin((Math.PI * (hour - SUNRISE_HOUR)) / (SUNSET_HOUR - SUNRISE_HOUR))
}

export interface InverterPhysics {
  ratedW: number
  /** How fast output may change, W per second (a "slow" inverter has a small value). */
  rampWps: number
  /** Phases the inverter feeds; its output is split evenly across them. */
  phases: readonly Phase[]
  outputW: number
}

export interface InverterCommand {
  connected: boolean
  /** Active power limit in W, or undefined when no limit is enabled. */
  limitW: number | undefined
  /** Available PV as a fraction of rating. */
  availability: number
}

/** Move the inverter's output toward min(available, limit) at its ramp rate over dtMs. */
export function stepInverter(inv: InverterPhysics, cmd: InverterCommand, dtMs: number): number {
  const available = inv.ratedW * Math.max(0, Math.min(1, cmd.availability))
  const target = cmd.connected ? Math.max(0, Math.min(available, cmd.limitW ?? Infinity)) : 0
  const maxStep = (inv.rampWps * dtMs) / 1000
  const delta = Math.max(-maxStep, Math.min(maxStep, target - inv.outputW))
  return inv.outputW + delta
}

/** Per-phase flows at the connection point, W; positive import, negative export. */
export type PhaseFlows = Record<Phase, number>

export interface SiteFlowsInput {
  loadW: PhaseFlows
  /** Every generating (positive) or consuming (negative, e.g. a charging battery) device's per-phase output. */
  devices: { phases: readonly Phase[]; outputW: number }[]
}

export function siteFlows(input: SiteFlowsInput): PhaseFlows {
  const flows: PhaseFlows = { ...input.loadW }
  for (const d of input.devices) {
    for (const p of d.phases) flows[p] -= d.outputW / d.phases.length
  }
  return flows
}

/** Household load per phase with noise from the seeded PRNG. */
export function householdLoad(baseW: number, noiseW: number, random: () => number): PhaseFlows {
  const share = (weight: number) => Math.max(0, baseW * weight + (random() * 2 - 1) * noiseW)
  return { A: share(0.5), B: share(0.3), C: share(0.2) }
}
