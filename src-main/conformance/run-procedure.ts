/**
 * One cactus procedure run against the app's own client engine (the headless site run: discovery, polling, controls
 * and responses, DER reporting, telemetry, the site controller on the simulated devices) and the utility simulator,
 * all on one FakeClock, so half an hour of utility time takes seconds (issue 12 item 2, issue 20 item 5). The
 * procedure moves as the harness moves it (src-shared/conformance/procedure-run.ts); its server actions become the
 * simulator's (sim-actions.ts); its checks read what the simulator recorded (harness-record.ts).
 */
import { join } from 'node:path'
import { FakeClock } from '../../src-shared/clock'
import { createPrng } from '../../src-shared/prng'
import type { Classification } from '../../src-shared/conformance/applicability'
import type { ExpressionContext } from '../../src-shared/conformance/expression'
import type { Invocation, Procedure } from '../../src-shared/conformance/procedure'
import { ProcedureRun, type ProcedureVerdict } from '../../src-shared/conformance/procedure-run'
import type { HarnessRecord } from '../../src-shared/conformance/record'
import { resolve } from '../../src-shared/conformance/checks/run-check'
import type { HttpMethod } from '../../src-shared/conformance/step-machine'
import { startDeviceSimulator, type DeviceSimulator } from '../sim/devices'
import { createOwnedTempDir } from '../sim/owned-temp-dir'
import { startUtilitySimulator, type UtilitySimulator } from '../sim/utility'
import { startHeadlessRun, type HeadlessRun } from '../site/headless-run'
import { simulatedSiteConfig } from '../site/demo-run'
import { harnessIds, harnessRecord } from './harness-record'
import { harnessPath } from './harness-paths'
import { SimActionBook, type Resolved } from './sim-actions'

/** The PIN the installer typed (cactus ALL-04: "registered out of band with PIN 111115"). */
const EXPECTED_PIN = 111115
const STEP_MS = 200
const CHECK_EVERY_MS = 1000
const MARGIN_S = 1800

export interface ProcedureOutcome {
  readonly id: string
  readonly description: string
  readonly classification: Classification
  readonly status: 'passed' | 'failed' | 'not-run'
  /** Why it failed or was not run, in words. */
  readonly reason?: string
  readonly verdict?: ProcedureVerdict
  readonly simulatedS: number
}

export interface RunProcedureOptions {
  readonly startMs?: number
  readonly log?: (line: string) => void
  /** Wall-clock yield between clock steps (I/O of the client, the simulators and TLS). */
  readonly turns?: number
  /** The PIN the installer typed; default the one the procedures register (111115). */
  readonly expectedPin?: number
}

/** Every wait in the procedure plus half an hour: the procedure has had its chance by then. */
export function timeLimitS(procedure: Procedure): number {
  const waits = procedure.steps.map((s) => (s.event.type === 'wait' && typeof s.event.parameters.duration_seconds === 'number' ? s.event.parameters.duration_seconds : 0))
  return waits.reduce((a, b) => a + b, 0) + MARGIN_S
}

export async function runProcedure(entry: { procedure: Procedure; classification: Classification }, o: RunProcedureOptions = {}): Promise<ProcedureOutcome> {
  const { procedure, classification } = entry
  const base = { id: procedure.id, description: procedure.description, classification }
  const clock = new FakeClock(o.startMs ?? Date.UTC(2026, 5, 1, 2, 0, 0))
  const started = clock.now()
  const temp = createOwnedTempDir('sep2-conformance-')
  const parts: { sim?: UtilitySimulator; devices?: DeviceSimulator; headless?: Promise<unknown>; run?: HeadlessRun; abort: AbortController } = { abort: new AbortController() }
  try {
    const harness = new Harness(procedure, clock, o.log)
    parts.sim = await startUtilitySimulator({
      clock,
      pkiDir: join(temp.path, 'pki'),
      pin: EXPECTED_PIN,
      scenario: { name: `cactus-${procedure.id}`, description: procedure.description, programs: [], actions: [], extraDevices: [], unregistered: true },
      inBandRegistration: classification.registration === 'in-band',
      beforeServe: (req) => harness.request('before', req).catch((e: unknown) => harness.failed(e)),
      onExchange: (r) => void harness.request('after', r).catch((e: unknown) => harness.failed(e)),
    })
    harness.attach(parts.sim)
    parts.devices = await startDeviceSimulator({ clock, tcpPort: 0 })
    await harness.apply(harness.run.initActions())
    // An immediate start (cactus immediate_start) happens before the client's first request.
    await harness.tick()
    // The client as an installer would configure it for the harness: the simulated site, the PIN it was given.
    const config = simulatedSiteConfig(parts.sim, parts.devices, {
      siteId: 'conformance',
      dataDirPath: join(temp.path, 'data'),
      server: { pin: o.expectedPin ?? EXPECTED_PIN, inBandRegistration: classification.registration === 'in-band' },
    })
    // Seeded draws (telemetry post offset, randomised starts): a procedure runs the same way every time.
    const random = createPrng([...procedure.id].reduce((h, c) => h * 31 + c.charCodeAt(0), 7))
    parts.headless = startHeadlessRun({ config, clock, random, signal: parts.abort.signal, onStatus: () => undefined, log: (l) => o.log?.(`client: ${l}`) }).then((r) => {
      if (r.ok) parts.run = r.value
      else if (!parts.abort.signal.aborted) harness.clientStopped(r.error.message)
    })
    const limitMs = timeLimitS(procedure) * 1000
    let nextCheck = clock.now()
    while (harness.run.phase !== 'ended' && clock.now() - started < limitMs) {
      clock.advance(STEP_MS)
      await turns(o.turns ?? 20)
      if (clock.now() >= nextCheck) {
        nextCheck += CHECK_EVERY_MS
        await harness.tick()
      }
    }
    if (harness.run.phase !== 'ended') harness.run.timeUp()
    const verdict = harness.run.verdict(clock.now())
    const simulatedS = Math.round((clock.now() - started) / 1000)
    if (harness.unsupported) return { ...base, status: 'not-run', reason: harness.unsupported, simulatedS }
    return { ...base, status: verdict.pass ? 'passed' : 'failed', ...(verdict.firstFailure ? { reason: verdict.firstFailure } : {}), verdict, simulatedS }
  } finally {
    parts.abort.abort()
    await parts.headless?.catch(() => undefined)
    await parts.run?.stop().catch(() => undefined)
    await parts.devices?.close().catch(() => undefined)
    await parts.sim?.close().catch(() => undefined)
    temp.remove()
  }
}

async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r))
}

/** The procedure's side of the run: the step machine, the action book and the record, tied to one simulator. */
class Harness {
  readonly run: ProcedureRun
  readonly book: SimActionBook
  unsupported: string | undefined
  private sim: UtilitySimulator | undefined
  private clientLfdi = ''
  private startedAtMs = 0
  private chain: Promise<void> = Promise.resolve()
  private readonly bornAt: number

  constructor(
    procedure: Procedure,
    private readonly clock: FakeClock,
    private readonly log?: (line: string) => void,
  ) {
    this.bornAt = clock.now()
    this.book = new SimActionBook(procedure.id)
    this.run = new ProcedureRun(procedure, {
      record: () => this.record(),
      expressions: (atMs) => this.expressions(atMs),
      deps: { endpoint: (v) => (typeof v === 'string' ? v : undefined), seconds: (v) => (typeof v === 'number' ? v : undefined) },
    })
  }

  attach(sim: UtilitySimulator): void {
    this.sim = sim
    this.clientLfdi = sim.pki.devices[0]?.lfdi.toUpperCase() ?? ''
  }

  /** The harness itself went wrong (an action the simulator refused, a bad value): the procedure is not run. */
  failed(error: unknown): void {
    this.unsupported ??= `the harness could not go on: ${error instanceof Error ? error.message : String(error)}`
    this.log?.(this.unsupported)
    this.run.timeUp()
  }

  clientStopped(why: string): void {
    this.log?.(`client stopped: ${why}`)
  }

  /** Once a second: start when the preconditions hold, then offer the time (waits, proceed timeouts). */
  async tick(): Promise<void> {
    const now = this.clock.now()
    if (this.run.phase === 'init') {
      const start = this.run.tryStart(now)
      if (start) {
        this.startedAtMs = now
        this.log?.(`${this.at(now)} started`)
        await this.apply(start)
      }
      return
    }
    await this.applyServer(this.run.offer({ kind: 'time', atMs: now }))
    // The harness has no operator here: a "proceed" is given at once.
    await this.applyServer(this.run.offer({ kind: 'proceed', atMs: now }))
  }

  /** A request before it is served (awaited: its actions shape the answer) or after (queued in order). */
  async request(phase: 'before' | 'after', req: { method: string; path: string; query: Record<string, string> }): Promise<void> {
    if (!this.sim || this.run.phase !== 'started') return
    const path = harnessPath(req.path, harnessIds(this.sim, this.clientLfdi))
    if (!path || !['GET', 'POST', 'PUT', 'DELETE'].includes(req.method)) return
    const start = req.query.s === undefined ? undefined : Number(req.query.s)
    const actions = this.run.offer({ kind: 'request', phase, method: req.method as HttpMethod, path, atMs: this.clock.now(), ...(start !== undefined ? { start } : {}) })
    const applied = this.chain.then(() => this.applyServer(actions))
    this.chain = applied.catch(() => undefined)
    if (phase === 'before') await applied
  }

  async apply(actions: readonly Invocation[]): Promise<void> {
    for (const action of actions) await this.applyOne(action)
  }

  private async applyServer(actions: readonly { action: Invocation }[]): Promise<void> {
    await this.apply(actions.map((a) => a.action))
  }

  private async applyOne(action: Invocation): Promise<void> {
    if (!this.sim || this.unsupported) return
    const now = this.clock.now()
    const ctx = this.expressions(now)
    const resolved: Record<string, Resolved[string]> = {}
    for (const [key, value] of Object.entries(action.parameters)) resolved[key] = Array.isArray(value) ? value : resolve(value, ctx)
    const translated = this.book.translate(action.type, resolved, now)
    if (!translated.ok) {
      this.unsupported = translated.unsupported
      this.run.timeUp()
      return
    }
    for (const simAction of translated.actions) {
      const fired = await this.sim.act(simAction)
      this.log?.(`${this.at(now)} ${action.type}: ${fired.text}`)
    }
  }

  private at(ms: number): string {
    return `+${Math.round((ms - this.bornAt) / 1000)} s`
  }

  private cached: { key: string; record: HarnessRecord } | undefined

  /** Rebuilt only when the simulator saw something new (it is read every second and on every gated event). */
  private record(): HarnessRecord {
    if (!this.sim) return { startedAtMs: this.startedAtMs, requests: [], responses: [], controls: [], endDevices: [], readings: [] }
    const key = `${this.sim.requests.length}|${this.sim.received.length}|${this.sim.devices.length}|${this.book.controls.length}|${this.startedAtMs}`
    if (this.cached?.key !== key) this.cached = { key, record: harnessRecord(this.sim, { clientLfdi: this.clientLfdi, startedAtMs: this.startedAtMs, controls: this.book.controls }) }
    return this.cached.record
  }

  /** `$(setMaxW)`, `$(maxExportW)`, `$(rtgMaxVA)` … from what the client reported (cactus variable_expressions.py). */
  private expressions(atMs: number): ExpressionContext {
    const record = this.record()
    const s = record.derSettings ?? {}
    const c = record.derCapability ?? {}
    const variables: Record<string, number | undefined> = { ...c, ...s }
    variables.maxExportW = s.setMaxDischargeRateW ?? s.setMaxW
    variables.maxImportW = s.setMaxChargeRateW ?? s.setMaxW
    if (c.rtgMaxChargeRateW !== undefined) variables.negRtgMaxChargeRateW = -c.rtgMaxChargeRateW
    return { nowMs: atMs, variables }
  }
}
