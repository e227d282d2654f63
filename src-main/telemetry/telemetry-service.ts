/**
 * The 5-minute telemetry service (REQUIREMENTS TEL-2..TEL-5; handbook 10.8, 13.1, 13.3; CSIP-AUS ALL-10).
 *
 * Samples come in (200 ms or 1 s); on each real-time-clock tick of the post rate the interval that ended at the tick
 * is averaged (time-weighted, src-shared/telemetry/averaging.ts), turned into Int16 readings, queued in the on-disk
 * buffer, and the buffer is sent one reading at a time, oldest first. A post rate change (the server's
 * MirrorUsagePoint postRate, read after each round, or setPostRate) re-aims the next tick at once.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto'
import type { Clock, TimerId } from '../../src-shared/clock'
import type { MirrorUsagePointView } from '../../src-shared/contract/telemetry'
import { fail, ok, type AppErrorShape, type Result } from '../../src-shared/result'
import {
  aggregateInterval,
  checkPostRate,
  DEFAULT_MAX_HOLD_MS,
  DEFAULT_POST_RATE_S,
  intervalsEndingBetween,
  nextTick,
  readingKeyId,
  readingValues,
  type ReadingKey,
  type ReadingTypeProfile,
  type RtcInterval,
  type Scope,
  type TelemetrySample,
} from '../../src-shared/telemetry'
import { TypedEmitter } from '../devices/typed-emitter'
import { parseSep2 } from '../sep2/xml'
import type { UsagePointIdentity } from './mirror-documents'
import { MirrorPoster, type PostOutcome } from './mirror-poster'
import { mupView, type MupForm, type MupRecord, type TelemetryRefusal } from './mirror-usage-points'
import { MupListWatch } from './mup-list-watch'
import type { Sep2Poster } from './ports'
import type { TelemetryBuffer } from './telemetry-buffer'

/** Wait this long after the tick before closing the interval, so the sample stamped on the tick has arrived. */
export const TICK_GRACE_MS = 1000
/** Handbook 13.1: posts land within 50 % of the post rate after the tick; a larger offset is cut to that. */
export const MAX_POST_OFFSET_FRACTION = 0.5
/** After communications trouble, try the buffer again this often (besides every tick). */
export const FLUSH_RETRY_MS = 60_000

export interface TelemetryServiceEvents {
  queued: (e: { intervalEndMs: number; readings: number; missing: number; dropped: number }) => void
  /** `attempt` > 1: it had been in flight before (e.g. a crash before the 201 was handled) and went again with the same mRID. */
  posted: (e: { intervalEndMs: number; readingKey: string; location: string | undefined; attempt: number }) => void
  rejected: (e: { intervalEndMs: number; readingKey: string; error: AppErrorShape }) => void
  /** Readings dropped from the buffer beyond capacity (TEL-5: the drop is logged). */
  dropped: (e: { count: number; intervalEndMs: number }) => void
  'send-failed': (e: { error: AppErrorShape; depth: number }) => void
  'post-rate': (e: { fromS: number; toS: number }) => void
  'mup-created': (e: { scope: Scope; location: string; recreated: boolean; form: MupForm }) => void
  /**
   * The server refused a MirrorUsagePoint in every form (a 4xx): sending stops until the next start, the readings stay
   * buffered, and the refusal says what the server said (issue 20 item 3: never re-sent unchanged forever).
   */
  refused: (e: { refusal: TelemetryRefusal; error: AppErrorShape; depth: number }) => void
}

export interface TelemetryServiceOptions {
  clock: Clock
  poster: Sep2Poster
  buffer: TelemetryBuffer
  mupListHref: string
  identity: UsagePointIdentity
  /** Readings to post each interval (src-shared/telemetry readingPlan for the site and the DER). */
  plan: readonly ReadingKey[]
  postRateS?: number
  /** Site offset from UTC, s (ticks count from local midnight). */
  utcOffsetS?: number
  /**
   * Extra delay after each tick (handbook 13.1: spread clients over the post period, e.g. a random draw made once);
   * added to TICK_GRACE_MS and capped at half the post rate.
   */
  postOffsetMs?: number
  /**
   * Read the site MirrorUsagePoint after each round and the MirrorUsagePointList at its pollRate for a new postRate
   * (CSIP-AUS ALL-10, GET-MUP-2). Default true.
   */
  followServerPostRate?: boolean
  profile?: ReadingTypeProfile
  randomBytes?: (count: number) => Uint8Array
  log?: (line: string) => void
}

export class TelemetryService extends TypedEmitter<TelemetryServiceEvents> {
  private readonly mirror: MirrorPoster
  private readonly listWatch: MupListWatch
  private samples: TelemetrySample[] = []
  private postRateS: number
  private tickTimer: TimerId | undefined
  private retryTimer: TimerId | undefined
  private lastClosedEndMs: number | undefined
  private sending: Promise<void> | undefined
  private flushAgain = false
  private running = false
  /** A MirrorUsagePoint refusal in every form: nothing is sent until the next start (the readings stay buffered). */
  private refused: TelemetryRefusal | undefined
  /** Aborted by stop(): the post in flight ends and no further reading is sent (issue 15 item 6). */
  private abort = new AbortController()

  constructor(private readonly options: TelemetryServiceOptions) {
    super()
    this.postRateS = options.postRateS ?? DEFAULT_POST_RATE_S
    this.mirror = new MirrorPoster({
      poster: options.poster,
      buffer: options.buffer,
      mupListHref: options.mupListHref,
      identity: options.identity,
      randomBytes: options.randomBytes ?? ((n) => new Uint8Array(nodeRandomBytes(n))),
      ...(options.profile ? { profile: options.profile } : {}),
      clock: options.clock,
      onMupCreated: (e) => this.emit('mup-created', e),
      onPostRate: (rate) => this.followPostRate(rate),
    })
    this.listWatch = new MupListWatch({
      clock: options.clock,
      poster: options.poster,
      mupListHref: options.mupListHref,
      location: (scope) => this.mirror.mupLocation(scope),
      forget: (scope) => this.mirror.forget(scope),
      onPostRate: (rate) => this.followPostRate(rate),
      ...(options.log ? { log: options.log } : {}),
    })
  }

  start(): void {
    if (this.running) return
    this.running = true
    // A new start (e.g. after the installer had the server's refusal looked at) tries the refused form once more.
    this.refused = undefined
    if (this.abort.signal.aborted) this.abort = new AbortController()
    this.lastClosedEndMs = this.options.clock.now()
    const inFlight = this.options.buffer.inFlight()
    // REL-2: posts cut short by the last stop (or a crash) go again first, with the same mRID: no loss, no duplicate.
    if (inFlight > 0) this.options.log?.(`telemetry: sending again ${inFlight} reading(s) that were in flight at the last stop (same mRID and interval)`)
    this.scheduleTick()
    if (this.options.followServerPostRate !== false) this.listWatch.start()
    void this.flush()
  }

  stop(): void {
    this.running = false
    this.abort.abort()
    this.listWatch.stop()
    for (const timer of [this.tickTimer, this.retryTimer]) if (timer !== undefined) this.options.clock.clearTimeout(timer)
    this.tickTimer = undefined
    this.retryTimer = undefined
  }

  addSample(sample: TelemetrySample): void {
    this.samples.push(sample)
  }

  currentPostRateS(): number {
    return this.postRateS
  }

  /** A new post rate applies from now: the next tick is re-aimed at once (CSIP-AUS ALL-10). */
  setPostRate(postRateS: number): Result<number> {
    const checked = checkPostRate(postRateS)
    if (!checked.ok) return checked
    if (postRateS === this.postRateS) return ok(postRateS)
    const fromS = this.postRateS
    this.postRateS = postRateS
    this.emit('post-rate', { fromS, toS: postRateS })
    this.options.log?.(`telemetry: post rate ${fromS} s -> ${postRateS} s`)
    if (this.running) {
      if (this.tickTimer !== undefined) this.options.clock.clearTimeout(this.tickTimer)
      this.scheduleTick()
    }
    return ok(postRateS)
  }

  depth(): ReturnType<TelemetryBuffer['depth']> {
    return this.options.buffer.depth()
  }

  /** Each scope's MirrorUsagePoint: its Location, the creation form the server took, its last refusal. */
  mirrorUsagePoints(): MupRecord[] {
    return this.mirror.records()
  }

  /** The same, in words for the Telemetry step (only scopes the plan reports). */
  mirrorUsagePointViews(): MirrorUsagePointView[] {
    const scopes = new Set(this.options.plan.map((k) => k.scope))
    return this.mirror.records().filter((r) => scopes.has(r.scope)).map((r) => mupView(r, this.refused))
  }

  /** The refusal that stopped sending until the next start, if any. */
  refusal(): TelemetryRefusal | undefined {
    return this.refused
  }

  /** True while readings are being sent (tests, status line). */
  busy(): boolean {
    return this.sending !== undefined
  }

  /** Send what the buffer holds, oldest first, one at a time; resolves when done or stopped by trouble. */
  flush(): Promise<void> {
    if (this.sending) {
      // Readings queued while a round is under way are sent in the same round, not left for the next tick.
      this.flushAgain = true
      return this.sending
    }
    this.sending = this.drainUntilSettled().finally(() => {
      this.sending = undefined
    })
    return this.sending
  }

  private async drainUntilSettled(): Promise<void> {
    let emptied: boolean
    do {
      this.flushAgain = false
      emptied = await this.drain()
    } while (emptied && this.flushAgain)
  }

  private tickOptions() {
    return { postRateS: this.postRateS, utcOffsetS: this.options.utcOffsetS ?? 0 }
  }

  private postOffsetMs(): number {
    return Math.min(this.options.postOffsetMs ?? 0, this.postRateS * 1000 * MAX_POST_OFFSET_FRACTION)
  }

  private scheduleTick(): void {
    const now = this.options.clock.now()
    const delay = TICK_GRACE_MS + this.postOffsetMs()
    // The tick whose grace has not yet passed: the one just gone if we are inside its grace, else the next.
    const due = nextTick(now - delay, this.tickOptions()) + delay
    this.tickTimer = this.options.clock.setTimeout(() => this.onTick(), due - now)
  }

  private onTick(): void {
    if (!this.running) return
    const closeBefore = this.options.clock.now() - TICK_GRACE_MS - this.postOffsetMs()
    for (const interval of intervalsEndingBetween(this.lastClosedEndMs ?? closeBefore, closeBefore, this.tickOptions())) this.closeInterval(interval)
    this.scheduleTick()
    void this.flush()
  }

  private closeInterval(interval: RtcInterval): void {
    this.lastClosedEndMs = interval.endMs
    const aggregate = aggregateInterval(
      this.samples.filter((s) => s.t > interval.startMs - DEFAULT_MAX_HOLD_MS && s.t <= interval.endMs),
      interval,
    )
    // Keep only what the next interval can still use (its first hold reaches back at most DEFAULT_MAX_HOLD_MS).
    this.samples = this.samples.filter((s) => s.t > interval.endMs - DEFAULT_MAX_HOLD_MS)
    const values = readingValues(aggregate, this.options.plan)
    for (const e of values.errors) this.options.log?.(`telemetry: ${e.error.code} ${e.error.message}`)
    if (values.readings.length === 0) return
    const result = this.options.buffer.queueInterval(interval.endMs, values.readings)
    if (result.dropped > 0) {
      this.options.log?.(`telemetry: buffer full, dropped the ${result.dropped} oldest reading(s) (handbook 13.3)`)
      this.emit('dropped', { count: result.dropped, intervalEndMs: interval.endMs })
    }
    this.emit('queued', { intervalEndMs: interval.endMs, readings: result.queued, missing: values.missing.length, dropped: result.dropped })
  }

  /** Sends until the buffer is empty (true) or communications fail (false). */
  private async drain(): Promise<boolean> {
    const { signal } = this.abort
    for (;;) {
      if (signal.aborted || this.refused) return false
      const item = this.options.buffer.oldest()
      if (!item) break
      const outcome = await this.mirror.post(item, signal)
      const readingKey = readingKeyId(item.reading.key)
      // Stopped while posting: the reading stays buffered for the next start, nothing more is sent or reported.
      if (outcome.kind === 'retry-later' && signal.aborted) return false
      if (outcome.kind === 'retry-later') {
        this.emit('send-failed', { error: outcome.error, depth: this.options.buffer.depth().readings })
        this.scheduleRetry()
        return false
      }
      if (outcome.kind === 'refused') return this.stopOnRefusal(outcome)
      this.options.buffer.remove(item.id)
      if (outcome.kind === 'sent') this.emit('posted', { intervalEndMs: item.intervalEndMs, readingKey, location: outcome.location, attempt: item.attempts + 1 })
      else {
        this.options.log?.(`telemetry: server refused ${readingKey} for ${new Date(item.intervalEndMs).toISOString()}: ${outcome.error.message}`)
        this.emit('rejected', { intervalEndMs: item.intervalEndMs, readingKey, error: outcome.error })
      }
    }
    if (this.options.followServerPostRate !== false) await this.readServerPostRate()
    return true
  }

  private stopOnRefusal(outcome: Extract<PostOutcome, { kind: 'refused' }>): false {
    this.refused = outcome.refusal
    const depth = this.options.buffer.depth().readings
    this.options.log?.(`telemetry: ${outcome.error.message}; sending stops until the next start, ${depth} reading(s) kept in the buffer`)
    this.emit('refused', { refusal: outcome.refusal, error: outcome.error, depth })
    return false
  }

  private followPostRate(rate: number): void {
    if (rate === this.postRateS) return
    const applied = this.setPostRate(rate)
    if (!applied.ok) this.options.log?.(`telemetry: ignoring the server's postRate ${rate}: ${applied.error.message}`)
  }

  private scheduleRetry(): void {
    if (!this.running || this.retryTimer !== undefined) return
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined
      void this.flush()
    }, FLUSH_RETRY_MS)
  }

  /** CSIP-AUS ALL-10: the server sets postRate on the MirrorUsagePoint; follow a change at once. */
  private async readServerPostRate(): Promise<void> {
    const location = this.mirror.mupLocation('site') ?? this.mirror.mupLocation('der')
    if (!location) return
    const r = await this.options.poster.get(location, { signal: new AbortController().signal })
    if (!r.ok) return
    const parsed = parseSep2(r.value.body, 'MirrorUsagePoint')
    const rate = parsed.ok ? parsed.value.doc.postRate : undefined
    if (rate !== undefined) this.followPostRate(rate)
  }
}

export function createTelemetryService(options: TelemetryServiceOptions): TelemetryService {
  return new TelemetryService(options)
}

/** A checked post rate for the caller that got one from elsewhere (e.g. the MirrorUsagePointList poll). */
export function parsePostRate(value: number | undefined): Result<number> {
  return value === undefined ? fail('TELEMETRY_POST_RATE', 'No postRate given.') : checkPostRate(value)
}
