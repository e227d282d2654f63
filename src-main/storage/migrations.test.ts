import { Database } from './sqlite'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, migrate } from './migrations'

describe('migrations', () => {
  it('brings an empty database to the latest version, and is idempotent', () => {
    const db = new Database(':memory:')
    const latest = Math.max(...MIGRATIONS.map((m) => m.version))
    expect(migrate(db)).toBe(latest)
    expect(migrate(db)).toBe(latest)
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name)
    expect(tables).toEqual(expect.arrayContaining(['sites', 'wizard_steps', 'certificates', 'site_keys']))
  })

  it('rolls a failing migration back whole, leaving the version unchanged', () => {
    const db = new Database(':memory:')
    migrate(db)
    const before = db.pragma('user_version', { simple: true })
    const broken = [...MIGRATIONS, { version: 999, description: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' }]
    expect(() => migrate(db, broken)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(before)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 })
  })
})
