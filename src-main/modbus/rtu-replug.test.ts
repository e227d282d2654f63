import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { AppError } from '../errors'
import { startDeviceSimulator, type DeviceSimulator } from '../sim/devices'
import { createModbusRtuTransport } from './rtu-transport'
import { openPtyPair, type PtyPair } from './testing/socat-pair'
import { RECONNECT_FIRST_DELAY_MS } from './transport'

/**
 * DEV-1: a USB-RS485 adapter unplugged and plugged back in. The socat pair's ends are symlinks with fixed names, so
 * closing socat removes the "adapter" and starting it again brings it back under the same path.
 */
describe('RTU reconnect after the adapter is unplugged', () => {
  const clock = new FakeClock()
  let dir: string
  let pair: PtyPair | undefined
  let sim: DeviceSimulator | undefined

  async function plugIn(): Promise<void> {
    pair = await openPtyPair({ a: join(dir, 'device'), b: join(dir, 'adapter') })
    sim = await startDeviceSimulator({ clock, serialPath: pair.a, baudRate: 19200 })
  }

  async function unplug(): Promise<void> {
    await sim?.close()
    await pair?.close()
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rtu-replug-'))
    await plugIn()
  })
  afterAll(async () => {
    await unplug()
    await rm(dir, { recursive: true, force: true })
  })

  it('fails while unplugged, holds off for the backoff, then reconnects by itself', async () => {
    const t = createModbusRtuTransport({ path: join(dir, 'adapter'), baudRate: 19200, clock, timeoutMs: 300, retries: 0 })
    const read = () => t.read({ unitId: 1, kind: 'holding', address: 40000, count: 2 })
    expect(await read()).toEqual([0x5375, 0x6e53])
    await unplug()
    const first = await read().then(() => undefined, (e: unknown) => e)
    expect(first).toBeInstanceOf(AppError)
    // usually the closed port is noticed at once (PORT_NOT_FOUND on reopening); on a busy machine the request may go out first
    expect(['PORT_NOT_FOUND', 'MODBUS_CONNECTION']).toContain((first as AppError).code)
    expect(t.state()).toMatchObject({ status: 'reconnecting', attempt: 1, retryInMs: RECONNECT_FIRST_DELAY_MS })
    await plugIn()
    // within the backoff the port is not touched, even though it is back: the error that took the bus down is repeated
    expect(await read().then(() => undefined, (e: unknown) => e)).toBe(first)
    clock.advance(RECONNECT_FIRST_DELAY_MS)
    expect(await read()).toEqual([0x5375, 0x6e53])
    expect(t.state()).toEqual({ status: 'connected' })
    await t.close()
  })
})
