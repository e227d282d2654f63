/**
 * SQL that only the benches run (bench/chart-data.bench.ts), kept here with the rest of the SQL (issue 16 item 3):
 * a bare site row for the samples' foreign key, and the history query the peak-keeping one replaced – the reference
 * its time is printed against.
 */
import type { Db } from './database'

export function insertBareSite(db: Db, id: string): void {
  db.prepare("INSERT INTO sites (id, data, created_at, updated_at) VALUES (?, '{}', 0, 0)").run(id)
}

/** The previous 24 h history query: the last sample of each bucket (it lost every peak between them). */
export function lastSamplePerBucket(db: Db, siteId: string, sinceMs: number, bucketMs: number): unknown[] {
  return db.prepare('SELECT data FROM device_samples WHERE id IN (SELECT MAX(id) FROM device_samples WHERE site_id = ? AND at >= ? GROUP BY CAST(at / ? AS INTEGER)) ORDER BY at').all(siteId, sinceMs, bucketMs)
}
