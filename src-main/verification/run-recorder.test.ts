import { Database } from '../storage/sqlite'
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { PRESETS, profileEnvelope, type VerificationProfile } from '../../src-shared/verification/profiles'
import type { SiteSample } from '../devices/device-manager'
import { constantLimits, type SiteSampleSource } from '../site/ports'
import { migrate } from '../storage/migrations'
import { createRunsRepo } from '../storage/runs-repo'
import { createOverridableLimits, type UtilityEventProbe } from './limit-override'
import { RunRecorder } from './run-recorder'
import type { RunState } from './types'

const START = Date.UTC(2026, 10, 28, 2, 0, 0)
const preset = (id: string): VerificationProfile => PRESETS.find((p) => p.id === id) as VerificationProfile

function harness(options: { probe?: UtilityEventProbe; base?: { expLimW: number; impLimW: number }; commandedW?: () => number } = {}) {
  const clock = new FakeClock(START)
  const db = new Database(':memory:')
  migrate(db)
  db.prepare("INSERT INTO sites (id, data, created_at, updated_at) VALUES ('s1', '{}', 0, 0)").run()
  const runs = createRunsRepo(db)
  const listeners = new Set<(s: SiteSample) => void>()
  const samples: SiteSampleSource = { on: (_name, fn) => (listeners.add(fn), () => listeners.delete(fn)) }
  const limits = createOverridableLimits(constantLimits(options.base ?? { expLimW: 1500, impLimW: 1500 }), options.probe)
  const recorder = new RunRecorder({ clock, samples, override: limits, runs, ...(options.commandedW ? { commandedW: options.commandedW } : {}) })
  const states: RunState[] = []
  recorder.on('state', (s) => states.push(s))
  /** Feed one site sample per second, the site exporting `exportAt(t)` W, until the clock reaches `untilS`. */
  function drive(untilS: number, exportAt: (t: number) => number) {
    for (let t = Math.round((clock.now() - START) / 1000) + 1; t <= untilS; t++) {
      clock.advanceTo(START + t * 1000)
      const sample = { seq: t, at: clock.now(), mono: t * 1000, roundMs: 20, periodMs: 1000, site: { phases: { A: {}, B: {}, C: {} }, total: { W: -exportAt(t) } }, der: { W: exportAt(t) + 400, reporting: 1, live: 1 }, devices: [], gap: undefined } as unknown as SiteSample
      for (const fn of listeners) fn(sample)
    }
  }
  return { clock, db, runs, limits, recorder, states, drive, listeners }
}

const tolerance = { toleranceW: 50, graceS: 0 }
const context = { defaultW: 1500, capacityW: 10_000 }

describe('verification run recorder (APP-3)', () => {
  it('passes a site that follows the figure 6 ramp, and hands the limit back at the end', () => {
    const h = harness()
    const runId = h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context })
    // While the run is on, the controller sees the run's ramped export limit: 1500 + 28 x (100 - 30) = 3460 W at 100 s.
    expect(h.limits.at(START + 100_000).expLimW).toBeCloseTo(3460, 6)
    expect(h.limits.at(START + 100_000).impLimW).toBe(1500)
    // A site that stays 100 W under the ramped envelope all the way (figure 6 arithmetic is tested in profiles.test.ts).
    const envelope = profileEnvelope(preset('figure6'), context)
    h.drive(1000, (t) => envelope.at(t).ramped - 100)
    expect(h.states.at(-1)).toMatchObject({ state: 'completed', runId, verdict: { pass: true } })
    expect(h.runs.get(runId)).toMatchObject({ outcome: 'passed', verdict: { pass: true } })
    // One point a second from 1 s to 999 s: the run ends at 1000 s, before that second's sample arrives.
    expect(h.runs.points(runId).length).toBe(999)
    expect(h.limits.at(START + 2_000_000).expLimW).toBe(1500)
    expect(h.listeners.size).toBe(0)
  })

  it('fails an inverter that keeps exporting after an export step to 0 W, with the right size and duration', () => {
    const h = harness()
    const runId = h.recorder.start({ siteId: 's1', profile: preset('export-zero'), tolerance, context })
    // The envelope falls from 1500 W at 30 s at 28 W/s; the site keeps exporting 1500 W until 100 s.
    h.drive(600, (t) => (t < 100 ? 1500 : 0))
    const run = h.runs.get(runId)
    expect(run?.outcome).toBe('failed')
    const worst = run?.verdict?.worstViolation
    // First sample above envelope + 50 W: 1500 - 28 x (t - 30) < 1450 -> t > 31.79 -> 32 s. Back within at 100 s.
    expect(worst?.start).toBeCloseTo(32, 6)
    expect(worst?.end).toBeCloseTo(100, 6)
    expect(worst?.durationS).toBeCloseTo(68, 6)
    // The envelope reaches 0 at 30 + 1500 / 28 = 83.6 s: from then on the whole 1500 W is excess.
    expect(worst?.worstExcessW).toBeCloseTo(1500, 6)
  })

  it('abort restores the utility limits at once and keeps the points recorded so far', () => {
    const h = harness()
    const runId = h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context })
    h.drive(60, () => 1000)
    h.recorder.abort()
    expect(h.limits.at(h.clock.now()).expLimW).toBe(1500)
    expect(h.runs.get(runId)).toMatchObject({ outcome: 'aborted', note: 'Aborted by the installer.' })
    expect(h.runs.points(runId).length).toBe(60)
    expect(h.states.at(-1)).toEqual({ state: 'aborted', runId, reason: 'Aborted by the installer.' })
    expect(h.clock.pending()).toBe(0)
  })

  it('refuses a second run while one is in progress', () => {
    const h = harness()
    h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context })
    expect(() => h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context })).toThrow(/already in progress/)
  })

  it('fails a run that recorded no measurement, saying why', () => {
    const h = harness()
    const runId = h.recorder.start({ siteId: 's1', profile: preset('export-zero'), tolerance, context })
    h.clock.advance(600_000)
    expect(h.runs.get(runId)).toMatchObject({ outcome: 'failed', note: expect.stringContaining('No measurements') })
  })

  it('marks a run left open by a crash as interrupted', () => {
    const h = harness()
    const runId = h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context })
    expect(h.runs.closeInterrupted(h.clock.now())).toBe(1)
    expect(h.runs.get(runId)).toMatchObject({ outcome: 'aborted', note: expect.stringContaining('Interrupted') })
  })
})

describe('advisory tracking figures and the utility event (issue 11 item 3, issue 17 item 5)', () => {
  const event = { mRID: 'EV1', programId: '/derp/0', value: 0 }

  it('stores the commanded setpoint per point and the tracking figures in the run record', () => {
    let commanded = Infinity
    const h = harness({ commandedW: () => commanded })
    const runId = h.recorder.start({ siteId: 's1', profile: preset('export-zero'), tolerance, context })
    // A setpoint hunting between 1000 and 2000 W every 2 s from 100 s on, unlimited before.
    h.drive(600, (t) => {
      commanded = t < 100 ? Infinity : t % 4 < 2 ? 1000 : 2000
      return 0
    })
    // Read back through a fresh repository on the same database: the facts are stored, not kept in memory.
    const stored = createRunsRepo(h.db)
    const points = stored.points(runId)
    expect(points[0]?.commandedW).toBe(Infinity)
    // The last point is at 599 s: 599 % 4 = 3 -> 2000 W.
    expect(points.at(-1)?.commandedW).toBe(2000)
    const tracking = stored.get(runId)?.tracking
    expect(tracking?.advisory).toBe(true)
    // Unlimited (counted as the 10 kW rating) until 99 s, then changes at 100 (down), 102 (up), … 598: every change
    // after the first is a reversal: 249.
    expect(tracking?.oscillation.reversals).toBe(249)
    expect(stored.get(runId)?.limitPolicy).toEqual({ choice: 'stricter', utilityEvent: null })
  })

  it('a run without the controller\'s setpoints stores no tracking figures rather than wrong ones', () => {
    const h = harness()
    const runId = h.recorder.start({ siteId: 's1', profile: preset('export-zero'), tolerance, context })
    h.drive(600, () => 0)
    expect(h.runs.get(runId)?.tracking).toBeNull()
  })

  it('applies the stricter of the profile and a live utility event, and judges against it', () => {
    // The utility holds export at 0 W; the figure 6 profile would allow 1500 W and more.
    const h = harness({ probe: (mode) => (mode === 'expLimW' ? event : undefined), base: { expLimW: 0, impLimW: 1500 } })
    const runId = h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context, limitPolicy: { choice: 'stricter', utilityEvent: event } })
    expect(h.limits.at(START + 100_000).expLimW).toBe(0)
    // A site exporting 1000 W breaks the utility's 0 W although it is under the profile's envelope.
    h.drive(1000, () => 1000)
    expect(h.runs.points(runId)[5]?.ramped).toBe(0)
    expect(h.runs.get(runId)).toMatchObject({ outcome: 'failed', limitPolicy: { choice: 'stricter', utilityEvent: { mRID: 'EV1' } } })
  })

  it('the installer\'s explicit override lets the profile replace the event, and the record says so', () => {
    const h = harness({ probe: (mode) => (mode === 'expLimW' ? event : undefined), base: { expLimW: 0, impLimW: 1500 } })
    const runId = h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context, limitPolicy: { choice: 'override', utilityEvent: event } })
    expect(h.limits.at(START + 100_000).expLimW).toBeCloseTo(3460, 6)
    h.recorder.abort()
    expect(h.runs.get(runId)?.limitPolicy).toEqual({ choice: 'override', utilityEvent: event })
    expect(h.limits.at(h.clock.now()).expLimW).toBe(0)
  })

  it('an override covers only the confirmed event: another event starting during the run still caps it', () => {
    let current = event
    const h = harness({ probe: (mode) => (mode === 'expLimW' ? current : undefined), base: { expLimW: 0, impLimW: 1500 } })
    h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context, limitPolicy: { choice: 'override', utilityEvent: event } })
    current = { ...event, mRID: 'EV2' }
    expect(h.limits.at(START + 100_000).expLimW).toBe(0)
  })

  it('the default control never caps the run: without an event the profile replaces it', () => {
    const h = harness({ base: { expLimW: 0, impLimW: 1500 } })
    h.recorder.start({ siteId: 's1', profile: preset('figure6'), tolerance, context })
    expect(h.limits.at(START + 100_000).expLimW).toBeCloseTo(3460, 6)
  })
})
