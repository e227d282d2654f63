/**
 * Issue 11 item 5 (handbook 10.6, 10.3.1; cactus ALL-12 on a 70x-only site), end to end over Modbus TCP against the
 * device simulator on 127.0.0.1 port 0: the 70x-only inverter (models 701-704, no 123) is disconnected through model
 * 703 ES and reconnected; its 701 ConnSt follows and so does the DERStatus genConnectStatus built from the samples.
 * An inverter with neither model 123 nor 703 cannot be disconnected: setConnected says so (CONTROL_NOT_SUPPORTED) and
 * DERCapability then claims neither opModConnect nor opModEnergize.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { aggregateDerStatus, connectSupport } from '../../src-shared/der'
import { createModbusTcpTransport } from '../modbus/tcp-transport'
import { expectCode } from '../modbus/testing/expect-code'
import type { ModbusTransport } from '../modbus/transport'
import { startDeviceSimulator, type DeviceSimulator } from '../sim/devices'
import type { ControlledInverter } from '../site/ports'
import { canDisconnect } from '../site/site-services'
import { controllerModes, derCapabilityDocument, DerStateTracker } from '../telemetry'
import { setConnected, type ControlTarget } from './control'
import type { DeviceSample } from './device-manager'
import { scanDevice, type ScannedDevice } from './scan'

const UNIT_70X = 2
const UNIT_123 = 1

function sunspec(d: ScannedDevice): Extract<ScannedDevice, { kind: 'sunspec' }> {
  if (d.kind !== 'sunspec') throw new Error('expected a SunSpec device')
  return d
}

describe('connect / disconnect on a 70x-only inverter over Modbus TCP (issue 11 item 5)', () => {
  const clock = new FakeClock(Date.UTC(2026, 0, 15, 2, 0))
  let sim: DeviceSimulator
  let transport: ModbusTransport
  beforeAll(async () => {
    sim = await startDeviceSimulator({ clock, tcpPort: 0, scenario: { pvAvailability: 0.8, loadNoiseW: 0 } })
    transport = createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port ?? 0, clock, timeoutMs: 300, retries: 0 })
  })
  afterAll(async () => {
    await transport?.close()
    await sim?.close()
  })

  /** The device's sample (the same decoding the device manager does) turned into the DERStatus genConnectStatus. */
  function genConnectStatus(scan: Extract<ScannedDevice, { kind: 'sunspec' }>, tracker: DerStateTracker): number | undefined {
    const sample: DeviceSample = { deviceId: 'inv-70x', role: 'inverter', ok: true, der: scan.der, meter: undefined }
    return aggregateDerStatus(tracker.update([sample]), { nowMs: clock.now() }).genConnectStatus?.value
  }

  it('disconnects through model 703 ES and reconnects; 701 ConnSt and genConnectStatus follow', async () => {
    clock.advance(10_000)
    const inv = sunspec(await scanDevice(transport, { unitId: UNIT_70X }))
    expect(inv.models.map((m) => m.id)).not.toContain(123)
    expect(connectSupport(inv.models.map((m) => m.id)).kind).toBe('model703')
    const target: ControlTarget = { transport, unitId: UNIT_70X, models: inv.models }
    const tracker = new DerStateTracker()
    // connected, available and operating (bits 0, 1, 2)
    expect(genConnectStatus(inv, tracker)).toBe(0b111)

    const off = await setConnected(target, false)
    expect(off.readBack.root.points.ES?.symbol).toBe('DISABLED')
    clock.advance(30_000)
    expect(sim.inverterOutputW(UNIT_70X)).toBe(0)
    const after = sunspec(await scanDevice(transport, { unitId: UNIT_70X }))
    expect(after.models.find((m) => m.id === 701)?.root.points.ConnSt?.symbol).toBe('DISCONNECTED')
    expect(after.der?.connected).toBe(false)
    expect(genConnectStatus(after, tracker)).toBe(0)

    const on = await setConnected(target, true)
    expect(on.readBack.root.points.ES?.symbol).toBe('ENABLED')
    clock.advance(30_000)
    expect(sim.inverterOutputW(UNIT_70X)).toBeGreaterThan(0)
    const back = sunspec(await scanDevice(transport, { unitId: UNIT_70X }))
    expect(back.der?.connected).toBe(true)
    expect(genConnectStatus(back, tracker)).toBe(0b111)
  })

  it('an inverter with neither 123 nor 703 says it cannot be disconnected, and the site stops claiming connect/energize', async () => {
    const inv123 = sunspec(await scanDevice(transport, { unitId: UNIT_123 }))
    const inv70x = sunspec(await scanDevice(transport, { unitId: UNIT_70X }))
    // The same 70x inverter as one that lacks model 703 (a 704-only device).
    const without703: ControlTarget = { transport, unitId: UNIT_70X, models: inv70x.models.filter((m) => m.id !== 703) }
    const e = await expectCode(setConnected(without703, false), 'CONTROL_NOT_SUPPORTED')
    expect(e.message).toMatch(/neither SunSpec model 123 \(Conn\) nor model 703/)

    const first: ControlledInverter = { id: 'inverter-1', ratedW: 5000, target: { transport, unitId: UNIT_123, models: inv123.models } }
    const both: ControlledInverter[] = [first, { id: 'inverter-2', ratedW: 3000, target: { transport, unitId: UNIT_70X, models: inv70x.models } }]
    expect(canDisconnect(both)).toBe(true)
    const oneCannot: ControlledInverter[] = [first, { id: 'inverter-2', ratedW: 3000, target: without703 }]
    expect(canDisconnect(oneCannot)).toBe(false)
    const capability = { type: 4, rtgMaxW: { value: 8000, multiplier: 0 }, rtgMaxVA: { value: 8000, multiplier: 0 } }
    const claimed = derCapabilityDocument(capability, controllerModes({ controllableLoad: false, canDisconnect: canDisconnect(both) }))
    const notClaimed = derCapabilityDocument(capability, controllerModes({ controllableLoad: false, canDisconnect: canDisconnect(oneCannot) }))
    // 2030.5 DERControlType bits 2 (opModConnect) and 3 (opModEnergize).
    expect(claimed.modesSupported.value).toBe(0x0c)
    expect(notClaimed.modesSupported.value).toBe(0)
  })
})
