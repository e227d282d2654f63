/**
 * How a cactus procedure moves (the harness's runner, read for meaning: bsgip/cactus-runner app/event.py,
 * action.py, handler.py): every step is a listener; at the start only the first step (in file order) is enabled;
 * a request, the passing of time or a "proceed" can trigger enabled listeners whose event matches and whose event
 * checks pass; a triggered step's actions run in order – enable-steps / remove-steps / finish-test change the
 * listeners here, every other action is handed back for the simulated server to apply. A request triggers at most
 * one listener (the first that matches); a time trigger may fire several. The procedure's steps are "all complete"
 * when every listener has been removed. Pure: times are arguments, checks are a callback.
 */
import type { Invocation, Procedure } from './procedure'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export type Trigger =
  | {
      kind: 'request'
      /** 'before' the simulated server serves it, or 'after' (an event's serve_request_first). */
      phase: 'before' | 'after'
      method: HttpMethod
      /** Path without the server's mount prefix or query, e.g. /edev/1/derp/1/derc. */
      path: string
      /** The list query's start index `s`, when given: only the first page (s=0) or an un-paged request triggers. */
      start?: number
      atMs: number
    }
  | { kind: 'time'; atMs: number }
  | { kind: 'proceed'; atMs: number }

export interface Listener {
  readonly step: string
  /** When it was (last) enabled; undefined = not enabled yet. */
  readonly enabledAtMs?: number
}

export interface MachineState {
  /** Listeners not yet removed, in the procedure's step order. */
  readonly listeners: readonly Listener[]
  readonly finished?: { atMs: number; failMessage?: string }
  /** Every step that fired, in order, with the time. */
  readonly fired: readonly { step: string; atMs: number }[]
}

/** A server action a fired step asks for (everything but the step bookkeeping), with the step that asked. */
export interface ServerAction {
  readonly step: string
  readonly action: Invocation
}

export interface MachineDeps {
  /** Do all these checks hold now? (an event's checks gate it). */
  checksPass(checks: readonly Invocation[], atMs: number): boolean
  /** The event's `endpoint` parameter as a path (resolving `$randuri_N`); undefined = unresolvable (never matches). */
  endpoint(value: unknown): string | undefined
  /** A wait/proceed duration parameter in seconds. */
  seconds(value: unknown): number | undefined
}

export function startMachine(procedure: Procedure, atMs: number): MachineState {
  const listeners = procedure.steps.map((s, i) => (i === 0 ? { step: s.name, enabledAtMs: atMs } : { step: s.name }))
  return { listeners, fired: [] }
}

export function allStepsComplete(state: MachineState, ignored: readonly string[] = []): boolean {
  return state.listeners.every((l) => ignored.includes(l.step))
}

/** Offers `trigger` to the enabled listeners; returns the new state and the server actions to apply, in order. */
export function offer(
  procedure: Procedure,
  state: MachineState,
  trigger: Trigger,
  deps: MachineDeps,
): { state: MachineState; actions: ServerAction[] } {
  if (state.finished) return { state, actions: [] }
  let current = state
  const actions: ServerAction[] = []
  for (const listener of state.listeners) {
    const live = current.listeners.find((l) => l.step === listener.step)
    if (!live || current.finished || !matches(procedure, live, trigger, deps)) continue
    const step = procedure.steps.find((s) => s.name === live.step)
    if (!step || !deps.checksPass(step.event.checks, trigger.atMs)) continue
    current = { ...current, fired: [...current.fired, { step: step.name, atMs: trigger.atMs }] }
    for (const action of step.actions) {
      const applied = applyStepAction(current, action, trigger.atMs)
      if (applied) current = applied
      else actions.push({ step: step.name, action })
    }
    if (trigger.kind !== 'time') break
  }
  return { state: current, actions }
}

function matches(procedure: Procedure, listener: Listener, trigger: Trigger, deps: MachineDeps): boolean {
  if (listener.enabledAtMs === undefined) return false
  const event = procedure.steps.find((s) => s.name === listener.step)?.event
  if (!event) return false
  if (event.type.endsWith('-request-received')) {
    if (trigger.kind !== 'request' || event.type !== `${trigger.method}-request-received`) return false
    const endpoint = deps.endpoint(event.parameters.endpoint)
    if (endpoint === undefined || !endpointMatches(trigger.path, endpoint)) return false
    if (trigger.start !== undefined && trigger.start !== 0) return false
    return (event.parameters.serve_request_first === true ? 'after' : 'before') === trigger.phase
  }
  const elapsedS = (trigger.atMs - listener.enabledAtMs) / 1000
  if (event.type === 'wait') {
    const duration = deps.seconds(event.parameters.duration_seconds)
    return trigger.kind === 'time' && duration !== undefined && elapsedS >= duration
  }
  if (event.type === 'proceed') {
    if (trigger.kind === 'proceed') return true
    const timeout = deps.seconds(event.parameters.timeout_seconds)
    return trigger.kind === 'time' && timeout !== undefined && elapsedS >= timeout
  }
  return false
}

/** The harness's endpoint match: equal paths, where `*` stands for exactly one path component. */
export function endpointMatches(path: string, endpoint: string): boolean {
  const have = path.split('/')
  const want = endpoint.split('/')
  return have.length === want.length && want.every((part, i) => part === '*' || part === have[i])
}

function applyStepAction(state: MachineState, action: Invocation, atMs: number): MachineState | undefined {
  const steps = Array.isArray(action.parameters.steps) ? action.parameters.steps.map(String) : []
  switch (action.type) {
    case 'enable-steps':
      return { ...state, listeners: state.listeners.map((l) => (steps.includes(l.step) ? { step: l.step, enabledAtMs: atMs } : l)) }
    case 'remove-steps':
      return { ...state, listeners: state.listeners.filter((l) => !steps.includes(l.step)) }
    case 'finish-test': {
      const failMessage = typeof action.parameters.fail_message === 'string' ? action.parameters.fail_message : undefined
      return { ...state, finished: { atMs, ...(failMessage !== undefined ? { failMessage } : {}) } }
    }
    default:
      return undefined
  }
}
