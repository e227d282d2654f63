import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { createBusPool, type BusConnection } from './bus-pool'

describe('bus pool: one transport (one mutex) per physical bus', () => {
  const rtu = (baudRate: number): BusConnection => ({ kind: 'rtu', path: '/dev/ttyUSB0', baudRate, parity: 'none', stopBits: 1 })

  it('devices on the same RS-485 line or TCP gateway share one transport', async () => {
    const pool = createBusPool({ clock: new FakeClock() })
    expect(pool.acquire(rtu(9600))).toBe(pool.acquire(rtu(9600)))
    const gw = pool.acquire({ kind: 'tcp', host: 'Gateway.local', port: 502 })
    expect(pool.acquire({ kind: 'tcp', host: 'gateway.local', port: 502 })).toBe(gw)
    expect(pool.acquire({ kind: 'tcp', host: 'gateway.local', port: 1502 })).not.toBe(gw)
    await pool.closeAll()
  })

  it('a device asking for other serial settings on an open line is refused in words', async () => {
    const pool = createBusPool({ clock: new FakeClock() })
    pool.acquire(rtu(9600))
    expect(() => pool.acquire(rtu(19200))).toThrow(/already open at 9600 8N1; a device on the same line cannot use 19200 8N1/)
    await pool.closeAll()
  })

  it('the bus closes when its last device lets go', async () => {
    const pool = createBusPool({ clock: new FakeClock() })
    const t = pool.acquire(rtu(9600))
    pool.acquire(rtu(9600))
    await pool.release(rtu(9600))
    expect(t.state().status).toBe('idle')
    await pool.release(rtu(9600))
    expect(t.state().status).toBe('closed')
    expect(pool.acquire(rtu(9600))).not.toBe(t)
    await pool.closeAll()
  })
})
