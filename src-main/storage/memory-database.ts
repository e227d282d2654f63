/**
 * An empty, migrated database in memory: for one-shot commands that need the services' stores but keep nothing
 * (e.g. `limits`), and for tests. The same schema as the app's file (storage/migrations.ts).
 */
import type { Db } from './database'
import { migrate } from './migrations'
import { Database } from './sqlite'

export function openMemoryDatabase(): Db {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db)
  return db
}
