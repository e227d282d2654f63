/**
 * `run --config` and the registration (handbook 10.1, cactus ALL-03-REJ): a server whose Registration pIN is not the
 * one in the config is left alone – the run stops at Registration and reads nothing of the device's below it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { startDemoSimulators, type DemoSimulators } from './demo-run'
import { startHeadlessRun } from './headless-run'

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
