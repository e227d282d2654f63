import type { StoredSampleView } from '../../src-shared/contract/devices'
import type { SiteSample } from '../devices'
import type { Db } from './database'

/**
 * Sampled site and DER values (DEV-5), kept whole (the full sample as JSON) with the columns charts and reports query.
 * REL-2: a batch is written in one transaction, so a crash mid-write leaves either all of it or none.
 */
interface SampleRow {
  session_id: string
  seq: number
  at: number
  site_w: number | null
  der_w: number | null
  gap: number
}

const IN_WINDOW = 'FROM device_samples WHERE site_id = ?1 AND at >= ?2'
const BUCKET = 'GROUP BY CAST(at / ?3 AS INTEGER)'
/** SQLite: with a single MIN() or MAX() aggregate, the bare column `id` comes from the row holding that extreme. */
const extreme = (fn: 'MIN' | 'MAX', column: 'site_w' | 'der_w') => `SELECT id FROM (SELECT id, ${fn}(${column}) ${IN_WINDOW} AND ${column} IS NOT NULL ${BUCKET})`
const DOWNSAMPLED_SQL = `SELECT data FROM device_samples WHERE id IN (
  SELECT MAX(id) ${IN_WINDOW} ${BUCKET}
  UNION ${extreme('MIN', 'site_w')} UNION ${extreme('MAX', 'site_w')} UNION ${extreme('MIN', 'der_w')} UNION ${extreme('MAX', 'der_w')}
) ORDER BY at, id`
/** Samples the chart history keeps of each bucket at most (the last, and the extremes of site and DER power). */
export const SAMPLES_PER_HISTORY_BUCKET = 5

export function createSamplesRepo(db: Db) {
  const insert = db.prepare('INSERT INTO device_samples (site_id, session_id, seq, at, site_w, der_w, gap, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  const appendBatch = db.transaction((siteId: string, sessionId: string, samples: SiteSample[]) => {
    for (const s of samples) {
      insert.run(siteId, sessionId, s.seq, s.at, s.site?.total.W ?? null, s.der.W ?? null, s.gap ? 1 : 0, JSON.stringify(s))
    }
  })

  return {
    appendBatch(siteId: string, sessionId: string, samples: SiteSample[]): void {
      if (samples.length) appendBatch(siteId, sessionId, samples)
    },
    /** The latest `limit` samples of a site, oldest first. */
    latest(siteId: string, limit: number): StoredSampleView[] {
      const rows = db
        .prepare('SELECT session_id, seq, at, site_w, der_w, gap FROM device_samples WHERE site_id = ? ORDER BY id DESC LIMIT ?')
        .all(siteId, limit) as SampleRow[]
      return rows.reverse().map((r) => ({ sessionId: r.session_id, seq: r.seq, at: r.at, siteW: r.site_w, derW: r.der_w, gap: r.gap === 1 }))
    },
    /**
     * Chart history since `sinceMs`, oldest first: of each `bucketMs` bucket the last stored sample and the samples
     * holding the minimum and the maximum site and DER power (issue 14 item 4: a spike or a dip is never lost), so a
     * day of 200 ms samples stays a few hundred points. At most five samples a bucket; the record keeps every sample.
     */
    downsampled(siteId: string, o: { sinceMs: number; bucketMs: number }): SiteSample[] {
      const rows = db.prepare(DOWNSAMPLED_SQL).all(siteId, o.sinceMs, o.bucketMs) as { data: string }[]
      return rows.map((r) => JSON.parse(r.data) as SiteSample)
    },
    count(siteId: string): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM device_samples WHERE site_id = ?').get(siteId) as { n: number }).n
    },
  }
}
export type SamplesRepo = ReturnType<typeof createSamplesRepo>
