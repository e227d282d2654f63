import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE, openDatabase } from './database'
import { Database, TransactionPromiseError } from './sqlite'

function memory(): Database {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE)')
  return db
}

const names = (db: Database) => (db.prepare('SELECT name FROM t ORDER BY id').all() as { name: string }[]).map((r) => r.name)

describe('sqlite adapter over node:sqlite', () => {
  it('runs, gets and iterates with positional and named parameters; rows are plain objects', () => {
    const db = memory()
    expect(db.prepare('INSERT INTO t (name) VALUES (?)').run('a')).toEqual({ changes: 1, lastInsertRowid: 1 })
    expect(db.prepare('INSERT INTO t (name) VALUES (@name)').run({ name: 'b' }).lastInsertRowid).toBe(2)
    const row = db.prepare('SELECT * FROM t WHERE name = :name').get({ name: 'b' })
    expect(row).toStrictEqual({ id: 2, name: 'b' })
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype)
    expect(db.prepare('SELECT * FROM t WHERE id = ?').get(9)).toBeUndefined()
    expect([...db.prepare('SELECT name FROM t ORDER BY id').iterate()]).toStrictEqual([{ name: 'a' }, { name: 'b' }])
    expect(db.prepare('DELETE FROM t').run().changes).toBe(2)
  })

  it('pragma returns rows, or the single value with simple', () => {
    const db = memory()
    db.pragma('user_version = 7')
    expect(db.pragma('user_version', { simple: true })).toBe(7)
    expect(db.pragma('user_version')).toStrictEqual([{ user_version: 7 }])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('a transaction commits on return and rolls everything back on throw', () => {
    const db = memory()
    const insert = db.transaction((...list: string[]) => {
      for (const n of list) db.prepare('INSERT INTO t (name) VALUES (?)').run(n)
      return list.length
    })
    expect(insert('a', 'b')).toBe(2)
    expect(() => insert('c', 'a')).toThrow(/UNIQUE/)
    expect(names(db)).toEqual(['a', 'b'])
    expect(db.inTransaction).toBe(false)
  })

  it('a nested transaction is a savepoint: its failure undoes only its own writes', () => {
    const db = memory()
    const add = (n: string) => db.prepare('INSERT INTO t (name) VALUES (?)').run(n)
    db.transaction(() => {
      add('outer')
      expect(() => db.transaction(() => (add('inner'), add('outer')))()).toThrow(/UNIQUE/)
      db.transaction(() => add('kept'))()
    })()
    expect(names(db)).toEqual(['outer', 'kept'])
  })

  it('refuses an async transaction function and rolls it back', async () => {
    const db = memory()
    const run = db.transaction(async () => db.prepare('INSERT INTO t (name) VALUES (?)').run('x'))
    expect(run).toThrow(TransactionPromiseError)
    expect(names(db)).toEqual([])
    expect(db.inTransaction).toBe(false)
  })
})

describe('openDatabase', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the data folder 0700 and the database 0600, in WAL with synchronous=FULL and foreign keys', () => {
    dir = mkdtempSync(join(tmpdir(), 'sep2-db-'))
    const dataDir = join(dir, 'data')
    const db = openDatabase(dataDir)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    db.close()
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dataDir, DATABASE_FILE)).mode & 0o777).toBe(0o600)
  })
})
