/**
 * The outbound telemetry buffer on disk (REQUIREMENTS TEL-5, REL-2; handbook 13.3): one row per MirrorMeterReading
 * post, sent oldest first, deleted once the server has taken it. Survives restarts (SQLite, WAL + synchronous FULL,
 * every multi-row change in one transaction). An interval is queued at most once: a high-water mark of the last
 * queued interval end is kept in the same transaction as the rows. Beyond capacity the oldest rows are dropped and
 * the drop is reported.
 */
import type { Db } from '../storage/database'
import type { ReadingValue } from '../../src-shared/telemetry'
import { readingKeyId } from '../../src-shared/telemetry'

/** 24 h of 5-minute intervals (TEL-5: the app keeps at least 24 h; handbook 13.3 asks for at least 6 readings). */
export const DEFAULT_BUFFER_INTERVALS = 288
const LAST_QUEUED_KEY = 'last_queued_interval_end'

export interface BufferedReading {
  id: number
  intervalEndMs: number
  reading: ReadingValue
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

export class TelemetryBuffer {
  constructor(
    private readonly db: Db,
    private readonly options: TelemetryBufferOptions,
  ) {}

  /** Queue the readings of one interval, once. */
  queueInterval(intervalEndMs: number, readings: readonly ReadingValue[]): QueueResult {
    const { siteId } = this.options
    return this.db.transaction((): QueueResult => {
      const last = Number(this.getState(LAST_QUEUED_KEY) ?? Number.NEGATIVE_INFINITY)
      if (intervalEndMs <= last) return { queued: 0, dropped: 0, duplicate: true }
      const insert = this.db.prepare(
        'INSERT OR IGNORE INTO telemetry_buffer (site_id, scope, interval_end, reading_key, reading, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      for (const r of readings) insert.run(siteId, r.key.scope, intervalEndMs, readingKeyId(r.key), JSON.stringify(r), this.options.clock.now())
      this.setState(LAST_QUEUED_KEY, String(intervalEndMs))
      return { queued: readings.length, dropped: this.trim(), duplicate: false }
    })()
  }

  /** The oldest reading waiting (oldest interval first, then in plan order). */
  oldest(): BufferedReading | undefined {
    const row = this.db
      .prepare('SELECT id, interval_end, reading FROM telemetry_buffer WHERE site_id = ? ORDER BY interval_end, id LIMIT 1')
      .get(this.options.siteId) as { id: number; interval_end: number; reading: string } | undefined
    if (!row) return undefined
    return { id: row.id, intervalEndMs: row.interval_end, reading: JSON.parse(row.reading) as ReadingValue }
  }

  /** The server has the reading: forget it. */
  remove(id: number): void {
    this.db.prepare('DELETE FROM telemetry_buffer WHERE id = ? AND site_id = ?').run(id, this.options.siteId)
  }

  depth(): { readings: number; intervals: number; oldestEndMs: number | undefined } {
    const row = this.db
      .prepare('SELECT count(*) AS n, count(DISTINCT interval_end) AS i, min(interval_end) AS oldest FROM telemetry_buffer WHERE site_id = ?')
      .get(this.options.siteId) as { n: number; i: number; oldest: number | null }
    return { readings: row.n, intervals: row.i, oldestEndMs: row.oldest ?? undefined }
  }

  getState(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM telemetry_state WHERE site_id = ? AND key = ?').get(this.options.siteId, key) as
      | { value: string }
      | undefined
    return row?.value
  }

  setState(key: string, value: string | undefined): void {
    if (value === undefined) {
      this.db.prepare('DELETE FROM telemetry_state WHERE site_id = ? AND key = ?').run(this.options.siteId, key)
      return
    }
    this.db
      .prepare(
        'INSERT INTO telemetry_state (site_id, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (site_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(this.options.siteId, key, value, this.options.clock.now())
  }

  /** Drop the oldest rows beyond capacity (handbook 13.3: discard the oldest first). */
  private trim(): number {
    const { siteId, capacity } = this.options
    const count = (this.db.prepare('SELECT count(*) AS n FROM telemetry_buffer WHERE site_id = ?').get(siteId) as { n: number }).n
    const excess = count - capacity
    if (excess <= 0) return 0
    this.db
      .prepare('DELETE FROM telemetry_buffer WHERE id IN (SELECT id FROM telemetry_buffer WHERE site_id = ? ORDER BY interval_end, id LIMIT ?)')
      .run(siteId, excess)
    return excess
  }
}
