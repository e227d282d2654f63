/**
 * Applying scenario actions (scenario-actions-schema.ts) to the simulated server's state: the GET tree reads that
 * state on every request, so what an action changes is what the client sees from then on. Times are the simulator's
 * clock (a FakeClock in tests), relative to the scenario start.
 */
import { sfdiFromLfdi } from '../../../src-shared/identity'
import type { Clock, TimerId } from '../../../src-shared/clock'
import type { ImmediateAction, ImmediateActionInput, ScenarioAction } from './scenario-actions-schema'
import { actionControlSchema, immediateActionSchema } from './scenario-actions-schema'
import type { ScenarioControl, ScenarioProgram } from './scenario-schema'
import { servedControls } from './scenario-runtime'
import type { TreeState } from './tree-state'
import type { SimDevice } from './documents'
import type { z } from 'zod'

/** What an action needs besides the tree state: the server's outage switch. */
export interface ActionEnv {
  state: TreeState
  /** The client certificates' LFDIs (upper case), for register-end-device. */
  pkiLfdis: readonly string[]
  pin: number
  down(): Promise<void>
  up(): Promise<void>
}

/** An action that was applied: when (server clock), which, and what it did in words. */
export interface FiredAction {
  at: number
  type: ScenarioAction['type']
  text: string
}

export class ScenarioActionError extends Error {
  readonly code = 'SIM_ACTION_INVALID'
}

/** Seconds since the scenario start, now. */
function nowS(state: TreeState): number {
  return Math.floor((state.clock.now() - state.startMs) / 1000)
}

function program(state: TreeState, id: string): ScenarioProgram {
  const found = state.scenario.programs.find((p) => p.id === id)
  if (!found) throw new ScenarioActionError(`no program "${id}"`)
  return found
}

function newControl(state: TreeState, input: z.input<typeof actionControlSchema>): ScenarioControl {
  const c = actionControlSchema.parse(input)
  const t = nowS(state)
  const { startInS, ...rest } = c
  return { ...rest, startS: t + startInS, creationOffsetS: t }
}

/** The controls of a program the server still lists (not ended), with the served mRID of each. */
function liveControls(state: TreeState, p: ScenarioProgram): { control: ScenarioControl; mRID: string }[] {
  return servedControls(state.scenario, p, { nowMs: state.clock.now(), startMs: state.startMs }).map((s) => ({ control: s.control, mRID: s.mRID }))
}

function cancel(state: TreeState, a: Extract<ImmediateAction, { type: 'cancel-der-control' }>): string {
  const programs = a.program === undefined ? state.scenario.programs : [program(state, a.program)]
  const t = nowS(state)
  let count = 0
  for (const p of programs) {
    for (const live of liveControls(state, p)) {
      if (a.mRID !== undefined && live.mRID !== a.mRID) continue
      if (live.control.cancelAtS !== undefined || live.control.status !== undefined) continue
      live.control.cancelAtS = t
      if (a.randomized) live.control.cancelRandomized = true
      count++
    }
  }
  return `${count} control(s) cancelled${a.randomized ? ' with randomization' : ''}`
}

function replace(state: TreeState, a: Extract<ImmediateAction, { type: 'replace-der-control' }>): string {
  const p = program(state, a.program)
  const old = liveControls(state, p).find((l) => l.mRID === a.mRID)
  if (!old) throw new ScenarioActionError(`no control ${a.mRID} in program "${a.program}"`)
  old.control.supersededAtS = nowS(state)
  p.controls.push(newControl(state, a.control))
  return `control ${a.mRID} superseded by a new one`
}

function registerDevice(env: ActionEnv, a: Extract<ImmediateAction, { type: 'register-end-device' }>): string {
  const owner = env.pkiLfdis[(a.pkiDevice ?? 1) - 1]
  if (!owner) throw new ScenarioActionError(`no client certificate ${a.pkiDevice ?? 1}`)
  const lfdi = (a.lfdi ?? owner).toUpperCase()
  const devices = env.state.devices
  if (devices.some((d) => d.lfdi === lfdi && d.owner === owner)) return `EndDevice ${lfdi} was registered already`
  const device: SimDevice = { id: a.id ?? `_EDEV${devices.length + 1}`, lfdi, sfdi: a.sfdi ?? Number(sfdiFromLfdi(lfdi)), pin: env.pin, owner, registeredAt: env.state.clock.now() }
  devices.push(device)
  return `EndDevice ${device.id} (${lfdi}) registered`
}

function editRegistration(state: TreeState, a: Extract<ImmediateAction, { type: 'edit-registration' }>): string {
  const devices = state.devices.filter((d) => a.device === undefined || d.id === a.device)
  if (devices.length === 0) throw new ScenarioActionError(`no EndDevice "${a.device ?? ''}"`)
  for (const d of devices) {
    if (a.pin !== undefined) d.pin = a.pin
    if (a.registrationLink !== undefined) d.registrationLink = a.registrationLink
  }
  return `registration of ${devices.map((d) => d.id).join(', ')} edited`
}

function commsRate(state: TreeState, a: Extract<ImmediateAction, { type: 'set-comms-rate' }>): string {
  state.pollRates = { ...state.pollRates, ...a.pollRates }
  if (a.mupPostRateS !== undefined) state.mupPostRateS = a.mupPostRateS
  return `pollRates ${JSON.stringify(state.pollRates)}${a.mupPostRateS === undefined ? '' : `, MirrorUsagePoint postRate ${a.mupPostRateS} s`}`
}

/** Apply one action now. Returns what it did in words; throws ScenarioActionError when it names nothing that exists. */
export async function applyAction(env: ActionEnv, a: ImmediateAction): Promise<string> {
  const { state } = env
  switch (a.type) {
    case 'set-comms-rate':
      return commsRate(state, a)
    case 'communications-status':
      await (a.enabled ? env.up() : env.down())
      return a.enabled ? 'server reachable again' : 'server outage'
    case 'create-der-control':
      program(state, a.program).controls.push(newControl(state, a.control))
      return `control created in program "${a.program}"`
    case 'cancel-der-control':
      return cancel(state, a)
    case 'replace-der-control':
      return replace(state, a)
    case 'set-default-der-control':
      program(state, a.program).default = { modes: a.modes, ...(a.setGradW === undefined ? {} : { setGradW: a.setGradW }) }
      return `default control of "${a.program}" set`
    case 'clear-default-der-control':
      delete program(state, a.program).default
      return `default control of "${a.program}" withdrawn`
    case 'create-der-program':
      state.scenario.programs = [...state.scenario.programs.filter((p) => p.id !== a.program.id), a.program]
      return `program "${a.program.id}" in FSA ${a.program.fsa}`
    case 'remove-function-set-assignment':
      state.scenario.programs = state.scenario.programs.filter((p) => p.fsa !== a.fsa)
      return `FSA ${a.fsa} removed with its programs`
    case 'edit-registration':
      return editRegistration(state, a)
    case 'register-end-device':
      return registerDevice(env, a)
  }
}

/**
 * Runs a scenario's actions: each `atS` one on the simulator's clock, each `on` one after the first matching request;
 * `act` applies one at once. Every action applied (or failed) is listed in `fired`.
 */
export class ActionRunner {
  readonly fired: FiredAction[] = []
  private readonly timers: TimerId[] = []
  private waiting: { action: ScenarioAction; path: RegExp }[] = []

  constructor(
    private readonly env: ActionEnv,
    actions: readonly ScenarioAction[],
  ) {
    const clock: Clock = env.state.clock
    for (const action of actions) {
      if (action.on) this.waiting.push({ action, path: new RegExp(action.on.path) })
      else if (action.atS !== undefined) {
        const delay = env.state.startMs + action.atS * 1000 - clock.now()
        this.timers.push(clock.setTimeout(() => void this.run(action), delay))
      }
    }
  }

  /** Apply an action now (tests, the conformance suite, other helpers). */
  act(input: ImmediateActionInput): Promise<FiredAction> {
    return this.run(immediateActionSchema.parse(input))
  }

  /** Called after each request is handled: fires the actions waiting for it. */
  async afterRequest(method: string, path: string): Promise<void> {
    const due = this.waiting.filter((w) => w.action.on?.method.toUpperCase() === method.toUpperCase() && w.path.test(path))
    if (due.length === 0) return
    this.waiting = this.waiting.filter((w) => !due.includes(w))
    for (const w of due) await this.run(w.action)
  }

  stop(): void {
    for (const t of this.timers) this.env.state.clock.clearTimeout(t)
  }

  private async run(action: ImmediateAction): Promise<FiredAction> {
    const at = this.env.state.clock.now()
    let text: string
    try {
      text = await applyAction(this.env, action)
    } catch (error) {
      text = `failed: ${error instanceof Error ? error.message : String(error)}`
    }
    const fired: FiredAction = { at, type: action.type, text }
    this.fired.push(fired)
    return fired
  }
}
