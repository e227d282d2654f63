import { randomUUID } from 'node:crypto'
import type { LimitPolicyRecord } from '../../src-shared/contract/verification'
import type { Clock, TimerId } from '../../src-shared/clock'
import { judgeCompliance, type ToleranceSettings } from '../../src-shared/controls/judge/judge'
import type { RampEnvelope } from '../../src-shared/controls/ramp/envelope'
import { measuredFor } from '../../src-shared/verification/measure'
import { profileEnvelope, type EnvelopeContext, type VerificationProfile } from '../../src-shared/verification/profiles'
import { trackingFigures, type TrackingFigures } from '../../src-shared/verification/tracking'
import type { SiteSample } from '../devices/device-manager'
import { TypedEmitter } from '../devices/typed-emitter'
import { AppError } from '../errors'
import type { SiteSampleSource } from '../site/ports'
import type { RunsRepo } from '../storage/runs-repo'
import type { LimitOverride, RunPoint, RunState } from './types'

export interface RunRecorderEvents {
  state: (state: RunState) => void
  point: (payload: { runId: string; point: RunPoint }) => void
}

export interface StartRun {
  siteId: string
  profile: VerificationProfile
  tolerance: ToleranceSettings
  context: EnvelopeContext
  /** What to do with a live utility event for the mode (issue 17 item 5); absent = stricter of the two, none seen. */
  limitPolicy?: LimitPolicyRecord
}

export interface RunRecorderDeps {
  clock: Clock
  samples: SiteSampleSource
  override: LimitOverride
  runs: RunsRepo
  /** The site controller's total generation setpoint now, W (Infinity = unlimited); absent = not recorded. */
  commandedW?: () => number | undefined
}

/** Points are written to SQLite in batches of this many (REL-2: each batch in one transaction). */
const POINT_BATCH = 25

interface ActiveRun {
  id: string
  startMs: number
  profile: VerificationProfile
  tolerance: ToleranceSettings
  capacityW: number
  envelope: RampEnvelope
  pending: RunPoint[]
  timer: TimerId
  unsubscribe: () => void
}

/**
 * Verification test runs (APP-3): applies a profile through the site controller (via the limit override), records
 * target, ramped envelope and measured powers on every site sample, and judges the run per CTL-5 when it ends.
 * Abort restores the utility's limits at once and keeps what was recorded.
 */
export class RunRecorder extends TypedEmitter<RunRecorderEvents> {
  private active: ActiveRun | null = null

  constructor(private readonly deps: RunRecorderDeps) {
    super()
  }

  get running(): boolean {
    return this.active !== null
  }

  start(request: StartRun): string {
    if (this.active) throw new AppError('RUN_BUSY', 'A verification run is already in progress: abort it or wait for it to end.')
    const id = randomUUID()
    const startMs = this.deps.clock.now()
    const envelope = profileEnvelope(request.profile, request.context)
    const limitPolicy = request.limitPolicy ?? { choice: 'stricter', utilityEvent: null }
    this.deps.runs.create({ id, siteId: request.siteId, profile: request.profile, tolerance: request.tolerance, startedAt: startMs, limitPolicy })
    const overridden = limitPolicy.choice === 'override' ? limitPolicy.utilityEvent?.mRID : undefined
    this.deps.override.set(request.profile.mode, (nowMs) => valueAt(request.profile, envelope, (nowMs - startMs) / 1000), overridden)
    const timer = this.deps.clock.setTimeout(() => this.finish(), request.profile.durationS * 1000)
    const unsubscribe = this.deps.samples.on('sample', (sample) => this.record(sample))
    this.active = { id, startMs, profile: request.profile, tolerance: request.tolerance, capacityW: request.context.capacityW, envelope, pending: [], timer, unsubscribe }
    this.emit('state', { state: 'running', runId: id, startedAt: startMs, profile: request.profile })
    return id
  }

  abort(reason = 'Aborted by the installer.'): void {
    const run = this.stop()
    if (!run) return
    const tracking = this.tracking(run, this.deps.runs.points(run.id))
    this.deps.runs.finish(run.id, { endedAt: this.deps.clock.now(), outcome: 'aborted', verdict: null, note: reason, tracking })
    this.emit('state', { state: 'aborted', runId: run.id, reason })
  }

  private record(sample: SiteSample): void {
    const run = this.active
    if (!run) return
    const t = (sample.at - run.startMs) / 1000
    if (t < 0 || t > run.profile.durationS) return
    const envelope = run.envelope.at(t)
    // The limit the controller was given: the profile's, or a stricter utility event's (issue 17 item 5).
    const applied = this.deps.override.applied(run.profile.mode, sample.at)
    const ramped = typeof applied === 'number' ? applied : envelope.ramped
    const powers = { siteW: sample.site?.total.W, derW: sample.der.W }
    const point: RunPoint = { t, target: envelope.target, ramped, measured: measuredFor(run.profile.mode, powers), ...powers, commandedW: this.deps.commandedW?.() }
    run.pending.push(point)
    if (run.pending.length >= POINT_BATCH) this.flush(run)
    this.emit('point', { runId: run.id, point })
  }

  private finish(): void {
    const run = this.stop()
    if (!run) return
    const points = this.deps.runs.points(run.id)
    const samples = points.filter((p) => p.measured !== undefined).map((p) => ({ t: p.t, w: p.measured as number }))
    // Judged against the limit applied at each point (the profile's, or a stricter utility event's).
    const appliedAt = new Map(points.map((p) => [p.t, p.ramped]))
    const verdict = judgeCompliance({ samples, limitAt: (t) => appliedAt.get(t) ?? run.envelope.at(t).ramped, tolerance: run.tolerance })
    const note = samples.length === 0 ? 'No measurements were recorded: check the site meter and the inverters.' : null
    const outcome = verdict.pass && samples.length > 0 ? 'passed' : 'failed'
    this.deps.runs.finish(run.id, { endedAt: this.deps.clock.now(), outcome, verdict, note, tracking: this.tracking(run, points) })
    this.emit('state', { state: 'completed', runId: run.id, verdict })
  }

  /** The advisory figures (issue 11 item 3), only when the controller's setpoints were recorded. */
  private tracking(run: ActiveRun, points: RunPoint[]): TrackingFigures | null {
    if (!this.deps.commandedW || points.length === 0) return null
    return trackingFigures(points, { mode: run.profile.mode, capacityW: run.capacityW, toleranceW: run.tolerance.toleranceW })
  }

  /** Stop recording and hand the limit back to the utility's schedule. */
  private stop(): ActiveRun | null {
    const run = this.active
    if (!run) return null
    this.active = null
    this.deps.clock.clearTimeout(run.timer)
    run.unsubscribe()
    this.deps.override.clear()
    this.flush(run)
    return run
  }

  private flush(run: ActiveRun): void {
    if (run.pending.length === 0) return
    this.deps.runs.addPoints(run.id, run.pending)
    run.pending = []
  }
}

function valueAt(profile: VerificationProfile, envelope: RampEnvelope, t: number): number | boolean {
  if (profile.mode !== 'connect' && profile.mode !== 'energize') return envelope.at(t).ramped
  const last = profile.steps.filter((s) => s.atS <= t).at(-1)
  return typeof last?.value === 'boolean' ? last.value : true
}
