/**
 * Test harness: the device simulator over real Modbus TCP, the device manager and the site controller on one
 * FakeClock, stepped one sampling period at a time (no wall-clock sleeps: I/O completes between clock steps).
 */
import type { FakeClock } from '../../../src-shared/clock'
import type { EnvelopeInput } from '../../../src-shared/site-control'
import { createDeviceManager, type DeviceManager, type SiteSample } from '../../devices/device-manager'
import { managedDeviceFromScan } from '../../devices/managed-device'
import { scanDevice, type ScannedDevice } from '../../devices/scan'
import { createModbusTcpTransport } from '../../modbus/tcp-transport'
import type { ModbusTransport } from '../../modbus/transport'
import { startDeviceSimulator, type DeviceSimulator, type SimScenario } from '../../sim/devices'
import type { ControlledBattery, ControlledInverter } from '../ports'
import { createSiteController, type SiteController, type SiteControllerOptions } from '../site-controller'

/**
 * A guard, not a sleep: modbus-serial times a request out on the wall clock (300 ms here), so a round that waits on a
 * silent device finishes in real time; wait for its sample up to this long before moving the fake clock on.
 */
const MAX_WAIT_WALL_MS = 3000
export const SAMPLE_STEP_MS = 200
const WALL_STEP_MS = 2

export interface SimHarness {
  sim: DeviceSimulator
  transport: ModbusTransport
  manager: DeviceManager
  controller: SiteController
  battery: ScannedDevice
  samples: SiteSample[]
  /** Advance the clock by `ms` in sampling steps, letting each round's reads and the controller's writes finish. */
  run(ms: number): Promise<void>
  close(): Promise<void>
}

export async function startSimHarness(options: {
  clock: FakeClock
  scenario: Partial<SimScenario>
  limits: (nowMs: number) => EnvelopeInput
  controller: Partial<SiteControllerOptions>
  /** Let the controller manage the simulated battery (unit 3) for the import limit. */
  manageBattery?: boolean
  /** Modbus request timeout (wall clock, modbus-serial's own timer); default 300 ms. */
  modbusTimeoutMs?: number
  /**
   * Move the FakeClock on by the wall time a round's I/O takes while waiting for it, so a silent device's timeouts
   * cost clock time as they do on a real bus (and queue the reads behind them). Default false: I/O is instant.
   */
  ioCostsClockTime?: boolean
}): Promise<SimHarness> {
  const { clock } = options
  const sim = await startDeviceSimulator({ clock, tcpPort: 0, scenario: options.scenario })
  const transport = createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port ?? 0, clock, timeoutMs: options.modbusTimeoutMs ?? 300, retries: 0 })
  const meter = await scanDevice(transport, { unitId: 4 })
  const inverters = [await scanDevice(transport, { unitId: 1 }), await scanDevice(transport, { unitId: 2 })]
  const battery = await scanDevice(transport, { unitId: 3 })
  const manager = createDeviceManager({ clock, devices: [
      managedDeviceFromScan(meter, transport, { id: 'site-meter-4', role: 'site-meter' }),
      ...inverters.map((d) => managedDeviceFromScan(d, transport, { id: `inverter-${d.unitId}`, role: 'inverter' })),
      ...(options.manageBattery ? [managedDeviceFromScan(battery, transport, { id: 'battery-3', role: 'battery' })] : []),
    ],
  })
  const batteries: ControlledBattery[] =
    options.manageBattery && battery.kind === 'sunspec'
      ? [{ id: 'battery-3', ratedChargeW: battery.ratings.WChaMax ?? 0, target: { transport, unitId: 3, models: battery.models } }]
      : []
  const controlled: ControlledInverter[] = inverters.map((d) => ({
    id: `inverter-${d.unitId}`,
    ratedW: d.kind === 'sunspec' ? (d.ratings.WRtg ?? 0) : 0,
    target: d.kind === 'sunspec' ? { transport, unitId: d.unitId, models: d.models } : undefined,
  }))
  const controller = createSiteController({
    clock,
    samples: manager,
    inverters: controlled,
    batteries,
    limits: { at: options.limits },
    fixed: { expLimW: 1500 },
    ...options.controller,
  })
  const samples: SiteSample[] = []
  manager.on('sample', (s) => samples.push(s))
  controller.start()
  manager.start()
  const run = async (ms: number): Promise<void> => {
    if (options.ioCostsClockTime) return followWallTime(clock, ms)
    const end = clock.now() + ms
    while (clock.now() < end) {
      const before = samples.length
      // Step by the sampler's current period (it slows to 1 s while a device times out) so a round is due each step.
      const status = manager.status()
      const step = status.state === 'running' ? status.periodMs : SAMPLE_STEP_MS
      clock.advance(Math.min(step, end - clock.now()))
      await turnsUntil(() => samples.length > before)
      await settled(controller.idle())
    }
  }
  const close = async (): Promise<void> => {
    controller.stop()
    manager.stop()
    await transport.close()
    await sim.close()
  }
  return { sim, transport, manager, controller, battery, samples, run, close }
}

async function turnsUntil(done: () => boolean): Promise<void> {
  const giveUpAt = Date.now() + MAX_WAIT_WALL_MS
  while (!done() && Date.now() < giveUpAt) await new Promise<void>((resolve) => setImmediate(resolve))
}

/** Wait for `p`, but no longer than MAX_WAIT_WALL_MS. */
async function settled(p: Promise<void>): Promise<void> {
  let done = false
  void p.finally(() => {
    done = true
  })
  await turnsUntil(() => done)
}

/**
 * ioCostsClockTime: the FakeClock keeps pace with the wall clock for `ms`, because modbus-serial's timeouts run on the
 * wall clock and must cost the same time on the FakeClock (every timestamp the test checks still comes from it).
 * The short wall timer only yields between steps; nothing waits for a result on it.
 */
async function followWallTime(clock: FakeClock, ms: number): Promise<void> {
  const end = clock.now() + ms
  let last = Date.now()
  while (clock.now() < end) {
    await new Promise<void>((resolve) => setTimeout(resolve, WALL_STEP_MS))
    const now = Date.now()
    clock.advance(Math.min(now - last, end - clock.now()))
    last = now
  }
}
