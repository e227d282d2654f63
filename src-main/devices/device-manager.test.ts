import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock, type Clock } from '../../src-shared/clock'
import { buildModelImage } from '../../src-shared/devices/sunspec-model-encode'
import { requireSunspecModel } from '../modbus/sunspec/model-library'
import { createMemoryTransport, place } from '../modbus/testing/memory-transport'
import { createModbusTcpTransport } from '../modbus/tcp-transport'
import type { ModbusTransport } from '../modbus/transport'
import { startDeviceSimulator, type DeviceSimulator } from '../sim/devices'
import { createDeviceManager, type DeviceManager, type SamplingStatus, type SiteSample } from './device-manager'
import { managedDeviceFromScan, type ManagedDevice } from './managed-device'
import { scanDevice } from './scan'

function nextSample(manager: DeviceManager): Promise<SiteSample> {
  return new Promise((resolve) => {
    const off = manager.on('sample', (s) => {
      off()
      resolve(s)
    })
  })
}

describe('device manager against the simulator (DEV-5)', () => {
  const clock = new FakeClock(Date.UTC(2026, 0, 15, 2, 0))
  let sim: DeviceSimulator
  let transport: ModbusTransport
  let manager: DeviceManager

  beforeAll(async () => {
    sim = await startDeviceSimulator({ clock, tcpPort: 0, scenario: { pvAvailability: 0.5, loadNoiseW: 0 } })
    transport = createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port, clock, timeoutMs: 300, retries: 0 })
    const devices = [await scanDevice(transport, { unitId: 4 }), await scanDevice(transport, { unitId: 1 }), await scanDevice(transport, { unitId: 2 })]
    manager = createDeviceManager({ clock, devices: devices.map((d) => managedDeviceFromScan(d, transport)) })
    clock.advance(20_000)
  })
  afterAll(async () => {
    manager?.stop()
    await transport?.close()
    await sim?.close()
  })

  it('samples meter and inverters every 200 ms with timestamps from one monotonic clock, DER summed', async () => {
    const statuses: SamplingStatus[] = []
    manager.on('status', (s) => statuses.push(s))
    const first = nextSample(manager)
    manager.start()
    clock.advance(0)
    const a = await first
    const second = nextSample(manager)
    clock.advance(200)
    const b = await second
    expect(b.mono - a.mono).toBe(200)
    expect(b.at - a.at).toBe(200)
    expect(b.seq).toBe(a.seq + 1)
    expect(b.periodMs).toBe(200)
    expect(b.gap).toBeUndefined()
    expect(b.der.W).toBe(Math.round(sim.inverterOutputW(1) ?? 0) + Math.round(sim.inverterOutputW(2) ?? 0))
    expect(b.der.W).toBe(2500 + 1500)
    expect(b.site?.total.W).toBeLessThan(0)
    expect(b.devices.map((d) => d.deviceId)).toEqual(['site-meter-4', 'inverter-1', 'inverter-2'])
    expect(statuses[0]).toEqual({ state: 'running', periodMs: 200, targetPeriodMs: 200, note: undefined })
  })

  it('an inverter that stops answering is flagged as a gap and left out of the DER aggregate', async () => {
    sim.setFault(2, { kind: 'timeout' })
    const pending = nextSample(manager)
    clock.advance(200)
    const s = await pending
    sim.setFault(2, { kind: 'none' })
    expect(s.gap?.missing).toEqual(['inverter-2'])
    expect(s.der.reporting).toBe(1)
    expect(s.der.W).toBe(2500)
    expect(s.der.V).toBe(240)
    const failed = s.devices.find((d) => d.deviceId === 'inverter-2')
    expect(failed?.ok === false && failed.error.code).toBe('MODBUS_TIMEOUT')
  })
})

describe('device manager on a slow bus', () => {
  it('slows to what the bus allows (at most 1 s) and says so in its status', async () => {
    const fake = new FakeClock()
    let busTime = 0
    const clock: Clock = { now: () => fake.now(), monotonic: () => fake.monotonic() + busTime, setTimeout: (f, ms) => fake.setTimeout(f, ms), clearTimeout: (id) => fake.clearTimeout(id) }
    const regs = new Map<number, number>()
    place(regs, 40002, buildModelImage(requireSunspecModel(203), { points: { W: -500, W_SF: 0 } }))
    const memory = createMemoryTransport(regs)
    // each read costs 150 ms of bus time, as at 9600 baud with a long model
    const slow: ModbusTransport = { ...memory, read: async (req) => ((busTime += 150), memory.read(req)) }
    const meter = (id: string): ManagedDevice => ({ id, role: 'site-meter', transport: slow, unitId: 1, source: { kind: 'sunspec', models: [{ id: 203, address: 40002, length: 105 }] } })
    const manager = createDeviceManager({ clock, devices: [meter('m1'), meter('m2'), meter('m3')] })
    const statuses: SamplingStatus[] = []
    manager.on('status', (s) => statuses.push(s))
    const first = nextSample(manager)
    manager.start()
    fake.advance(0)
    const s = await first
    expect(s.roundMs).toBe(450)
    expect(s.periodMs).toBe(600)
    expect(s.site?.total.W).toBe(-500)
    const last = statuses[statuses.length - 1]
    expect(last?.state === 'running' && last.periodMs).toBe(600)
    expect(last?.state === 'running' && last.note).toMatch(/every 600 ms instead of 200 ms/)
    manager.stop()
  })

  it('a bus slower than 1 s per round: period 1 s, rounds start late and are flagged as gaps', async () => {
    const fake = new FakeClock()
    let busTime = 0
    const clock: Clock = { now: () => fake.now(), monotonic: () => fake.monotonic() + busTime, setTimeout: (f, ms) => fake.setTimeout(f, ms), clearTimeout: (id) => fake.clearTimeout(id) }
    const regs = new Map<number, number>()
    place(regs, 40002, buildModelImage(requireSunspecModel(203), { points: { W: 100, W_SF: 0 } }))
    const memory = createMemoryTransport(regs)
    const slow: ModbusTransport = { ...memory, read: async (req) => ((busTime += 1700), memory.read(req)) }
    const manager = createDeviceManager({ clock, devices: [{ id: 'm', role: 'site-meter', transport: slow, unitId: 1, source: { kind: 'sunspec', models: [{ id: 203, address: 40002, length: 105 }] } }] })
    const first = nextSample(manager)
    manager.start()
    fake.advance(0)
    const a = await first
    expect(a.gap).toBeUndefined()
    expect(manager.status()).toMatchObject({ state: 'running', periodMs: 1000, note: expect.stringMatching(/more than 1 s/) })
    const second = nextSample(manager)
    fake.advance(0)
    const b = await second
    expect(b.mono - a.mono).toBe(1700)
    expect(b.gap).toEqual({ intervalMs: 1700, missing: [] })
    manager.stop()
  })
})
