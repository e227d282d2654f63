import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { createModbusRtuTransport } from '../modbus/rtu-transport'
import type { ModbusTransport } from '../modbus/transport'
import { startDeviceSimulator, type DeviceSimulator } from '../sim/devices'
import { openPtyPair, type PtyPair } from '../modbus/testing/socat-pair'
import { describeSimDeviceSuite } from './testing/sim-device-suite'
import { expectCode } from '../modbus/testing/expect-code'

/** DEV-1..DEV-4 over Modbus RTU: the simulator on one end of a socat pty pair, our RTU transport on the other. */
let pair: PtyPair | undefined

describeSimDeviceSuite('device simulator over Modbus RTU (socat pty pair)', {
  async simOptions() {
    pair = await openPtyPair()
    return { serialPath: pair.a, baudRate: 19200 }
  },
  transport: (_sim, clock) => createModbusRtuTransport({ path: pair?.b ?? '', baudRate: 19200, parity: 'none', stopBits: 1, clock, timeoutMs: 300, retries: 0 }),
  teardown: async () => pair?.close(),
})

describe('RTU line errors', () => {
  const clock = new FakeClock()
  let crcPair: PtyPair
  let sim: DeviceSimulator
  let transport: ModbusTransport
  beforeAll(async () => {
    crcPair = await openPtyPair()
    sim = await startDeviceSimulator({ clock, serialPath: crcPair.a, baudRate: 19200 })
    transport = createModbusRtuTransport({ path: crcPair.b, baudRate: 19200, clock, timeoutMs: 300, retries: 2 })
  })
  afterAll(async () => {
    await transport?.close()
    await sim?.close()
    await crcPair?.close()
  })

  it('a reply with a bad CRC is MODBUS_CRC after the configured retries (1 + 2 requests)', async () => {
    sim.setFault(1, { kind: 'corrupt' })
    const before = sim.requests(1)
    try {
      const e = await expectCode(transport.read({ unitId: 1, kind: 'holding', address: 40000, count: 2 }), 'MODBUS_CRC')
      expect(e.hint).toMatch(/baud\/parity/)
    } finally {
      sim.setFault(1, { kind: 'none' })
    }
    expect(sim.requests(1) - before).toBe(3)
    expect(await transport.read({ unitId: 1, kind: 'holding', address: 40000, count: 2 })).toEqual([0x5375, 0x6e53])
  })
})
