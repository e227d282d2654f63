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
    ['LFDI unknown to the server', { lfdi: { ours: 'AB', mode: 'device' as const, registered: false } }, 'fail', /does not know LFDI AB/],
    ['wrong PIN', { pin: { expected: 9999, found: 111115 } }, 'fail', /server holds 111115, the installer entered 9999/],
    ['PIN not entered', { pin: { found: 111115 } }, 'warn', /no PIN entered/],
    ['all facts good', {}, 'pass', /registered, PIN 111115 matches/],
  ])('server from the stored check: %s -> %s', (_name, change, outcome, detail) => {
    const parts = complete()
    const data = server(parts)
    const check = data.check ? { ...data.check, ...change } : undefined
    const row = summarise({ ...parts, server: done({ ...data, check }) }).items.find((i) => i.id === 'server')
    expect(row?.outcome).toBe(outcome)
    expect(row?.detail).toMatch(detail)
    expect(row?.detail).toMatch(/\(server check of 2026-11-18 09:50:00 AEST\)$/)
  })

  it('server: fields without a stored check give no verdict, however good they look', () => {
    const parts = complete()
    const { check: _dropped, ...rest } = server(parts)
    const row = summarise({ ...parts, server: done(rest) }).items.find((i) => i.id === 'server')
    expect(row).toMatchObject({ outcome: 'not-done', detail: expect.stringMatching(/No server check stored/) })
  })

  it.each([
    ['ok', [], 'pass', /^Export reads negative on the site meter \(live readings of 2026-11-18 09:55:00 AEST\)$/],
    ['ct-reversed', ['B'], 'fail', /^CT reversed on phase B/],
    ['phase-swapped', ['A', 'C'], 'fail', /^CT on the wrong phase on phase A, C/],
  ] as const)('CT check from the stored record: %s -> %s', (verdict, phases, outcome, detail) => {
    const parts = complete()
    const devices = parts.devices.status === 'done' ? parts.devices.data : { devices: [] }
    const ctCheck = { checkedAt: '2026-11-17T23:55:00.000Z', verdict, phases: [...phases], words: 'w' }
    const row = summarise({ ...parts, devices: done({ ...devices, ctCheck }) }).items.find((i) => i.id === 'ct-check')
    expect(row?.outcome).toBe(outcome)
    expect(row?.detail).toMatch(detail)
  })

  it('no CT check recorded is "not done", and leaves the report incomplete', () => {
    const parts = complete()
    const devices = parts.devices.status === 'done' ? parts.devices.data.devices : []
    const s = summarise({ ...parts, devices: done({ devices }) })
    expect(s.items.find((i) => i.id === 'ct-check')).toMatchObject({ outcome: 'not-done', detail: expect.stringMatching(/No CT check recorded/) })
    expect(s.outcome).toBe('incomplete')
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
