/**
 * `run --config` and the registration (handbook 10.1, cactus ALL-03-REJ): a server whose Registration pIN is not the
 * one in the config is left alone – the run stops at Registration and reads nothing of the device's below it. A device
 * the utility has not registered yet is waited for (issue 20), never a stop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { startDemoSimulators, type DemoSimulators } from './demo-run'
import { startHeadlessRun } from './headless-run'

async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

const T0 = Date.UTC(2026, 0, 15, 2, 0)

describe('run --config: registration PIN', { timeout: 120_000 }, () => {
  const clock = new FakeClock(T0)
  let demo: DemoSimulators

  beforeAll(async () => {
    demo = await startDemoSimulators({ clock })
  })
  afterAll(async () => {
    await demo?.close()
  })

  it('stops at a PIN mismatch (ALL-03-REJ) without reading the FSAs, programs or DERs', async () => {
    const config = { ...demo.config, server: { ...demo.config.server, pin: demo.utility.pin + 1 } }
    const log: string[] = []
    const started = await startHeadlessRun({ config, clock, signal: new AbortController().signal, onStatus: () => undefined, log: (l) => log.push(l) })
    expect(started.ok).toBe(false)
    if (started.ok) return
    expect(started.error.message).toMatch(/PIN/)
    const paths = demo.utility.requests.map((r) => r.path)
    expect(paths.some((p) => p.endsWith('/rg'))).toBe(true)
    expect(paths.filter((p) => /\/(fsa|derp|der|mup)\b/.test(p))).toEqual([])
    expect(demo.utility.received).toEqual([])
  })
})

describe('run --config: a device not registered yet', { timeout: 120_000 }, () => {
  it('waits for the utility to register it, saying so, then runs', async () => {
    const clock = new FakeClock(T0)
    const demo = await startDemoSimulators({ clock, utility: { unregistered: true } })
    const status: string[] = []
    let settled = false
    const starting = startHeadlessRun({ config: demo.config, clock, signal: new AbortController().signal, onStatus: (l) => status.push(l), log: () => undefined })
    void starting.finally(() => (settled = true))
    try {
      for (let i = 0; i < 5000 && status.length === 0; i++) await turns(1)
      expect(status[0]).toMatch(/^waiting for the utility to register this device \(LFDI [0-9A-F]{40}\)/)
      for (let i = 0; i < 60; i++) {
        clock.advance(10_000)
        await turns()
      }
      expect(settled).toBe(false)
      expect(status.filter((l) => l.startsWith('waiting for the utility')).length).toBeGreaterThanOrEqual(2)
      demo.utility.register()
      for (let i = 0; i < 400 && !settled; i++) {
        clock.advance(2_000)
        await turns()
      }
      const started = await starting
      expect(started.ok).toBe(true)
      if (started.ok) await started.value.stop()
    } finally {
      await demo.close()
    }
  })
})
