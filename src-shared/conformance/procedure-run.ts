/**
 * One procedure run, as the harness runs it (cactus-runner handler.py / event.py, read for meaning), without I/O:
 * 1. init: the init actions are applied at once; the client starts and works against the server (registers, sends
 *    its DER settings …);
 * 2. start: when the precondition checks pass (or at once with immediate_start) the start actions are applied and
 *    the first step is enabled;
 * 3. steps: requests (before / after serving), time and "proceed" move the step machine; server actions go back to
 *    the caller in order;
 * 4. end: a finish-test, the time limit, or – every step being complete – a settle time later (the harness ends a run
 *    when its operator finalises it; unattended, the settle time lets the client's periodic posts, DER status and
 *    telemetry, reach the record) – then the criteria are evaluated on the record.
 * The caller (src-main/conformance) owns the simulated server, the client and the clock; it asks what to do.
 */
import { runCheck } from './checks/run-check'
import type { ExpressionContext } from './expression'
import type { Invocation, Procedure } from './procedure'
import type { CheckResult, HarnessRecord } from './record'
import { allStepsComplete, offer, startMachine, type MachineDeps, type MachineState, type ServerAction, type Trigger } from './step-machine'

export type RunPhase = 'init' | 'started' | 'ended'

export interface CheckOutcome extends CheckResult {
  readonly type: string
}

export interface ProcedureVerdict {
  readonly pass: boolean
  readonly endedBy: 'steps-complete' | 'finish-test' | 'time-limit'
  readonly failMessage?: string
  readonly criteria: readonly CheckOutcome[]
  /** The first failing check (or the finish-test message), in words; undefined when it passed. */
  readonly firstFailure?: string
}

export interface RunContext {
  readonly record: () => HarnessRecord
  readonly expressions: (atMs: number) => ExpressionContext
  readonly deps: Omit<MachineDeps, 'checksPass'>
  /** How long the run goes on once every step is complete; default 6 minutes (a 5-minute telemetry interval). */
  readonly settleMs?: number
}

const DEFAULT_SETTLE_MS = 360_000

export class ProcedureRun {
  private phaseNow: RunPhase = 'init'
  private machine: MachineState | undefined
  private endedBy: ProcedureVerdict['endedBy'] | undefined
  private completedAtMs: number | undefined

  constructor(
    readonly procedure: Procedure,
    private readonly ctx: RunContext,
  ) {}

  get phase(): RunPhase {
    return this.phaseNow
  }

  get state(): MachineState | undefined {
    return this.machine
  }

  /** The init actions, to apply before the client starts. */
  initActions(): readonly Invocation[] {
    return this.procedure.preconditions.initActions
  }

  /** In the init phase: start when the precondition checks pass (or straight away); returns the start actions. */
  tryStart(atMs: number): readonly Invocation[] | undefined {
    if (this.phaseNow !== 'init') return undefined
    const pre = this.procedure.preconditions
    if (!pre.immediateStart && !this.checksPass(pre.checks, atMs)) return undefined
    this.phaseNow = 'started'
    this.machine = startMachine(this.procedure, atMs)
    return pre.actions
  }

  /** A request, the time, or a proceed: the server actions the fired steps ask for, in order. */
  offer(trigger: Trigger): readonly ServerAction[] {
    if (this.phaseNow !== 'started' || !this.machine) return []
    const result = offer(this.procedure, this.machine, trigger, { ...this.ctx.deps, checksPass: (checks, at) => this.checksPass(checks, at) })
    this.machine = result.state
    if (this.machine.finished) this.end('finish-test')
    else if (allStepsComplete(this.machine)) {
      this.completedAtMs ??= trigger.atMs
      if (trigger.atMs >= this.completedAtMs + (this.ctx.settleMs ?? DEFAULT_SETTLE_MS)) this.end('steps-complete')
    }
    return result.actions
  }

  /** The time limit ran out (the caller's choice: the procedure's longest wait plus a margin). */
  timeUp(): void {
    if (this.phaseNow !== 'ended') this.end('time-limit')
  }

  verdict(atMs: number): ProcedureVerdict {
    const machine = this.machine ?? startMachine(this.procedure, atMs)
    const record = this.ctx.record()
    const criteria = this.procedure.criteria.map((c) => ({ type: c.type, ...runCheck(c, { record, machine, expressions: this.ctx.expressions(atMs) }) }))
    const failMessage = machine.finished?.failMessage
    const started = this.machine !== undefined
    const firstFailure = !started
      ? 'the procedure never started: its preconditions did not hold'
      : failMessage ?? criteria.find((c) => !c.pass)?.detail
    return {
      pass: started && failMessage === undefined && criteria.every((c) => c.pass),
      endedBy: this.endedBy ?? 'time-limit',
      ...(failMessage !== undefined ? { failMessage } : {}),
      criteria,
      ...(firstFailure !== undefined ? { firstFailure } : {}),
    }
  }

  private end(by: ProcedureVerdict['endedBy']): void {
    this.phaseNow = 'ended'
    this.endedBy ??= by
  }

  private checksPass(checks: readonly Invocation[], atMs: number): boolean {
    if (checks.length === 0) return true
    const record = this.ctx.record()
    const machine = this.machine ?? startMachine(this.procedure, atMs)
    return checks.every((c) => runCheck(c, { record, machine, expressions: this.ctx.expressions(atMs) }).pass)
  }
}
