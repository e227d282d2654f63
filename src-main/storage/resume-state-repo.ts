/**
 * Whether live readings were running for a site when the app last stopped (issue 17 item 6, migration 11): set when
 * the installer starts them, cleared when the installer stops them – an engine shut down while sampling keeps it set.
 */
import type { Db } from './database'

export function createResumeStateRepo(db: Db, now: () => number) {
  return {
    setSampling(siteId: string, running: boolean): void {
      db.prepare(
        `INSERT INTO resume_state (site_id, sampling, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(site_id) DO UPDATE SET sampling = excluded.sampling, updated_at = excluded.updated_at`,
      ).run(siteId, running ? 1 : 0, now())
    },
    wasSampling(siteId: string): boolean {
      const row = db.prepare('SELECT sampling FROM resume_state WHERE site_id = ?').get(siteId) as { sampling: number } | undefined
      return row?.sampling === 1
    },
  }
}
export type ResumeStateRepo = ReturnType<typeof createResumeStateRepo>
