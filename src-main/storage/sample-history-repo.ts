import type { SiteSample } from '../devices'
import type { Db } from './database'

/**
 * The stored samples thinned for a chart (APP-4 history): the last sample of each time bucket since a time, oldest
 * first, so hours of 200 ms samples stay a few hundred points. The record itself keeps every sample (DESIGN.md).
 */
export function createSampleHistoryRepo(db: Db) {
  const lastPerBucket = db.prepare(
    `SELECT data FROM device_samples WHERE id IN (
       SELECT MAX(id) FROM device_samples WHERE site_id = ? AND at >= ? GROUP BY CAST(at / ? AS INTEGER)
     ) ORDER BY at`,
  )
  return {
    lastPerBucket(o: { siteId: string; sinceMs: number; bucketMs: number }): SiteSample[] {
      const rows = lastPerBucket.all(o.siteId, o.sinceMs, o.bucketMs) as { data: string }[]
      return rows.map((r) => JSON.parse(r.data) as SiteSample)
    },
  }
}
export type SampleHistoryRepo = ReturnType<typeof createSampleHistoryRepo>
