import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { migrate } from './migrations'
import { Database } from './sqlite'

export type Db = Database

export const DATABASE_FILE = 'sep2-commissioner.sqlite'

/** The data folder is the user's alone (SEC-2): its database names sites, servers and key references. */
const DATA_DIR_MODE = 0o700
const DATABASE_FILE_MODE = 0o600

/**
 * Open (and migrate) the app database in `dataDir` with Node's built-in SQLite (no ABI-specific addon).
 * REL-2: WAL journal with synchronous=FULL, so a committed transaction survives a crash or a power cut (NORMAL would
 * only keep the database consistent, and could lose the last commits); every multi-row write goes through
 * `db.transaction`. Foreign keys on; a writer waits up to 5 s for another connection's lock (the CLI next to the app).
 * The file is created 0600 before SQLite opens it; SQLite gives the -wal and -shm files the same mode.
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE })
  const file = join(dataDir, DATABASE_FILE)
  closeSync(openSync(file, 'a', DATABASE_FILE_MODE))
  chmodSync(file, DATABASE_FILE_MODE)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}
