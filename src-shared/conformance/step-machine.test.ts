import { describe, expect, it } from 'vitest'
import { readProcedure, type Procedure } from './procedure'
import { allStepsComplete, endpointMatches, offer, startMachine, type MachineDeps, type MachineState, type Trigger } from './step-machine'

function procedure(steps: Record<string, unknown>): Procedure {
  const read = readProcedure('T', { Description: 't', Category: 'Control', Classes: ['A'], TargetVersions: ['v1.2'], Steps: steps })
  if (!read.ok) throw new Error(read.error.message)
  return read.value
}

const gate = { open: true }
const deps: MachineDeps = {
  checksPass: (checks) => checks.length === 0 || gate.open,
  endpoint: (v) => (typeof v === 'string' ? v : undefined),
  seconds: (v) => (typeof v === 'number' ? v : undefined),
}

const get = (path: string, atMs: number, extra: Partial<Extract<Trigger, { kind: 'request' }>> = {}): Trigger => ({ kind: 'request', phase: 'before', method: 'GET', path, atMs, ...extra })

const FLOW = procedure({
  FIRST: {
    event: { type: 'GET-request-received', parameters: { endpoint: '/edev/*/derp' } },
    actions: [
      { type: 'create-der-control', parameters: { start: '$(now)', duration_seconds: 60, opModExpLimW: 0 } },
      { type: 'enable-steps', parameters: { steps: ['SECOND', 'WAIT'] } },
      { type: 'remove-steps', parameters: { steps: ['FIRST'] } },
    ],
  },
  SECOND: {
    event: { type: 'POST-request-received', parameters: { endpoint: '/rsp', serve_request_first: true }, checks: [{ type: 'response-contents', parameters: { status: 1 } }] },
    actions: [{ type: 'remove-steps', parameters: { steps: ['SECOND'] } }],
  },
  WAIT: {
    event: { type: 'wait', parameters: { duration_seconds: 30 } },
    actions: [
      { type: 'cancel-active-der-controls', parameters: {} },
      { type: 'remove-steps', parameters: { steps: ['WAIT'] } },
    ],
  },
})

describe('the procedure step machine', () => {
  it('starts with only the first step enabled, and nothing else triggers', () => {
    let s: MachineState = startMachine(FLOW, 0)
    expect(s.listeners.map((l) => [l.step, l.enabledAtMs])).toEqual([['FIRST', 0], ['SECOND', undefined], ['WAIT', undefined]])
    s = offer(FLOW, s, { kind: 'time', atMs: 60_000 }, deps).state
    s = offer(FLOW, s, { kind: 'request', phase: 'after', method: 'POST', path: '/rsp', atMs: 61_000 }, deps).state
    expect(s.fired).toEqual([])
  })

  it('runs a fired step’s actions in order: server actions handed back, step bookkeeping applied', () => {
    const { state, actions } = offer(FLOW, startMachine(FLOW, 0), get('/edev/1/derp', 5_000), deps)
    expect(actions.map((a) => [a.step, a.action.type])).toEqual([['FIRST', 'create-der-control']])
    expect(state.listeners.map((l) => [l.step, l.enabledAtMs])).toEqual([['SECOND', 5_000], ['WAIT', 5_000]])
    expect(state.fired).toEqual([{ step: 'FIRST', atMs: 5_000 }])
  })

  it('matches method, endpoint (one * = one component), first page only and the before/after-serving phase', () => {
    const s0 = startMachine(FLOW, 0)
    expect(offer(FLOW, s0, get('/edev/1/derp', 1, { method: 'POST' }), deps).state.fired).toEqual([])
    expect(offer(FLOW, s0, get('/edev/1/2/derp', 1), deps).state.fired).toEqual([])
    expect(offer(FLOW, s0, get('/edev/1/derp', 1, { start: 1 }), deps).state.fired).toEqual([])
    expect(offer(FLOW, s0, get('/edev/1/derp', 1, { phase: 'after' }), deps).state.fired).toEqual([])
    expect(offer(FLOW, s0, get('/edev/1/derp', 1, { start: 0 }), deps).state.fired).toHaveLength(1)
    const s1 = offer(FLOW, s0, get('/edev/1/derp', 1), deps).state
    const post = (phase: 'before' | 'after'): Trigger => ({ kind: 'request', phase, method: 'POST', path: '/rsp', atMs: 2 })
    expect(offer(FLOW, s1, post('before'), deps).state.fired).toHaveLength(1)
    expect(offer(FLOW, s1, post('after'), deps).state.fired).toHaveLength(2)
  })

  it('an event whose checks fail is ignored (and can fire later when they pass)', () => {
    const s1 = offer(FLOW, startMachine(FLOW, 0), get('/edev/1/derp', 1), deps).state
    const post: Trigger = { kind: 'request', phase: 'after', method: 'POST', path: '/rsp', atMs: 2 }
    gate.open = false
    const blocked = offer(FLOW, s1, post, deps).state
    gate.open = true
    expect(blocked.listeners.map((l) => l.step)).toContain('SECOND')
    expect(offer(FLOW, blocked, post, deps).state.listeners.map((l) => l.step)).not.toContain('SECOND')
  })

  it('a wait fires its duration after the step was enabled, not after the start', () => {
    const s1 = offer(FLOW, startMachine(FLOW, 0), get('/edev/1/derp', 10_000), deps).state
    expect(offer(FLOW, s1, { kind: 'time', atMs: 39_999 }, deps).actions).toEqual([])
    const fired = offer(FLOW, s1, { kind: 'time', atMs: 40_000 }, deps)
    expect(fired.actions.map((a) => a.action.type)).toEqual(['cancel-active-der-controls'])
    const done = offer(FLOW, fired.state, { kind: 'request', phase: 'after', method: 'POST', path: '/rsp', atMs: 41_000 }, deps).state
    expect(allStepsComplete(done)).toBe(true)
    expect(allStepsComplete(fired.state)).toBe(false)
    expect(allStepsComplete(fired.state, ['SECOND'])).toBe(true)
  })

  it('finish-test ends the run (with its fail message) and nothing triggers after it', () => {
    const p = procedure({
      ONLY: { event: { type: 'proceed', parameters: { timeout_seconds: 5 } }, actions: [{ type: 'finish-test', parameters: { fail_message: 'client never asked' } }] },
      NEVER: { event: { type: 'wait', parameters: { duration_seconds: 1 } }, actions: [] },
    })
    const s0 = startMachine(p, 0)
    expect(offer(p, s0, { kind: 'time', atMs: 4_999 }, deps).state.finished).toBeUndefined()
    const ended = offer(p, s0, { kind: 'time', atMs: 5_000 }, deps).state
    expect(ended.finished).toEqual({ atMs: 5_000, failMessage: 'client never asked' })
    expect(offer(p, ended, { kind: 'proceed', atMs: 6_000 }, deps).state).toBe(ended)
    expect(offer(p, s0, { kind: 'proceed', atMs: 1 }, deps).state.finished).toEqual({ atMs: 1, failMessage: 'client never asked' })
  })

  it('endpoint wildcards match exactly one component', () => {
    expect(endpointMatches('/edev/123/derp/456/derc', '/edev/*/derp/456/derc')).toBe(true)
    expect(endpointMatches('/edev/123/derp/456/derc', '/edev/*')).toBe(false)
    expect(endpointMatches('/mup/2', '/mup/*')).toBe(true)
    expect(endpointMatches('/mup', '/mup/*')).toBe(false)
  })
})
