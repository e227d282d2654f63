import { describe, expect, it } from 'vitest'
import { done, notDone } from './model/common'
import type { ServerSection } from './model/server-section'
import { summarise, type SummarisedParts } from './summary'
import { sampleReport } from './testing/sample-report'

const complete = (): SummarisedParts => {
  const r = sampleReport()
  const runs = r.testRuns.status === 'done' ? r.testRuns.data.runs.filter((run) => run.verdict.pass) : []
  return { ...r, testRuns: done({ runs }) }
}

const server = (parts: SummarisedParts): ServerSection => {
  if (parts.server.status !== 'done') throw new Error('sample has a server')
  return parts.server.data
}

describe('summarise (page 1 of the report)', () => {
  it('passes when every item passes (warnings allowed)', () => {
    expect(summarise(complete()).outcome).toBe('pass')
  })

  it('fails when a run fails, naming the run and its worst violation', () => {
    const s = summarise(sampleReport())
    expect(s.outcome).toBe('fail')
    expect(s.items.find((i) => i.id === 'run:run-fail')).toMatchObject({ outcome: 'fail', detail: 'Worst violation 2400 W above the ramped limit for 127.0 s' })
  })

  it('is incomplete when a step is not done and nothing failed', () => {
    const s = summarise({ ...complete(), telemetry: notDone('No telemetry posted yet') })
    expect(s.outcome).toBe('incomplete')
    expect(s.items.find((i) => i.id === 'telemetry')).toEqual({ id: 'telemetry', label: 'Telemetry posted', outcome: 'not-done', detail: 'No telemetry posted yet' })
  })

  it.each([
    ['no EndDevice', { endDevice: { found: false } }, 'fail'],
    ['LFDI mismatch', { endDevice: { found: true, lfdiMatches: false } }, 'fail'],
    ['wrong PIN', { registration: { outcome: 'fail' as const } }, 'fail'],
    ['PIN not checked', { registration: { outcome: 'not-checked' as const } }, 'warn'],
  ])('server: %s -> %s', (_name, change, outcome) => {
    const parts = complete()
    const s = summarise({ ...parts, server: done({ ...server(parts), ...change }) })
    expect(s.items.find((i) => i.id === 'server')?.outcome).toBe(outcome)
  })

  it('an aborted run is ABORTED with no verdict, never a PASS, and leaves the report incomplete', () => {
    const parts = complete()
    const runs = parts.testRuns.status === 'done' ? parts.testRuns.data.runs : []
    const first = runs[0]
    if (!first) throw new Error('sample has a passing run')
    const aborted = { ...first, aborted: true, endedAt: new Date(Date.parse(first.startedAt) + 42_000).toISOString() }
    const s = summarise({ ...parts, testRuns: done({ runs: [aborted] }) })
    expect(first.verdict.pass).toBe(true) // what it measured before the stop was under the envelope
    expect(s.items.find((i) => i.id === `run:${first.id}`)).toMatchObject({ outcome: 'aborted', detail: 'Stopped by the installer after 42 s: no verdict (run it again to completion)' })
    expect(s.outcome).toBe('incomplete')
  })

  it('a passing run whose target was never reached says so in its summary row (issue 17 item 5)', () => {
    const parts = complete()
    const first = parts.testRuns.status === 'done' ? parts.testRuns.data.runs[0] : undefined
    if (!first?.tracking) throw new Error('sample has a passing run with tracking figures')
    const unreached = { ...first, tracking: { ...first.tracking, notes: ['The 10000 W step at 350 s was never reached: …'] } }
    const s = summarise({ ...parts, testRuns: done({ runs: [unreached] }) })
    expect(s.items.find((i) => i.id === `run:${first.id}`)).toMatchObject({ outcome: 'pass', detail: expect.stringContaining('1 target(s) never reached') })
  })

  it('an empty run list is "not done", not a pass', () => {
    const s = summarise({ ...complete(), testRuns: done({ runs: [] }) })
    expect(s.items.find((i) => i.id === 'test-runs')?.outcome).toBe('not-done')
    expect(s.outcome).toBe('incomplete')
  })
})
