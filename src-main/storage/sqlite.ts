import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'

/**
 * A thin adapter over Node's built-in `node:sqlite` with the call shape the storage code was written against
 * (prepare/run/get/all/iterate, transaction(fn) returning a function, pragma, exec, close). `node:sqlite` is part of
 * Node itself (>= 22.13, and the Node inside Electron 40), so nothing here must be rebuilt for Electron's ABI.
 *
 * Rows come back as plain objects (node:sqlite gives null-prototype ones), INTEGER columns as numbers.
 */

export interface RunResult {
  changes: number
  lastInsertRowid: number | bigint
}

/** Positional values, or one object of named values first (`@name`, `:name`, `$name`), checked by SQLite itself. */
const bind = (params: unknown[]): SQLInputValue[] => params as SQLInputValue[]

export class Statement {
  constructor(private readonly stmt: StatementSync) {}

  run(...params: unknown[]): RunResult {
    const r = this.stmt.run(...bind(params))
    return { changes: Number(r.changes), lastInsertRowid: r.lastInsertRowid }
  }

  get(...params: unknown[]): unknown {
    const row = this.stmt.get(...bind(params))
    return row === undefined ? undefined : { ...row }
  }

  all(...params: unknown[]): unknown[] {
    return this.stmt.all(...bind(params)).map((row) => ({ ...row }))
  }

  *iterate(...params: unknown[]): IterableIterator<unknown> {
    for (const row of this.stmt.iterate(...bind(params))) yield { ...row }
  }
}

export class TransactionPromiseError extends Error {
  readonly code = 'SQLITE_TRANSACTION_PROMISE'
  constructor() {
    super('A transaction function must be synchronous: it returned a promise')
  }
}

export interface DatabaseOptions {
  readOnly?: boolean
}

export class Database {
  private readonly db: DatabaseSync
  /** How many transaction functions are running; the outermost owns BEGIN/COMMIT, inner ones a SAVEPOINT. */
  private depth = 0

  constructor(path: string, options: DatabaseOptions = {}) {
    // Foreign keys on and double-quoted string literals off: the same defaults better-sqlite3 had.
    this.db = new DatabaseSync(path, { readOnly: options.readOnly ?? false, enableForeignKeyConstraints: true })
  }

  prepare(sql: string): Statement {
    return new Statement(this.db.prepare(sql))
  }

  exec(sql: string): this {
    this.db.exec(sql)
    return this
  }

  /** `PRAGMA <source>`: every row, or with `simple` the first column of the first row. */
  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    const rows = this.db.prepare(`PRAGMA ${source}`).all()
    if (!options.simple) return rows.map((row) => ({ ...row }))
    const first = rows[0]
    return first === undefined ? undefined : Object.values(first)[0]
  }

  get inTransaction(): boolean {
    return this.depth > 0
  }

  /**
   * Wrap `fn` so each call runs in one transaction: committed when it returns, rolled back when it throws. A call
   * inside another transaction function nests as a savepoint, so an inner failure undoes only the inner part.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const nested = this.depth > 0
      const savepoint = `tx_${this.depth}`
      this.db.exec(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN')
      this.depth += 1
      try {
        const result = fn(...args)
        if (result instanceof Promise) throw new TransactionPromiseError()
        this.db.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT')
        return result
      } catch (error) {
        // SQLite may already have rolled the whole transaction back (SQLITE_FULL, SQLITE_IOERR): then nothing is left to undo.
        if (this.db.isTransaction) this.db.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK')
        throw error
      } finally {
        this.depth -= 1
      }
    }
  }

  close(): this {
    if (this.db.isOpen) this.db.close()
    return this
  }
}
