/**
 * A deterministic plant for the site controller (issue 11: plant tests and bench/controller): the real SiteController
 * and SetpointWriter on a FakeClock against the device simulator's physics (sim/devices/physical-model.ts: inverters
 * that follow their limit at their ramp rate, household load with seeded noise, a model-124 battery), without Modbus –
 * the control writes land in the plant at once, each inverter acting on them after its own response delay. Simulates
 * hours of plant time in seconds; no wall time anywhere.
 */
import { FakeClock } from '../../../src-shared/clock'
import { createPrng } from '../../../src-shared/prng'
import type { ControllerSettings, ControllerState, EnvelopeInput } from '../../../src-shared/site-control'
import { aggregateDer } from '../../../src-shared/devices/aggregate'
import type { DerLive } from '../../../src-shared/devices/der-values'
import type { DeviceSample, SiteSample } from '../../devices/device-manager'
import type { ControlTarget, ControlResult, PowerLimitRequest, StorageRateRequest } from '../../devices/control'
import type { BusState, ModbusTransport } from '../../modbus/transport'
import { batteryPowerW, householdLoad, isFull, siteFlows, stepBatterySoc, stepInverter, type BatteryMode, type Phase } from '../../sim/devices/physical-model'
import { meterReading, type SimSiteState } from '../../sim/devices/site-physics'
import type { DeviceControls, SiteSampleSource } from '../ports'
import { createSiteController } from '../site-controller'

export interface PlantInverterSpec {
  id: string
  ratedW: number
  /** Output change rate, W/s (the simulator's default: 1000 for its 123 inverter, 200 for its slow 70x one). */
  rampWps: number
  /** Dead time before a written limit starts to act, ms. */
  delayMs: number
  phases: Phase[]
}

export interface PlantBatterySpec {
  ratedW: number
  capacityWh: number
  socPct: number
  reservePct: number
  mode: BatteryMode
  /** It reports its power (a hybrid's battery model); model 124 alone does not. */
  reportsPower: boolean
}

export interface PlantScenario {
  startMs: number
  durationMs: number
  inverters: PlantInverterSpec[]
  battery?: PlantBatterySpec
  /** PV available as a fraction (0..1) of each inverter's rating. */
  availability: (nowMs: number) => number
  /** The household's mean load, W (noise comes on top, per phase). */
  loadW: (nowMs: number) => number
  loadNoiseW: number
  seed: number
  /** The ramped envelope the controller follows (the controls engine's output). */
  envelope: (nowMs: number) => EnvelopeInput
  settings?: Partial<ControllerSettings>
}

/** Plant time step and the sampler's period (DEV-5: 200 ms). */
export const PLANT_TICK_MS = 100
export const PLANT_SAMPLE_MS = 200

/** One plant tick, W (site import-positive, devices generation-positive). */
export interface PlantTrace {
  tMs: Float64Array
  siteW: Float64Array
  /** The household's mean load (without noise) plus battery charging: what the oracle may serve. */
  loadMeanW: Float64Array
  generationW: Float64Array
  availableW: Float64Array
  batteryW: Float64Array
  /** The ramped export limit, W (Infinity = none). */
  expLimW: Float64Array
  /** The controller's commanded generation total, W (Infinity = unlimited). */
  setpointW: Float64Array
  /**
   * The best feasible generation under the envelope: min(available, mean load + what the battery could take + export
   * limit), rising no faster than the inverters can; noise-free (load noise is the tolerance's business).
   */
  oracleW: Float64Array
}

export interface PlantRun {
  trace: PlantTrace
  /** Every write the controller made to an inverter's limit. */
  writes: { atMs: number; id: string; percent: number | undefined }[]
  /** Times of the writes that lowered an inverter's limit (the corrective ones), ascending. */
  cutsMs: number[]
  states: ControllerState[]
  /** The ramp rates of the inverters, summed (what the oracle may rise at), W/s. */
  rampWps: number
}

interface InverterState {
  spec: PlantInverterSpec
  outputW: number
  /** Limits written, each with the time it takes effect. */
  pending: { atMs: number; limitW: number | undefined }[]
  limitW: number | undefined
}

interface BatteryState {
  spec: PlantBatterySpec
  socPct: number
  full: boolean
  powerW: number
  chargeLimitW: number | undefined
}

/** A transport the plant's targets carry for the type's sake: the plant's controls never touch it. */
class NoTransport implements ModbusTransport {
  readonly kind = 'tcp' as const
  readonly description = 'plant (no bus)'
  read(): Promise<number[]> {
    return Promise.reject(new Error('the plant has no bus'))
  }
  write(): Promise<void> {
    return Promise.reject(new Error('the plant has no bus'))
  }
  state(): BusState {
    return { status: 'connected' }
  }
  queued(): number {
    return 0
  }
  close(): Promise<void> {
    return Promise.resolve()
  }
}

/** What the plant's controls answer: nothing was read back (the plant applies the value itself). */
const NO_RESULT = (model: number): ControlResult => ({
  model,
  wrote: [],
  readBack: { id: model, length: 0, address: 0, name: 'plant', label: 'plant', root: { name: 'plant', points: {}, pointList: [], groups: {} } },
})

export async function runPlant(scenario: PlantScenario): Promise<PlantRun> {
  const clock = new FakeClock(scenario.startMs)
  const plant = createPlantState(scenario)
  const writes: PlantRun['writes'] = []
  const listeners: ((s: SiteSample) => void)[] = []
  const samples: SiteSampleSource = {
    on: (_name, fn) => {
      listeners.push(fn)
      return () => listeners.splice(listeners.indexOf(fn), 1)
    },
  }
  const transport = new NoTransport()
  const target = (unitId: number): ControlTarget => ({ transport, unitId, models: [] })
  const controls = plantControls(plant, clock, writes)
  const controller = createSiteController({
    clock,
    samples,
    inverters: plant.inverters.map((inv, k) => ({ id: inv.spec.id, ratedW: inv.spec.ratedW, target: target(k + 1) })),
    batteries: plant.battery ? [{ id: 'battery', ratedChargeW: plant.battery.spec.ratedW, target: target(100) }] : [],
    limits: { at: scenario.envelope },
    fixed: { expLimW: 1500, impLimW: 1500 },
    controls,
    ...(scenario.settings ? { settings: scenario.settings } : {}),
  })
  const states: ControllerState[] = []
  controller.on('state', (s) => states.push(s))
  controller.start()
  const ticks = Math.floor(scenario.durationMs / PLANT_TICK_MS)
  const trace = emptyTrace(ticks)
  const perSample = PLANT_SAMPLE_MS / PLANT_TICK_MS
  const rampWps = scenario.inverters.reduce((a, i) => a + i.rampWps, 0)
  let oracleW = 0
  for (let k = 0; k < ticks; k++) {
    clock.advance(PLANT_TICK_MS)
    const now = clock.now()
    const site = plant.step(now, PLANT_TICK_MS)
    const expLimW = scenario.envelope(now).expLimW ?? Infinity
    oracleW = Math.min(oracleTargetW(plant, site, expLimW), oracleW + (rampWps * PLANT_TICK_MS) / 1000)
    record(trace, k, { tMs: now, ...site, expLimW, setpointW: controller.state().commanded.generationW ?? Infinity, oracleW })
    if (k % perSample === perSample - 1) {
      const sample = plant.sample(clock.now())
      for (const fn of listeners) fn(sample)
      await controller.idle()
    }
  }
  controller.stop()
  return { trace, writes, cutsMs: cutTimes(writes), states, rampWps }
}

/** What the oracle may generate now: the available PV, or the mean load + the battery's room + the export limit. */
function oracleTargetW(plant: PlantState, site: { loadMeanW: number; availableW: number; batteryW: number }, expLimW: number): number {
  const battery = plant.battery
  const roomW = !battery ? 0 : battery.spec.mode === 'self-consumption' && !battery.full ? battery.spec.ratedW : Math.max(0, -site.batteryW)
  const baseLoadW = site.loadMeanW - Math.max(0, -site.batteryW)
  return Math.max(0, Math.min(site.availableW, baseLoadW + roomW + expLimW))
}

function cutTimes(writes: PlantRun['writes']): number[] {
  const last = new Map<string, number>()
  const cuts: number[] = []
  for (const w of writes) {
    const percent = w.percent ?? 100
    if (percent < (last.get(w.id) ?? 100)) cuts.push(w.atMs)
    last.set(w.id, percent)
  }
  return cuts
}

function plantControls(plant: PlantState, clock: FakeClock, writes: PlantRun['writes']): DeviceControls {
  return {
    setActivePowerLimit: (t: ControlTarget, req: PowerLimitRequest) => {
      const inv = plant.inverters[t.unitId - 1]
      if (inv) {
        const limitW = req.percent === undefined ? undefined : (req.percent / 100) * inv.spec.ratedW
        inv.pending.push({ atMs: clock.now() + inv.spec.delayMs, limitW })
        writes.push({ atMs: clock.now(), id: inv.spec.id, percent: req.percent })
      }
      return Promise.resolve(NO_RESULT(t.unitId))
    },
    setConnected: (t: ControlTarget) => Promise.resolve(NO_RESULT(t.unitId)),
    setStorageRates: (t: ControlTarget, req: StorageRateRequest) => {
      if (plant.battery) plant.battery.chargeLimitW = req.chargePct === undefined ? undefined : (req.chargePct / 100) * plant.battery.spec.ratedW
      return Promise.resolve(NO_RESULT(t.unitId))
    },
  }
}

interface PlantState {
  inverters: InverterState[]
  battery: BatteryState | undefined
  step(nowMs: number, dtMs: number): { siteW: number; loadMeanW: number; generationW: number; availableW: number; batteryW: number }
  sample(nowMs: number): SiteSample
}

function createPlantState(scenario: PlantScenario): PlantState {
  const random = createPrng(scenario.seed)
  const inverters: InverterState[] = scenario.inverters.map((spec) => ({ spec, outputW: 0, pending: [], limitW: undefined }))
  const battery: BatteryState | undefined = scenario.battery ? { spec: scenario.battery, socPct: scenario.battery.socPct, full: scenario.battery.socPct >= 100, powerW: 0, chargeLimitW: undefined } : undefined
  const site: SimSiteState = { loadW: { A: 0, B: 0, C: 0 }, siteW: { A: 0, B: 0, C: 0 }, batteryW: 0, importWh: 0, exportWh: 0 }
  let seq = 0
  return {
    inverters,
    battery,
    step(nowMs, dtMs) {
      const availability = scenario.availability(nowMs)
      for (const inv of inverters) stepPlantInverter(inv, nowMs, availability, dtMs)
      const generationW = inverters.reduce((a, i) => a + i.outputW, 0)
      const loadMean = scenario.loadW(nowMs)
      site.loadW = householdLoad(loadMean, scenario.loadNoiseW, random)
      const loadW = site.loadW.A + site.loadW.B + site.loadW.C
      const batteryW = battery ? stepPlantBattery(battery, generationW - loadW, dtMs) : 0
      site.batteryW = batteryW
      site.siteW = siteFlows({ loadW: site.loadW, devices: [...inverters.map((i) => ({ phases: i.spec.phases, outputW: i.outputW })), { phases: ['A'], outputW: batteryW }] })
      const availableW = inverters.reduce((a, i) => a + i.spec.ratedW * Math.max(0, Math.min(1, availability)), 0)
      return { siteW: site.siteW.A + site.siteW.B + site.siteW.C, loadMeanW: loadMean - Math.min(0, batteryW), generationW, availableW, batteryW }
    },
    sample(nowMs) {
      const der = (w: number): DerLive => ({ W: w, var: 0, VA: Math.abs(w), V: 240, Hz: 50, A: undefined, PF: 1, energyWh: undefined, state: undefined })
      const devices: DeviceSample[] = [
        { deviceId: 'site-meter', role: 'site-meter', ok: true, der: undefined, meter: meterReading(site), atMs: nowMs },
        ...inverters.map((i): DeviceSample => ({ deviceId: i.spec.id, role: 'inverter', ok: true, der: der(Math.round(i.outputW)), meter: undefined, atMs: nowMs })),
        ...(battery ? [{ deviceId: 'battery', role: 'battery' as const, ok: true as const, der: battery.spec.reportsPower ? der(Math.round(battery.powerW)) : undefined, meter: undefined, atMs: nowMs }] : []),
      ]
      const ders = devices.filter((d) => d.role !== 'site-meter').map((d) => (d.ok ? d.der : undefined))
      return { seq: seq++, at: nowMs, mono: nowMs - scenario.startMs, roundMs: 20, periodMs: PLANT_SAMPLE_MS, site: meterReading(site), der: aggregateDer(ders), devices, gap: undefined }
    },
  }
}

function stepPlantInverter(inv: InverterState, nowMs: number, availability: number, dtMs: number): void {
  while (inv.pending.length > 0 && (inv.pending[0]?.atMs ?? Infinity) <= nowMs) inv.limitW = inv.pending.shift()?.limitW
  inv.outputW = stepInverter({ ...inv.spec, outputW: inv.outputW }, { connected: true, limitW: inv.limitW, availability }, dtMs)
}

function stepPlantBattery(battery: BatteryState, surplusW: number, dtMs: number): number {
  const physics = { ratedW: battery.spec.ratedW, capacityWh: battery.spec.capacityWh, socPct: battery.socPct, reservePct: battery.spec.reservePct, full: battery.full }
  battery.powerW = batteryPowerW(physics, { mode: battery.spec.mode, chargeLimitW: battery.chargeLimitW, dischargeLimitW: undefined, surplusW })
  battery.socPct = stepBatterySoc(physics, battery.powerW, dtMs)
  battery.full = isFull({ ...physics, socPct: battery.socPct })
  return battery.powerW
}

function emptyTrace(n: number): PlantTrace {
  const a = (): Float64Array => new Float64Array(n)
  return { tMs: a(), siteW: a(), loadMeanW: a(), generationW: a(), availableW: a(), batteryW: a(), expLimW: a(), setpointW: a(), oracleW: a() }
}

const TRACE_KEYS: readonly (keyof PlantTrace)[] = ['tMs', 'siteW', 'loadMeanW', 'generationW', 'availableW', 'batteryW', 'expLimW', 'setpointW', 'oracleW']

function record(trace: PlantTrace, k: number, row: { [K in keyof PlantTrace]: number }): void {
  for (const key of TRACE_KEYS) trace[key][k] = row[key]
}
