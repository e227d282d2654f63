import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './migrations'

export type Db = Database.Database

export const DATABASE_FILE = 'sep2-commissioner.sqlite'

/**
 * Open (and migrate) the app database in `dataDir`. REL-2: WAL journal with synchronous=FULL so a committed
 * transaction survives a crash or power cut; every multi-row write goes through `db.transaction`.
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const db = new Database(join(dataDir, DATABASE_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}
