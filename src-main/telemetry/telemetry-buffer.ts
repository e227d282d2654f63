/**
 * The outbound telemetry buffer on disk (REQUIREMENTS TEL-5, REL-2; handbook 13.3): one row per MirrorMeterReading
 * post, sent oldest first, deleted once the server has taken it. Survives restarts (SQLite, WAL + synchronous FULL,
 * every multi-row change in one transaction). An interval is queued at most once: a high-water mark of the last
 * queued interval end is kept in the same transaction as the rows. Beyond capacity the oldest rows are dropped and
 * the drop is reported.
 *
 * Exactly once across a crash (REL-2, issue 15.8): a row is marked in flight, with the MirrorMeterReading mRID it is
 * posted with, before the POST leaves; it is deleted only after the server's 2xx. A crash in between leaves it in
 * flight, and it is sent again after the restart with the same mRID and interval, which a 2030.5 server takes as the
 * same record (IEEE 2030.5 mirroring: a MirrorMeterReading is identified by its mRID within its MirrorUsagePoint,
 * the Reading by its timePeriod). The SQL lives in storage/telemetry-repo.ts.
 */
import type { Db } from '../storage/database'
import { createTelemetryRepo, type TelemetryRepo, type TelemetryRow } from '../storage/telemetry-repo'
import type { ReadingValue } from '../../src-shared/telemetry'
import { readingKeyId } from '../../src-shared/telemetry'

/** 24 h of 5-minute intervals (TEL-5: the app keeps at least 24 h; handbook 13.3 asks for at least 6 readings). */
export const DEFAULT_BUFFER_INTERVALS = 288
const LAST_QUEUED_KEY = 'last_queued_interval_end'

export interface BufferedReading {
  id: number
  intervalEndMs: number
  reading: ReadingValue
  /** The mRID of an earlier attempt (undefined before the first). */
  mrid: string | undefined
  /** Posts started before this one (> 0: it was in flight, e.g. when the process died). */
  attempts: number
}

export interface QueueResult {
  queued: number
  /** Rows dropped (oldest first) to stay within capacity. */
  dropped: number
  /** The interval had been queued before (e.g. re-aggregated after a restart): nothing was added. */
  duplicate: boolean
}

export interface TelemetryBufferOptions {
  siteId: string
  /** Maximum rows kept; default DEFAULT_BUFFER_INTERVALS x readingsPerInterval. */
  capacity: number
  clock: { now(): number }
}

const toBuffered = (row: TelemetryRow): BufferedReading => ({
  id: row.id,
  intervalEndMs: row.intervalEndMs,
  reading: JSON.parse(row.readingJson) as ReadingValue,
  mrid: row.mrid ?? undefined,
  attempts: row.attempts,
})

export class TelemetryBuffer {
  private readonly repo: TelemetryRepo

  constructor(
    db: Db,
    private readonly options: TelemetryBufferOptions,
  ) {
    this.repo = createTelemetryRepo(db, options.siteId)
  }

  /** Queue the readings of one interval, once. */
  queueInterval(intervalEndMs: number, readings: readonly ReadingValue[]): QueueResult {
    return this.repo.transaction((): QueueResult => {
      const last = Number(this.getState(LAST_QUEUED_KEY) ?? Number.NEGATIVE_INFINITY)
      if (intervalEndMs <= last) return { queued: 0, dropped: 0, duplicate: true }
      const rows = readings.map((r) => ({ scope: r.key.scope, intervalEndMs, readingKey: readingKeyId(r.key), readingJson: JSON.stringify(r) }))
      this.repo.insert(rows, this.options.clock.now())
      this.setState(LAST_QUEUED_KEY, String(intervalEndMs))
      return { queued: readings.length, dropped: this.trim(), duplicate: false }
    })
  }

  /** The oldest reading waiting (oldest interval first, then in plan order). */
  oldest(): BufferedReading | undefined {
    const row = this.repo.oldest()
    return row ? toBuffered(row) : undefined
  }

  /** Every reading waiting, oldest first (status views, checks). */
  pending(): BufferedReading[] {
    return this.repo.all().map(toBuffered)
  }

  /**
   * A post of this reading starts now with `mrid` (committed before the request leaves). A row that already has an
   * mRID keeps it, so a re-send after a crash is the same record for the server. Returns the mRID to send.
   */
  markInFlight(id: number, mrid: string): string {
    return this.repo.markInFlight(id, mrid, this.options.clock.now())?.mrid ?? mrid
  }

  /** The server has the reading: forget it. */
  remove(id: number): void {
    this.repo.remove(id)
  }

  depth(): { readings: number; intervals: number; oldestEndMs: number | undefined } {
    return this.repo.depth()
  }

  /** Readings whose post started but was not confirmed (after a crash: sent again with the same mRID). */
  inFlight(): number {
    return this.repo.inFlight()
  }

  /** The last interval queued (the high-water mark), if any. */
  lastQueuedEndMs(): number | undefined {
    const last = this.getState(LAST_QUEUED_KEY)
    return last === undefined ? undefined : Number(last)
  }

  getState(key: string): string | undefined {
    return this.repo.getState(key)
  }

  setState(key: string, value: string | undefined): void {
    this.repo.setState(key, value, this.options.clock.now())
  }

  /** Drop the oldest rows beyond capacity (handbook 13.3: discard the oldest first). */
  private trim(): number {
    const excess = this.repo.count() - this.options.capacity
    if (excess <= 0) return 0
    this.repo.dropOldest(excess)
    return excess
  }
}
