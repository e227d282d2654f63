/** The last conclusive CT direction / phase check per site (issue 17 item 6, migration 10), read by the report. */
import { ctCheckSchema, type CtCheck } from '../../src-shared/report/model/ct-check'
import type { Db } from './database'

export function createCtChecksRepo(db: Db) {
  return {
    save(siteId: string, record: CtCheck): void {
      db.prepare(
        `INSERT INTO ct_checks (site_id, checked_at, record) VALUES (?, ?, ?)
         ON CONFLICT(site_id) DO UPDATE SET checked_at = excluded.checked_at, record = excluded.record`,
      ).run(siteId, Date.parse(record.checkedAt), JSON.stringify(record))
    },
    /** A row that no longer fits the schema counts as no check. */
    latest(siteId: string): CtCheck | undefined {
      const row = db.prepare('SELECT record FROM ct_checks WHERE site_id = ?').get(siteId) as { record: string } | undefined
      const parsed = row ? ctCheckSchema.safeParse(JSON.parse(row.record)) : undefined
      return parsed?.success ? parsed.data : undefined
    },
  }
}
export type CtChecksRepo = ReturnType<typeof createCtChecksRepo>
