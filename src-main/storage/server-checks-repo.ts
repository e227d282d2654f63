/**
 * Server-check records (issue 17 item 1, migration 9): the facts of each discovery walk, stored when it ran. The
 * report's server section and verdict are computed from the latest one; older ones stay as history.
 */
import { serverCheckSchema, type ServerCheck } from '../../src-shared/report/model/server-check'
import type { Db } from './database'

export interface StoredServerCheck {
  id: number
  siteId: string
  record: ServerCheck
}

export function createServerChecksRepo(db: Db) {
  return {
    add(siteId: string, record: ServerCheck): number {
      const r = db.prepare('INSERT INTO server_checks (site_id, checked_at, record) VALUES (?, ?, ?)').run(siteId, Date.parse(record.checkedAt), JSON.stringify(record))
      return Number(r.lastInsertRowid)
    },
    /** The newest record for the site; a row that no longer fits the schema counts as none (its facts are unknown). */
    latest(siteId: string): StoredServerCheck | undefined {
      const row = db.prepare('SELECT id, record FROM server_checks WHERE site_id = ? ORDER BY id DESC LIMIT 1').get(siteId) as { id: number; record: string } | undefined
      if (!row) return undefined
      const parsed = serverCheckSchema.safeParse(JSON.parse(row.record))
      return parsed.success ? { id: row.id, siteId, record: parsed.data } : undefined
    },
    count(siteId: string): number {
      return (db.prepare('SELECT count(*) AS n FROM server_checks WHERE site_id = ?').get(siteId) as { n: number }).n
    },
  }
}
export type ServerChecksRepo = ReturnType<typeof createServerChecksRepo>
