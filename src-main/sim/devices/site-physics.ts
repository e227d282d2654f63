import type { MeterReading } from '../../../src-shared/devices/meter-profile'
import { createPrng } from '../../../src-shared/prng'
import { batteryPowerW, householdLoad, isFull, pvAvailability, siteFlows, stepBatterySoc, stepInverter, type BatteryMode, type Phase, type PhaseFlows, PHASES } from './physical-model'
import type { SimScenario } from './scenario'
import type { SunSpecMap } from './sunspec-map'

/**
 * One simulation step for the whole site: read each inverter's controls from its registers, move its output, work out
 * the flows at the connection point and write every device's measurements back into its registers.
 */
export interface SimInverterState {
  unitId: number
  controls: '123' | '704'
  ratedW: number
  rampWps: number
  phases: Phase[]
  outputW: number
  energyWh: number
  map: SunSpecMap
  /** Monotonic ms of the last client write to its control model (revert timers count from it). */
  lastControlWriteAt: number
}

export interface SimSiteState {
  loadW: PhaseFlows
  siteW: PhaseFlows
  batteryW: number
  importWh: number
  exportWh: number
}

const VOLTS = 240
const HZ = 50

function raw(map: SunSpecMap, model: number, point: string): number | undefined {
  const v = map.get(model, point)
  return typeof v === 'number' ? v : undefined
}

/** Apply revert timers, then return the limit in W (undefined when none is enabled) and connect state. */
function readControls(inv: SimInverterState, nowMono: number): { connected: boolean; limitW: number | undefined } {
  const elapsedS = (nowMono - inv.lastControlWriteAt) / 1000
  if (inv.controls === '123') {
    const rvrt = raw(inv.map, 123, 'WMaxLimPct_RvrtTms') ?? 0
    if (rvrt > 0 && elapsedS >= rvrt && raw(inv.map, 123, 'WMaxLim_Ena') === 1) inv.map.set(123, 'WMaxLim_Ena', 0)
    const enabled = raw(inv.map, 123, 'WMaxLim_Ena') === 1
    const pct = ((raw(inv.map, 123, 'WMaxLimPct') ?? 1000) * 10 ** (raw(inv.map, 123, 'WMaxLimPct_SF') ?? 0)) / 100
    return { connected: raw(inv.map, 123, 'Conn') !== 0, limitW: enabled ? pct * inv.ratedW : undefined }
  }
  const rvrt = raw(inv.map, 704, 'WMaxLimPctRvrtTms') ?? 0
  if (rvrt > 0 && elapsedS >= rvrt && raw(inv.map, 704, 'WMaxLimPctEna') === 1) inv.map.set(704, 'WMaxLimPctEna', 0)
  inv.map.set(704, 'WMaxLimPctRvrtRem', rvrt > 0 ? Math.max(0, Math.ceil(rvrt - elapsedS)) : 0)
  const enabled = raw(inv.map, 704, 'WMaxLimPctEna') === 1
  const pct = ((raw(inv.map, 704, 'WMaxLimPct') ?? 1000) * 10 ** (raw(inv.map, 704, 'WMaxLimPct_SF') ?? 0)) / 100
  // Model 703 ES (permit enter service, IEEE 1547-2018): DISABLED ceases to energize and trips.
  return { connected: raw(inv.map, 703, 'ES') !== 0, limitW: enabled ? pct * inv.ratedW : undefined }
}

function writeInverterMeasurements(inv: SimInverterState, connected: boolean): void {
  const w = Math.round(inv.outputW)
  const amps = Math.round((inv.outputW / inv.phases.length / VOLTS) * 100)
  if (inv.controls === '123') {
    const m = inv.map
    m.set(103, 'W', w)
    m.set(103, 'VA', w)
    m.set(103, 'VAr', 0)
    m.set(103, 'PF', 100)
    m.set(103, 'A', amps * inv.phases.length)
    for (const p of PHASES) m.set(103, `Aph${p}`, inv.phases.includes(p) ? amps : 0)
    for (const p of PHASES) m.set(103, `PhVph${p}`, VOLTS * 10)
    m.set(103, 'Hz', HZ * 100)
    m.set(103, 'WH', Math.max(1, Math.round(inv.energyWh)))
    m.set(103, 'St', connected ? (w > 0 ? 4 : 2) : 8)
    return
  }
  const m = inv.map
  m.set(701, 'W', w)
  m.set(701, 'VA', w)
  m.set(701, 'Var', 0)
  m.set(701, 'PF', 100)
  m.set(701, 'A', amps * inv.phases.length)
  m.set(701, 'LNV', VOLTS * 10)
  m.set(701, 'Hz', HZ * 100)
  m.set(701, 'TotWhInj', Math.max(1, Math.round(inv.energyWh)))
  // 701 St OFF/ON, InvSt OFF (0) / THROTTLED (4), ConnSt DISCONNECTED (0) / CONNECTED (1).
  m.set(701, 'St', connected ? 1 : 0)
  m.set(701, 'InvSt', connected ? 4 : 0)
  m.set(701, 'ConnSt', connected ? 1 : 0)
}

export function stepInverters(inverters: SimInverterState[], availability: number, dtMs: number, nowMono: number): void {
  for (const inv of inverters) {
    const controls = readControls(inv, nowMono)
    inv.outputW = stepInverter(inv, { ...controls, availability }, dtMs)
    inv.energyWh += (inv.outputW * dtMs) / 3_600_000
    writeInverterMeasurements(inv, controls.connected)
  }
}

/**
 * model 124's enabled rate in W as the simulator's battery takes it (StorCtl_Mod bit 1 discharge, else bit 0 charge;
 * InWRte / OutWRte % of WChaMax): one direction at a time, and idle until a rate is enabled – the simulator's own
 * tests use an enabled charge rate as a household load step. (The controller plant, site/testing/plant.ts, models a
 * battery that runs free when no rate is enabled.)
 */
function storageLimits(map: SunSpecMap): { chargeLimitW: number; dischargeLimitW: number; ratedW: number } | undefined {
  const control = raw(map, 124, 'StorCtl_Mod') ?? 0
  const ratedW = raw(map, 124, 'WChaMax') ?? 0
  const sf = 10 ** (raw(map, 124, 'InOutWRte_SF') ?? 0)
  const rate = (point: string): number => (((raw(map, 124, point) ?? 0) * sf) / 100) * ratedW
  if (control & 2) return { chargeLimitW: 0, dischargeLimitW: rate('OutWRte'), ratedW }
  if (control & 1) return { chargeLimitW: rate('InWRte'), dischargeLimitW: 0, ratedW }
  return undefined
}

export interface SimBatteryState {
  capacityWh: number
  socPct: number
  full?: boolean
}

/**
 * One step of the battery behind model 124 (physical-model.ts batteryPowerW: a self-consumption battery charges from
 * surplus solar at up to its rating unless a charge limit is enabled): its power, generation-positive (charging < 0),
 * and its state of charge moved on and written to ChaState.
 */
export function stepBattery(map: SunSpecMap, state: SimBatteryState, options: { mode: BatteryMode; surplusW: number; dtMs: number }): number {
  const limits = storageLimits(map)
  if (!limits) return 0
  const reservePct = (raw(map, 124, 'MinRsvPct') ?? 0) * 10 ** (raw(map, 124, 'MinRsvPct_SF') ?? 0)
  const physics = { ratedW: limits.ratedW, capacityWh: state.capacityWh, socPct: state.socPct, reservePct, full: state.full === true }
  const powerW = batteryPowerW(physics, { mode: options.mode, chargeLimitW: limits.chargeLimitW, dischargeLimitW: limits.dischargeLimitW, surplusW: options.surplusW })
  state.socPct = stepBatterySoc(physics, powerW, options.dtMs)
  state.full = isFull({ ...physics, socPct: state.socPct })
  map.set(124, 'ChaState', Math.round(state.socPct * 10 ** -(raw(map, 124, 'ChaState_SF') ?? 0)))
  return powerW
}

export function createSitePhysics(scenario: SimScenario): (nowMs: number, devices: { phases: readonly Phase[]; outputW: number }[], dtMs: number, state: SimSiteState) => void {
  const random = createPrng(scenario.seed)
  return (_nowMs, devices, dtMs, state) => {
    state.loadW = householdLoad(scenario.loadBaseW, scenario.loadNoiseW, random)
    state.siteW = siteFlows({ loadW: state.loadW, devices })
    const total = state.siteW.A + state.siteW.B + state.siteW.C
    if (total > 0) state.importWh += (total * dtMs) / 3_600_000
    else state.exportWh += (-total * dtMs) / 3_600_000
  }
}

export function currentAvailability(scenario: SimScenario, nowMs: number): number {
  return scenario.pvAvailability ?? pvAvailability(nowMs)
}

/** The meter's reading of the site flows (site convention: import positive, export negative). */
export function meterReading(state: SimSiteState, reversed: readonly Phase[] = []): MeterReading {
  const seen = (p: Phase) => (reversed.includes(p) ? -state.siteW[p] : state.siteW[p])
  const phase = (p: Phase) => ({ W: seen(p), V: VOLTS, A: Math.abs(seen(p)) / VOLTS, VA: Math.abs(seen(p)), var: 0, PF: Math.sign(seen(p)) || 1 })
  const total = seen('A') + seen('B') + seen('C')
  return {
    phases: { A: phase('A'), B: phase('B'), C: phase('C') },
    total: { W: total, VA: Math.abs(total), var: 0, PF: 1, Hz: HZ, WhImport: state.importWh, WhExport: state.exportWh },
  }
}

export function writeMeter203(map: SunSpecMap, reading: MeterReading): void {
  const r = (n: number | undefined, sf: number) => Math.round((n ?? 0) * 10 ** -sf)
  map.set(203, 'W', r(reading.total.W, 0))
  map.set(203, 'Hz', r(reading.total.Hz, -2))
  map.set(203, 'PhV', r(VOLTS, -1))
  for (const p of PHASES) {
    map.set(203, `Wph${p}`, r(reading.phases[p].W, 0))
    map.set(203, `Aph${p}`, r(reading.phases[p].A, -2))
    map.set(203, `PhVph${p}`, r(reading.phases[p].V, -1))
    map.set(203, `VARph${p}`, 0)
  }
  map.set(203, 'TotWhImp', Math.max(1, r(reading.total.WhImport, 0)))
  map.set(203, 'TotWhExp', Math.max(1, r(reading.total.WhExport, 0)))
}
