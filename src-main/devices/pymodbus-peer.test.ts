import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import type { ModbusExceptionError } from '../modbus/errors'
import { createModbusRtuTransport } from '../modbus/rtu-transport'
import { createModbusTcpTransport } from '../modbus/tcp-transport'
import { startPymodbusPeer, type PymodbusPeer } from '../modbus/testing/pymodbus-peer'
import { openPtyPair, type PtyPair } from '../modbus/testing/socat-pair'
import type { ModbusTransport } from '../modbus/transport'
import { setActivePowerLimit } from './control'
import { scanDevice } from './scan'
import { expectCode } from '../modbus/testing/expect-code'

/**
 * DEV-1/2/4 against a Modbus server we did not write (Debian's python3-pymodbus 3.0), serving a SunSpec map written
 * by hand in the Python script, over TCP and over RTU on a socat pty pair.
 */
function peerChecks(get: () => ModbusTransport): void {
  it('discovers SunSpec at 40000, decodes 1 and 103 (scale factors positive, negative, missing), skips the unknown model by its length', async () => {
    const d = await scanDevice(get(), { unitId: 1 })
    if (d.kind !== 'sunspec') throw new Error('expected SunSpec')
    expect(d.models.map((m) => m.id)).toEqual([1, 103, 123])
    expect(d.skipped).toEqual([{ id: 64900, address: 40000 + 2 + 68 + 52, length: 3 }])
    expect(d.identity).toEqual({ manufacturer: 'PeerCo', model: 'Peer-Inverter', serial: 'PEER-0001', version: '2.0', options: undefined })
    expect(d.der).toMatchObject({ W: 2990, V: 240.5, Hz: 50.01, var: -150, A: 12.5, PF: undefined, energyWh: 12345, state: 'MPPT' })
    expect(d.control.kind).toBe('model123')
  })

  it('writes a power limit and confirms it by reading it back from the peer', async () => {
    const d = await scanDevice(get(), { unitId: 1 })
    if (d.kind !== 'sunspec') throw new Error('expected SunSpec')
    const r = await setActivePowerLimit({ transport: get(), unitId: 1, models: d.models }, { percent: 75, revertSeconds: 45 })
    expect(r.readBack.root.points.WMaxLimPct?.value).toBe(75)
    expect(r.readBack.root.points.WMaxLimPct_RvrtTms?.value).toBe(45)
    expect(r.readBack.root.points.WMaxLim_Ena?.symbol).toBe('ENABLED')
  })

  it('an address outside the peer map is exception 2 (illegal data address)', async () => {
    const e = (await expectCode(get().read({ unitId: 1, kind: 'holding', address: 41000, count: 2 }), 'MODBUS_EXCEPTION')) as ModbusExceptionError
    expect(e.exceptionCode).toBe(2)
  })

  it('a unit id the peer does not serve stays silent: MODBUS_TIMEOUT, and the bus still works after it', async () => {
    await expectCode(get().read({ unitId: 9, kind: 'holding', address: 40000, count: 2 }), 'MODBUS_TIMEOUT')
    expect(await get().read({ unitId: 1, kind: 'holding', address: 40000, count: 2 })).toEqual([0x5375, 0x6e53])
  })
}

describe('pymodbus peer over Modbus TCP', () => {
  let peer: PymodbusPeer
  let transport: ModbusTransport
  beforeAll(async () => {
    peer = await startPymodbusPeer({ kind: 'tcp' })
    transport = createModbusTcpTransport({ host: '127.0.0.1', port: peer.port, clock: new FakeClock(), timeoutMs: 500, retries: 0 })
  })
  afterAll(async () => {
    await transport?.close()
    await peer?.close()
  })
  peerChecks(() => transport)
})

describe('pymodbus peer over Modbus RTU (socat pty pair)', () => {
  let pair: PtyPair
  let peer: PymodbusPeer
  let transport: ModbusTransport
  beforeAll(async () => {
    pair = await openPtyPair()
    peer = await startPymodbusPeer({ kind: 'rtu', path: pair.a })
    transport = createModbusRtuTransport({ path: pair.b, baudRate: 19200, clock: new FakeClock(), timeoutMs: 500, retries: 0 })
  })
  afterAll(async () => {
    await transport?.close()
    await peer?.close()
    await pair?.close()
  })
  peerChecks(() => transport)
})
