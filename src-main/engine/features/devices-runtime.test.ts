import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { SiteSample } from '../../devices'
import { createDeviceRuntime } from './devices-runtime'

describe('device runtime', () => {
  it('hands every sample to each consumer, even when one of them throws, until it unsubscribes', async () => {
    const runtime = createDeviceRuntime({ clock: new FakeClock() })
    const seen: number[] = []
    runtime.onSample(() => {
      throw new Error('broken consumer')
    })
    const off = runtime.onSample((siteId, s) => seen.push(s.seq))
    const sample = { seq: 1 } as unknown as SiteSample
    runtime.emitSample('s', sample)
    off()
    runtime.emitSample('s', { seq: 2 } as unknown as SiteSample)
    expect(seen).toEqual([1])
    await runtime.close()
  })

  it('starts the built-in simulator once, on 127.0.0.1, and closes it', async () => {
    const runtime = createDeviceRuntime({ clock: new FakeClock() })
    const [a, b] = await Promise.all([runtime.simulator(), runtime.simulator()])
    expect(a).toBe(b)
    expect(a.tcp?.host).toBe('127.0.0.1')
    expect(runtime.runningSimulator()).toBe(a)
    await runtime.close()
    expect(runtime.runningSimulator()).toBeUndefined()
  })
})
