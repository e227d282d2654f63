/**
 * Issue 6 "done means": the headless engine against both simulators holds export under a changing limit and posts
 * telemetry the utility simulator accepts. Handbook figure 6's schedule (1.5 kW default, 5 kW, 10 kW, back to
 * 1.5 kW) over 12 minutes at noon with full sun, on a FakeClock shared by everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { judgeCompliance } from '../../src-shared/controls'
import type { SiteSample } from '../devices/device-manager'
import { parseSep2 } from '../sep2/xml'
import { openDatabase } from '../storage/database'
import { createServerChecksRepo } from '../storage/server-checks-repo'
import { startDemoSimulators, type DemoSimulators } from './demo-run'
import { startHeadlessRun, type HeadlessRun } from './headless-run'

const T0 = Date.UTC(2026, 0, 15, 2, 0) // noon in Queensland, on a 5-minute tick
const STEP_MS = 200
const WALL_GUARD_MS = 3000

describe('headless run against both simulators', { timeout: 180_000 }, () => {
  const clock = new FakeClock(T0)
  let demo: DemoSimulators
  let run: HeadlessRun
  const samples: SiteSample[] = []
  const status: string[] = []
  const log: string[] = []

  beforeAll(async () => {
    demo = await startDemoSimulators({ clock, scenario: { pvAvailability: 1, loadNoiseW: 40 }, utilityScenario: 'figure6' })
    const started = await startHeadlessRun({ config: demo.config, clock, signal: new AbortController().signal, onStatus: (l) => status.push(l), log: (l) => log.push(l), random: () => 0 })
    if (!started.ok) throw new Error(started.error.message)
    run = started.value
    run.manager.on('sample', (s) => samples.push(s))
  })
  afterAll(async () => {
    await run?.stop()
    await demo?.close()
  })

  const waitFor = async (done: () => boolean): Promise<void> => {
    const giveUp = Date.now() + WALL_GUARD_MS
    while (!done() && Date.now() < giveUp) await new Promise<void>((resolve) => setImmediate(resolve))
  }

  it('holds export under the ramped limit and posts telemetry and DER status the simulator accepts', async () => {
    const end = T0 + 12 * 60_000
    while (clock.now() < end) {
      const before = samples.length
      clock.advance(STEP_MS)
      await waitFor(() => samples.length > before)
      await waitFor(() => !run.telemetry.busy())
    }
    const judged = samples
      .filter((s) => s.site?.total.W !== undefined && s.at > T0 + 20_000)
      .map((s) => ({ t: s.at / 1000, w: -(s.site?.total.W ?? 0) }))
    const verdict = judgeCompliance({ samples: judged, limitAt: (t) => run.limits.at(t * 1000).expLimW ?? Infinity, tolerance: { toleranceW: 0, graceS: 0 } })
    const worst = verdict.violations.reduce((a, v) => Math.max(a, v.worstExcessW), 0)
    const longest = verdict.violations.reduce((a, v) => Math.max(a, v.durationS), 0)
    console.log(`[run] ${judged.length} samples; worst overshoot ${Math.round(worst)} W, longest ${longest.toFixed(1)} s; last status: ${status.at(-1)}`)
    expect(longest).toBeLessThan(5)
    expect(status.some((l) => l.includes('limited (export)'))).toBe(true)

    const received = demo.utility.received
    const kinds = received.map((r) => r.kind)
    expect(kinds.filter((k) => k === 'MirrorUsagePoint')).toHaveLength(2)
    expect(kinds).toEqual(expect.arrayContaining(['DERStatus', 'DERCapability', 'DERSettings']))
    const readings = received.filter((r) => r.kind === 'MirrorMeterReading')
    const tags = readings.map((r) => {
      const parsed = parseSep2(r.xml, 'MirrorMeterReading')
      if (!parsed.ok) throw new Error(parsed.error.message)
      return parsed.value.doc.lastUpdateTime
    })
    // Two full intervals ended in the 12 minutes (12:05 and 12:10 local), every planned reading for each.
    expect([...new Set(tags)]).toEqual([(T0 + 300_000) / 1000, (T0 + 600_000) / 1000])
    expect(log.filter((l) => l.includes('failed'))).toEqual([])
  })
  it('stored the walk as a server-check record in its data folder (issue 17 item 1)', () => {
    const db = openDatabase(demo.config.dataDirPath)
    try {
      const check = createServerChecksRepo(db).latest(demo.config.siteId)?.record
      expect(check).toMatchObject({ completed: true, dcapUrl: demo.utility.dcapUrl, lfdi: { registered: true }, tls: { chainVerified: true } })
      expect(check?.pin.found).toBe(demo.utility.pin)
    } finally {
      db.close()
    }
  })
})
