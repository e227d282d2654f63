import type { Clock, TimerId } from '../../../src-shared/clock'
import { meterProfile } from '../../devices/meter-profiles'
import { batteryMap, inverter123Map, inverter704Map, meter203Map } from './device-maps'
import type { DeviceFault } from './faults'
import type { SimUnit } from './modbus-pdu'
import { startSimRtuServer, type SimRtuServer } from './rtu-server'
import { DEFAULT_SIM_SCENARIO, type SimScenario } from './scenario'
import { ProfileMeterUnit, SunSpecUnit } from './sim-units'
import { createSitePhysics, currentAvailability, meterReading, stepBattery, stepInverters, writeMeter203, type SimBatteryState, type SimInverterState, type SimSiteState } from './site-physics'
import { startSimTcpServer, type SimTcpServer } from './tcp-server'

/**
 * The device simulator (a product feature: demo mode and tests). Serves simulated SunSpec inverters, a battery, a
 * SunSpec meter and an SDM630-profile meter over Modbus TCP on 127.0.0.1 and/or Modbus RTU on a serial path.
 */
export interface StartDeviceSimulatorOptions {
  clock: Clock
  /** Serve Modbus TCP on this port (0 = any free port). Omit both tcpPort and serialPath to get TCP on a free port. */
  tcpPort?: number
  /** Serve Modbus RTU on this serial device (e.g. one end of a socat pty pair). */
  serialPath?: string
  baudRate?: number
  scenario?: Partial<SimScenario>
}

export interface SimUnitInfo {
  unitId: number
  kind: 'inverter-123' | 'inverter-704' | 'battery' | 'meter-sunspec' | 'meter-sdm630'
  description: string
}

export interface DeviceSimulator {
  tcp: { host: string; port: number } | undefined
  serial: { path: string } | undefined
  units: SimUnitInfo[]
  setFault(unitId: number, fault: DeviceFault): void
  /** Change the PV availability (0..1) the inverters see. */
  setPvAvailability(fraction: number | undefined): void
  inverterOutputW(unitId: number): number | undefined
  site(): SimSiteState
  /** Requests received for a unit id since start (to check retries). */
  requests(unitId: number): number
  /** Run one physics step now (tests; the clock's timer runs it every tickMs). */
  step(): void
  close(): Promise<void>
}

type FaultableUnit = SimUnit & { setFault(f: DeviceFault): void }

interface Built {
  units: Map<number, FaultableUnit>
  info: SimUnitInfo[]
  inverters: SimInverterState[]
  battery: SunSpecUnit | undefined
  meter203: SunSpecUnit | undefined
  sdm630: ProfileMeterUnit | undefined
}

function buildUnits(scenario: SimScenario, clock: Clock): Built {
  const built: Built = { units: new Map(), info: [], inverters: [], battery: undefined, meter203: undefined, sdm630: undefined }
  for (const spec of scenario.inverters) {
    const map = spec.controls === '123' ? inverter123Map(spec) : inverter704Map(spec)
    const state: SimInverterState = { ...spec, outputW: 0, energyWh: 0, map, lastControlWriteAt: clock.monotonic() }
    const unit = new SunSpecUnit(spec.unitId, map)
    const write = unit.writeHolding.bind(unit)
    unit.writeHolding = (address, values) => {
      state.lastControlWriteAt = clock.monotonic()
      return write(address, values)
    }
    built.inverters.push(state)
    built.units.set(spec.unitId, unit)
    const models = spec.controls === '123' ? '1, 103, 120-123, 160' : '1, 701-704'
    built.info.push({ unitId: spec.unitId, kind: `inverter-${spec.controls}`, description: `${spec.ratedW} W inverter, SunSpec models ${models}, ramp ${spec.rampWps} W/s` })
  }
  if (scenario.battery) {
    built.battery = new SunSpecUnit(scenario.battery.unitId, batteryMap(scenario.battery))
    built.units.set(scenario.battery.unitId, built.battery)
    built.info.push({ unitId: scenario.battery.unitId, kind: 'battery', description: `${scenario.battery.ratedW} W battery, SunSpec models 1, 124` })
  }
  if (scenario.sunspecMeterUnit !== undefined) {
    built.meter203 = new SunSpecUnit(scenario.sunspecMeterUnit, meter203Map(scenario.sunspecMeterUnit))
    built.units.set(scenario.sunspecMeterUnit, built.meter203)
    built.info.push({ unitId: scenario.sunspecMeterUnit, kind: 'meter-sunspec', description: 'site meter, SunSpec models 1, 203' })
  }
  const profile = meterProfile('eastron-sdm630')
  if (scenario.sdm630MeterUnit !== undefined && profile) {
    built.sdm630 = new ProfileMeterUnit(scenario.sdm630MeterUnit, profile)
    built.units.set(scenario.sdm630MeterUnit, built.sdm630)
    built.info.push({ unitId: scenario.sdm630MeterUnit, kind: 'meter-sdm630', description: 'site meter, Eastron SDM630 register map (input registers)' })
  }
  return built
}

interface SiteLoop {
  site: SimSiteState
  step(): void
  setAvailability(fraction: number | undefined): void
  stop(): void
}

/** The physics, stepped every tickMs on the injected clock. */
function startSiteLoop(scenario: SimScenario, built: Built, clock: Clock): SiteLoop {
  const physics = createSitePhysics(scenario)
  const site: SimSiteState = { loadW: { A: 0, B: 0, C: 0 }, siteW: { A: 0, B: 0, C: 0 }, batteryW: 0, importWh: 0, exportWh: 0 }
  let availabilityOverride = scenario.pvAvailability
  const battery: SimBatteryState | undefined = scenario.battery ? { capacityWh: scenario.battery.capacityWh, socPct: scenario.battery.socPct } : undefined
  let last = clock.monotonic()
  const step = () => {
    const now = clock.monotonic()
    const dt = Math.max(0, now - last)
    last = now
    stepInverters(built.inverters, availabilityOverride ?? currentAvailability(scenario, clock.now()), dt, now)
    // Surplus solar over the household load of the last step: what a self-consumption battery may charge from.
    const surplusW = built.inverters.reduce((sum, inv) => sum + inv.outputW, 0) - (site.loadW.A + site.loadW.B + site.loadW.C)
    site.batteryW = built.battery && battery ? stepBattery(built.battery.map, battery, { mode: scenario.batteryMode ?? 'self-consumption', surplusW, dtMs: dt }) : 0
    const devices = [...built.inverters, ...(built.battery ? [{ phases: ['A' as const], outputW: site.batteryW }] : [])]
    physics(clock.now(), devices, dt, site)
    const reading = meterReading(site, scenario.meterCtReversed)
    if (built.meter203) writeMeter203(built.meter203.map, reading)
    built.sdm630?.update(reading)
  }
  step()
  let timer: TimerId | undefined
  const loop = () => {
    step()
    timer = clock.setTimeout(loop, scenario.tickMs)
  }
  timer = clock.setTimeout(loop, scenario.tickMs)
  return {
    site,
    step,
    setAvailability: (fraction) => (availabilityOverride = fraction),
    stop: () => {
      if (timer !== undefined) clock.clearTimeout(timer)
      timer = undefined
    },
  }
}

async function startServers(options: StartDeviceSimulatorOptions, units: (id: number) => SimUnit | undefined): Promise<{ tcp?: SimTcpServer; rtu?: SimRtuServer }> {
  const wantTcp = options.tcpPort !== undefined || options.serialPath === undefined
  const tcp = wantTcp ? await startSimTcpServer({ port: options.tcpPort, units }) : undefined
  try {
    const rtu = options.serialPath ? await startSimRtuServer({ path: options.serialPath, baudRate: options.baudRate, units }) : undefined
    return { tcp, rtu }
  } catch (e) {
    await tcp?.close()
    throw e
  }
}

export async function startDeviceSimulator(options: StartDeviceSimulatorOptions): Promise<DeviceSimulator> {
  const scenario: SimScenario = { ...DEFAULT_SIM_SCENARIO, ...options.scenario }
  const built = buildUnits(scenario, options.clock)
  const counts = new Map<number, number>()
  const lookup = (id: number) => {
    counts.set(id, (counts.get(id) ?? 0) + 1)
    return built.units.get(id)
  }
  const { tcp, rtu } = await startServers(options, lookup)
  const loop = startSiteLoop(scenario, built, options.clock)
  return {
    tcp: tcp ? { host: '127.0.0.1', port: tcp.port } : undefined,
    serial: rtu ? { path: rtu.path } : undefined,
    units: built.info,
    setFault(unitId, fault) {
      built.units.get(unitId)?.setFault(fault)
      if (fault.kind === 'unplugged') tcp?.dropConnections()
    },
    setPvAvailability: (fraction) => loop.setAvailability(fraction),
    inverterOutputW: (unitId) => built.inverters.find((i) => i.unitId === unitId)?.outputW,
    site: () => ({ ...loop.site, loadW: { ...loop.site.loadW }, siteW: { ...loop.site.siteW } }),
    step: () => loop.step(),
    requests: (unitId) => counts.get(unitId) ?? 0,
    async close() {
      loop.stop()
      await Promise.all([tcp?.close(), rtu?.close()])
    },
  }
}
