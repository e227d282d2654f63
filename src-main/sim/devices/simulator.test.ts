import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { checkMeterOrientation } from '../../../src-shared/devices/meter-orientation'
import { scanDevice } from '../../devices/scan'
import { expectCode } from '../../modbus/testing/expect-code'
import { createModbusTcpTransport } from '../../modbus/tcp-transport'
import type { ModbusTransport } from '../../modbus/transport'
import { startDeviceSimulator, type DeviceSimulator } from './index'

/** Behaviour of the simulator itself: physics over the day, read-only points, stuck values, the battery. */
describe('device simulator', () => {
  const clock = new FakeClock(Date.UTC(2026, 0, 15, 2, 0)) // 12:00 in Queensland
  let sim: DeviceSimulator
  let t: ModbusTransport
  const meterW = async () => {
    const [w = 0] = await t.read({ unitId: 4, kind: 'holding', address: 40000 + 2 + 68 + 2 + 16, count: 1 })
    return w >= 0x8000 ? w - 0x10000 : w
  }

  beforeAll(async () => {
    sim = await startDeviceSimulator({ clock, tcpPort: 0, scenario: { loadNoiseW: 0, loadBaseW: 1000 } })
    t = createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port, clock, timeoutMs: 300, retries: 0 })
  })
  afterAll(async () => {
    await t?.close()
    await sim?.close()
  })

  it('at noon the inverters ramp to their rating and the site exports (negative)', async () => {
    clock.advance(30_000)
    expect(sim.inverterOutputW(1)).toBeCloseTo(5000, 0)
    expect(sim.inverterOutputW(2)).toBeCloseTo(3000, 0)
    expect(await meterW()).toBe(1000 - 8000)
    expect(sim.site().siteW.A + sim.site().siteW.B + sim.site().siteW.C).toBeCloseTo(-7000, 0)
  })

  it('at night PV is gone and the site imports the household load', async () => {
    const night = new FakeClock(Date.UTC(2026, 0, 15, 12, 0)) // 22:00 in Queensland
    const dark = await startDeviceSimulator({ clock: night, scenario: { loadNoiseW: 0, loadBaseW: 1000 } })
    night.advance(5000)
    expect(dark.inverterOutputW(1)).toBe(0)
    expect(dark.site().siteW).toEqual({ A: 500, B: 300, C: 200 })
    await dark.close()
  })

  it('a stuck meter keeps serving the old value while the site changes', async () => {
    sim.setFault(4, { kind: 'stuck' })
    sim.setPvAvailability(0)
    clock.advance(30_000)
    expect(await meterW()).toBe(-7000)
    sim.setFault(4, { kind: 'none' })
    expect(await meterW()).toBe(1000)
  })

  it('measurement points are read-only: writing one is exception 2', async () => {
    await expectCode(t.write({ unitId: 1, address: 40000 + 2 + 68 + 2 + 12, values: [1] }), 'MODBUS_EXCEPTION')
  })
})

describe('sign check against a simulated installer mistake (handbook 10.8.2)', () => {
  it('a meter with the phase B CT reversed is caught by checkMeterOrientation', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 15, 2, 0))
    const sim = await startDeviceSimulator({ clock, tcpPort: 0, scenario: { loadNoiseW: 0, loadBaseW: 600, meterCtReversed: ['B'] } })
    const t = createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port, clock, timeoutMs: 300 })
    try {
      clock.advance(30_000)
      const meter = await scanDevice(t, { unitId: 4 })
      const inv = await scanDevice(t, { unitId: 1 })
      if (meter.kind !== 'sunspec' || !meter.meter || inv.kind !== 'sunspec') throw new Error('expected SunSpec meter and inverter')
      const check = checkMeterOrientation({ meter: meter.meter, generationW: inv.der?.W ?? 0 })
      expect(check.verdict).toEqual({ kind: 'ct-reversed', phases: ['B'] })
      expect(check.phaseW.B).toBeGreaterThan(0)
      const sdm = await scanDevice(t, { unitId: 5, meterProfile: 'eastron-sdm630' })
      if (sdm.kind !== 'profile-meter') throw new Error('expected the SDM630')
      expect(checkMeterOrientation({ meter: sdm.meter, generationW: inv.der?.W ?? 0 }).verdict).toEqual({ kind: 'ct-reversed', phases: ['B'] })
    } finally {
      await t.close()
      await sim.close()
    }
  })
})
