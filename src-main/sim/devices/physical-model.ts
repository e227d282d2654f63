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

/**
 * How a home battery uses SunSpec model 124's rate limits. 'self-consumption' (most home batteries): it charges from
 * surplus solar and discharges into the household's deficit on its own; InWRte / OutWRte, when enabled by StorCtl_Mod,
 * only cap those flows (SunSpec: the rates are limits), and a rate that is not enabled leaves the battery at its full
 * rate. 'charge-at-limit' (a VPP-style battery): it charges (from the grid if need be) or discharges at exactly the rate
 * enabled, and is idle when none is.
 */
export type BatteryMode = 'self-consumption' | 'charge-at-limit'

export interface BatteryPhysics {
  /** Charge and discharge rating, W (model 124 WChaMax). */
  ratedW: number
  capacityWh: number
  /** State of charge, % (0..100). */
  socPct: number
  /** It does not discharge below this state of charge, % (model 124 MinRsvPct). */
  reservePct: number
  /** Once full it takes no charge until it has given back RECHARGE_BELOW_PCT (a BMS's hysteresis). */
  full?: boolean
}

/** A full battery charges again below this state of charge (real BMSs do not top up every watt-hour they give). */
export const RECHARGE_BELOW_PCT = 99

export interface BatteryCommand {
  mode: BatteryMode
  /** Enabled charge limit, W; undefined = not enabled (StorCtl_Mod bit 0 clear). */
  chargeLimitW: number | undefined
  /** Enabled discharge limit, W; undefined = not enabled (StorCtl_Mod bit 1 clear). */
  dischargeLimitW: number | undefined
  /** Generation minus household load, W: what a self-consumption battery charges from (> 0) or covers (< 0). */
  surplusW: number
}

/** Battery power, generation-positive (charging < 0): none into a full battery, none out of one at its reserve. */
export function batteryPowerW(bat: BatteryPhysics, cmd: BatteryCommand): number {
  const canCharge = bat.socPct < 100 && !bat.full
  const canDischarge = bat.socPct > bat.reservePct
  if (cmd.mode === 'charge-at-limit') {
    if ((cmd.chargeLimitW ?? 0) > 0) return canCharge ? -Math.min(bat.ratedW, cmd.chargeLimitW ?? 0) : 0
    if ((cmd.dischargeLimitW ?? 0) > 0) return canDischarge ? Math.min(bat.ratedW, cmd.dischargeLimitW ?? 0) : 0
    return 0
  }
  if (cmd.surplusW >= 0) return canCharge ? -Math.min(cmd.chargeLimitW ?? bat.ratedW, bat.ratedW, cmd.surplusW) : 0
  return canDischarge ? Math.min(cmd.dischargeLimitW ?? bat.ratedW, bat.ratedW, -cmd.surplusW) : 0
}

/** Whether the battery counts as full after a step: at 100 %, and until it drops below RECHARGE_BELOW_PCT. */
export function isFull(bat: BatteryPhysics): boolean {
  return bat.socPct >= 100 || (bat.full === true && bat.socPct >= RECHARGE_BELOW_PCT)
}

/** The state of charge after `powerW` (generation-positive) for dtMs, kept within 0..100 %. */
export function stepBatterySoc(bat: BatteryPhysics, powerW: number, dtMs: number): number {
  if (bat.capacityWh <= 0) return bat.socPct
  const deltaPct = ((-powerW * dtMs) / 3_600_000 / bat.capacityWh) * 100
  return Math.min(100, Math.max(0, bat.socPct + deltaPct))
}
