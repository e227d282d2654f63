/**
 * Tables telemetry_buffer and telemetry_state (migrations 5 and 8): the outbound MirrorMeterReading rows of one site
 * and its small telemetry state (mirror usage point locations, reading mRIDs, the last interval queued). The policy
 * (queue once, capacity, order of sending) lives in telemetry/telemetry-buffer.ts; this file only reads and writes.
 */
import type { Db } from './database'

export interface TelemetryRow {
  id: number
  intervalEndMs: number
  /** The reading as queued (JSON of src-shared ReadingValue). */
  readingJson: string
  /** The MirrorMeterReading mRID it was (or is being) posted with; null until the first attempt. */
  mrid: string | null
  /** Posts started for this row; > 0 means it is in flight (the server may already have it). */
  attempts: number
}

export interface TelemetryInsert {
  scope: string
  intervalEndMs: number
  readingKey: string
  readingJson: string
}

export interface TelemetryRepo {
  /** Run `fn` in one transaction (rolled back whole on a throw or a crash). */
  transaction<T>(fn: () => T): T
  insert(rows: readonly TelemetryInsert[], nowMs: number): void
  oldest(): TelemetryRow | undefined
  /** Every row, oldest first. */
  all(): TelemetryRow[]
  /** Record that a post of this row starts now with this mRID (kept if the row already has one); returns the row after. */
  markInFlight(id: number, mrid: string, nowMs: number): TelemetryRow | undefined
  remove(id: number): void
  count(): number
  depth(): { readings: number; intervals: number; oldestEndMs: number | undefined }
  inFlight(): number
  /** Delete the `count` oldest rows. */
  dropOldest(count: number): void
  getState(key: string): string | undefined
  setState(key: string, value: string | undefined, nowMs: number): void
}

interface Row {
  id: number
  interval_end: number
  reading: string
  mrid: string | null
  attempts: number
}

const toRow = (r: Row): TelemetryRow => ({ id: r.id, intervalEndMs: r.interval_end, readingJson: r.reading, mrid: r.mrid, attempts: r.attempts })

export function createTelemetryRepo(db: Db, siteId: string): TelemetryRepo {
  const selectRow = 'SELECT id, interval_end, reading, mrid, attempts FROM telemetry_buffer'
  const one = (id: number): TelemetryRow | undefined => {
    const r = db.prepare(`${selectRow} WHERE id = ? AND site_id = ?`).get(id, siteId) as Row | undefined
    return r ? toRow(r) : undefined
  }
  return {
    transaction: (fn) => db.transaction(fn)(),
    insert: (rows, nowMs) => {
      const insert = db.prepare(
        'INSERT OR IGNORE INTO telemetry_buffer (site_id, scope, interval_end, reading_key, reading, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      for (const r of rows) insert.run(siteId, r.scope, r.intervalEndMs, r.readingKey, r.readingJson, nowMs)
    },
    oldest: () => {
      const r = db.prepare(`${selectRow} WHERE site_id = ? ORDER BY interval_end, id LIMIT 1`).get(siteId) as Row | undefined
      return r ? toRow(r) : undefined
    },
    all: () => (db.prepare(`${selectRow} WHERE site_id = ? ORDER BY interval_end, id`).all(siteId) as Row[]).map(toRow),
    markInFlight: (id, mrid, nowMs) => {
      db.prepare('UPDATE telemetry_buffer SET mrid = coalesce(mrid, ?), attempts = attempts + 1, sent_at = ? WHERE id = ? AND site_id = ?').run(mrid, nowMs, id, siteId)
      return one(id)
    },
    remove: (id) => {
      db.prepare('DELETE FROM telemetry_buffer WHERE id = ? AND site_id = ?').run(id, siteId)
    },
    count: () => (db.prepare('SELECT count(*) AS n FROM telemetry_buffer WHERE site_id = ?').get(siteId) as { n: number }).n,
    depth: () => {
      const row = db
        .prepare('SELECT count(*) AS n, count(DISTINCT interval_end) AS i, min(interval_end) AS oldest FROM telemetry_buffer WHERE site_id = ?')
        .get(siteId) as { n: number; i: number; oldest: number | null }
      return { readings: row.n, intervals: row.i, oldestEndMs: row.oldest ?? undefined }
    },
    inFlight: () => (db.prepare('SELECT count(*) AS n FROM telemetry_buffer WHERE site_id = ? AND attempts > 0').get(siteId) as { n: number }).n,
    dropOldest: (count) => {
      db.prepare('DELETE FROM telemetry_buffer WHERE id IN (SELECT id FROM telemetry_buffer WHERE site_id = ? ORDER BY interval_end, id LIMIT ?)').run(siteId, count)
    },
    getState: (key) => {
      const row = db.prepare('SELECT value FROM telemetry_state WHERE site_id = ? AND key = ?').get(siteId, key) as { value: string } | undefined
      return row?.value
    },
    setState: (key, value, nowMs) => {
      if (value === undefined) {
        db.prepare('DELETE FROM telemetry_state WHERE site_id = ? AND key = ?').run(siteId, key)
        return
      }
      db.prepare(
        'INSERT INTO telemetry_state (site_id, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (site_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ).run(siteId, key, value, nowMs)
    },
  }
}
