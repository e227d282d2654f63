import { randomUUID } from 'node:crypto'
import { siteSchema, type Site, type SiteInput } from '../../src-shared/domain/site'
import { validateNmi } from '../../src-shared/identity/nmi'
import { AppError } from '../errors'
import type { Db } from './database'

export class SiteNotFoundError extends AppError {
  constructor(id: string) {
    super('SITE_NOT_FOUND', `No site with id ${id}`, { hint: 'Pick the site again from the list.' })
  }
}

interface SiteRow {
  id: string
  data: string
  created_at: number
  updated_at: number
}

/** Sites (ID-4) as JSON documents validated on the way in and out. */
export function createSitesRepo(db: Db, now: () => number) {
  const toSite = (row: SiteRow): Site => siteSchema.parse({ ...JSON.parse(row.data), id: row.id, createdAt: row.created_at, updatedAt: row.updated_at })

  return {
    list(): Site[] {
      const rows = db.prepare('SELECT * FROM sites ORDER BY updated_at DESC').all() as SiteRow[]
      return rows.map(toSite)
    },
    get(id: string): Site {
      const row = db.prepare('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined
      if (!row) throw new SiteNotFoundError(id)
      return toSite(row)
    },
    save(input: SiteInput): Site {
      const { id: givenId, ...rest } = input
      const data = JSON.stringify({ ...rest, nmi: validateNmi(input.nmi).normalised })
      const at = now()
      const id = givenId ?? randomUUID()
      db.transaction(() => {
        const exists = db.prepare('SELECT 1 FROM sites WHERE id = ?').get(id)
        if (givenId && !exists) throw new SiteNotFoundError(givenId)
        if (exists) db.prepare('UPDATE sites SET data = ?, updated_at = ? WHERE id = ?').run(data, at, id)
        else db.prepare('INSERT INTO sites (id, data, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, data, at, at)
      })()
      return this.get(id)
    },
    delete(id: string): void {
      const result = db.prepare('DELETE FROM sites WHERE id = ?').run(id)
      if (result.changes === 0) throw new SiteNotFoundError(id)
    },
  }
}
export type SitesRepo = ReturnType<typeof createSitesRepo>
