import { describe, expect, it } from 'vitest'
import { ProcedureRun, type RunContext } from './procedure-run'
import { readProcedure, type Procedure } from './procedure'
import type { HarnessRecord } from './record'

function procedure(extra: Record<string, unknown>): Procedure {
  const read = readProcedure('T', {
    Description: 't',
    Category: 'Control',
    Classes: ['A'],
    TargetVersions: ['v1.2'],
    Criteria: { checks: [{ type: 'all-steps-complete', parameters: {} }, { type: 'response-contents', parameters: { latest: true, status: 1 } }] },
    Preconditions: {
      init_actions: [{ type: 'set-comms-rate', parameters: { fsa_list_poll_seconds: 60 } }],
      actions: [{ type: 'create-der-control', parameters: { start: '$(now)', duration_seconds: 60, opModExpLimW: 0, tag: 'C1' } }],
      checks: [{ type: 'end-device-contents', parameters: {} }],
    },
    Steps: {
      ASKED: {
        event: { type: 'GET-request-received', parameters: { endpoint: '/edev/1/derp/1/derc' } },
        actions: [{ type: 'remove-steps', parameters: { steps: ['ASKED'] } }],
      },
    },
    ...extra,
  })
  if (!read.ok) throw new Error(read.error.message)
  return read.value
}

function harness(p: Procedure) {
  const record: { -readonly [K in keyof HarnessRecord]: HarnessRecord[K] } = { startedAtMs: 0, requests: [], responses: [], controls: [], endDevices: [], readings: [] }
  const ctx: RunContext = {
    record: () => record,
    expressions: (atMs) => ({ nowMs: atMs, variables: {} }),
    deps: { endpoint: (v) => (typeof v === 'string' ? v : undefined), seconds: (v) => (typeof v === 'number' ? v : undefined) },
  }
  return { run: new ProcedureRun(p, ctx), record }
}

const derc = (atMs: number) => ({ kind: 'request', phase: 'before', method: 'GET', path: '/edev/1/derp/1/derc', atMs }) as const

describe('a procedure run, phase by phase', () => {
  it('init → start when the preconditions hold → steps → criteria: PASS', () => {
    const { run, record } = harness(procedure({}))
    expect(run.initActions().map((a) => a.type)).toEqual(['set-comms-rate'])
    expect(run.offer(derc(1))).toEqual([]) // nothing moves before the start
    expect(run.tryStart(1)).toBeUndefined() // no EndDevice yet
    record.endDevices = [{ lfdi: 'A'.repeat(40), sfdi: '1' }]
    expect(run.tryStart(2)?.map((a) => a.type)).toEqual(['create-der-control'])
    expect(run.phase).toBe('started')
    record.controls = [{ mrid: 'M1', tag: 'C1' }]
    run.offer(derc(3))
    // Every step done: the run goes on for the settle time (the client's periodic posts reach the record), then ends.
    expect(run.phase).toBe('started')
    run.offer({ kind: 'time', atMs: 3 + 359_999 })
    expect(run.phase).toBe('started')
    run.offer({ kind: 'time', atMs: 3 + 360_000 })
    expect(run.phase).toBe('ended')
    record.responses = [{ subjectMrid: 'M1', status: 1, atMs: 4 }]
    expect(run.verdict(5)).toMatchObject({ pass: true, endedBy: 'steps-complete' })
  })

  it('FAIL names the first failing criterion in words', () => {
    const { run, record } = harness(procedure({}))
    record.endDevices = [{ lfdi: 'A'.repeat(40), sfdi: '1' }]
    run.tryStart(1)
    run.offer(derc(2))
    const verdict = run.verdict(3)
    expect(verdict.pass).toBe(false)
    expect(verdict.firstFailure).toBe('no Response')
  })

  it('a procedure whose preconditions never held did not start, and fails saying so', () => {
    const { run } = harness(procedure({}))
    run.timeUp()
    expect(run.verdict(10)).toMatchObject({ pass: false, endedBy: 'time-limit', firstFailure: expect.stringMatching(/never started/) })
  })

  it('immediate_start starts without checking; finish-test with a message fails the run', () => {
    const p = procedure({
      Preconditions: { immediate_start: true, checks: [{ type: 'end-device-contents', parameters: {} }] },
      Steps: { GIVE_UP: { event: { type: 'wait', parameters: { duration_seconds: 60 } }, actions: [{ type: 'finish-test', parameters: { fail_message: 'no request in time' } }] } },
    })
    const { run } = harness(p)
    expect(run.tryStart(0)).toEqual([])
    run.offer({ kind: 'time', atMs: 60_000 })
    expect(run.verdict(60_000)).toMatchObject({ pass: false, endedBy: 'finish-test', firstFailure: 'no request in time' })
  })
})
