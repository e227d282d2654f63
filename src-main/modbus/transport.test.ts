import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { describeModbusException, MODBUS_EXCEPTIONS } from '../../src-shared/devices/modbus-exception-codes'
import { expectCode } from './testing/expect-code'
import { startDeviceSimulator, type DeviceSimulator } from '../sim/devices'
import { classifyModbusError } from './classify-error'
import { ModbusExceptionError } from './errors'
import { Mutex } from './mutex'
import { createModbusRtuTransport, describeSerialSettings } from './rtu-transport'
import { createModbusTcpTransport } from './tcp-transport'
import { RECONNECT_FIRST_DELAY_MS } from './transport'

describe('Modbus exception codes in words (DEV-1)', () => {
  it.each([
    [1, 'illegal function'],
    [2, 'illegal data address'],
    [3, 'illegal data value'],
    [4, 'server device failure'],
    [5, 'acknowledge'],
    [6, 'server device busy'],
    [8, 'memory parity error'],
    [10, 'gateway path unavailable'],
    [11, 'gateway target failed to respond'],
  ])('exception %i is "%s"', (code, name) => {
    expect(MODBUS_EXCEPTIONS[code]?.name).toBe(name)
    const e = new ModbusExceptionError('read', code)
    expect(e.code).toBe('MODBUS_EXCEPTION')
    expect(e.message).toContain(`exception ${code} (${name})`)
    expect(e.hint).toBe(MODBUS_EXCEPTIONS[code]?.meaning)
  })

  it('an undefined code still gets words', () => {
    expect(describeModbusException(9).meaning).toMatch(/does not define/)
  })
})

describe('error classification', () => {
  const ctx = { what: 'read', target: '/dev/ttyUSB9', kind: 'rtu' as const, timeoutMs: 1000 }
  it.each([
    [{ modbusCode: 6, message: 'Modbus exception 6' }, 'MODBUS_EXCEPTION'],
    [{ errno: 'ETIMEDOUT', message: 'Timed out' }, 'MODBUS_TIMEOUT'],
    [new Error('CRC error'), 'MODBUS_CRC'],
    [new Error('Error: No such file or directory, cannot open /dev/ttyUSB9'), 'PORT_NOT_FOUND'],
    [new Error('Error: Permission denied, cannot open /dev/ttyUSB9'), 'PORT_PERMISSION'],
    [new Error('Error Resource temporarily unavailable Cannot lock port'), 'PORT_BUSY'],
    [new Error('connect ECONNREFUSED 127.0.0.1:502'), 'MODBUS_CONNECTION'],
  ])('%o -> %s', (raw, code) => {
    expect(classifyModbusError(raw, ctx).code).toBe(code)
  })
})

describe('serial settings', () => {
  it('describes baud, data bits, parity and stop bits', () => {
    expect(describeSerialSettings({ baudRate: 19200, parity: 'even', stopBits: 1 })).toBe('19200 8E1')
    expect(describeSerialSettings({})).toBe('9600 8N1')
  })

  it('a serial port that does not exist is PORT_NOT_FOUND', async () => {
    const t = createModbusRtuTransport({ path: '/dev/ttyDOES-NOT-EXIST', clock: new FakeClock() })
    const e = await expectCode(t.read({ unitId: 1, kind: 'holding', address: 0, count: 1 }), 'PORT_NOT_FOUND')
    expect(e.describe()).toMatch(/USB-RS485 adapter/)
    expect(t.state().status).toBe('reconnecting')
    await t.close()
  })
})

describe('bus mutex', () => {
  it('runs tasks one at a time in the order queued, even when one fails', async () => {
    const mutex = new Mutex()
    const log: string[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const first = mutex.run(async () => {
      log.push('1 start')
      await gate
      log.push('1 end')
      throw new Error('boom')
    })
    const second = mutex.run(async () => {
      log.push('2 start')
      return 2
    })
    await Promise.resolve()
    expect(log).toEqual(['1 start'])
    expect(mutex.queued).toBe(2)
    release()
    await expect(first).rejects.toThrow('boom')
    expect(await second).toBe(2)
    expect(log).toEqual(['1 start', '1 end', '2 start'])
  })
})

describe('reconnect with backoff after the device goes away (TCP)', () => {
  const clock = new FakeClock()
  let sim: DeviceSimulator
  beforeAll(async () => {
    sim = await startDeviceSimulator({ clock, tcpPort: 0 })
  })
  afterAll(async () => sim?.close())

  it('drops, waits out the backoff on the injected clock, then reconnects', async () => {
    const t = createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port, clock, timeoutMs: 300, retries: 0 })
    const read = () => t.read({ unitId: 1, kind: 'holding', address: 40000, count: 2 })
    expect(await read()).toEqual([0x5375, 0x6e53])
    expect(t.state()).toEqual({ status: 'connected' })
    sim.setFault(1, { kind: 'unplugged' })
    await expectCode(read(), 'MODBUS_CONNECTION')
    sim.setFault(1, { kind: 'none' })
    const state = t.state()
    expect(state.status).toBe('reconnecting')
    // within the backoff the bus does not hammer the device: the same error comes straight back
    await expectCode(read(), 'MODBUS_CONNECTION')
    clock.advance(RECONNECT_FIRST_DELAY_MS)
    expect(await read()).toEqual([0x5375, 0x6e53])
    expect(t.state()).toEqual({ status: 'connected' })
    await t.close()
    expect(t.state()).toEqual({ status: 'closed' })
  })

  it('retries a timed-out request the configured number of times, then reports MODBUS_TIMEOUT', async () => {
    const t = createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port, clock, timeoutMs: 150, retries: 2 })
    sim.setFault(2, { kind: 'timeout' })
    const before = sim.requests(2)
    try {
      await expectCode(t.read({ unitId: 2, kind: 'holding', address: 40000, count: 2 }), 'MODBUS_TIMEOUT')
    } finally {
      sim.setFault(2, { kind: 'none' })
    }
    expect(sim.requests(2) - before).toBe(3)
    await t.close()
  })

  it('a request cancelled while queued behind the bus mutex is never sent (MODBUS_ABORTED)', async () => {
    const t = createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port, clock, timeoutMs: 300 })
    const abort = new AbortController()
    const before = sim.requests(3)
    const first = t.read({ unitId: 1, kind: 'holding', address: 40000, count: 2 })
    const second = t.read({ unitId: 3, kind: 'holding', address: 40000, count: 2, signal: abort.signal })
    abort.abort()
    expect(await first).toEqual([0x5375, 0x6e53])
    await expectCode(second, 'MODBUS_ABORTED')
    expect(sim.requests(3)).toBe(before)
    await t.close()
  })

  it('connection refused is MODBUS_CONNECTION with a hint', async () => {
    const server = createServer()
    const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)))
    await new Promise<void>((r) => server.close(() => r()))
    const t = createModbusTcpTransport({ host: '127.0.0.1', port, clock, timeoutMs: 300 })
    const e = await expectCode(t.read({ unitId: 1, kind: 'holding', address: 0, count: 1 }), 'MODBUS_CONNECTION')
    expect(e.hint).toMatch(/address and port/)
    await t.close()
  })
})
