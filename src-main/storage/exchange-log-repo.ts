/**
 * SRV-7: every HTTP exchange with a utility server, per site: method, URL, status, duration, request and response
 * bodies, TLS version/cipher and the error code. The transport reports no key material, and none is stored here.
 * The step's server settings and last discovery result per site are kept here too (table server_settings).
 */
import type { DiscoveryResult, ExchangeFilter, ExchangeRecord, ServerSettings } from '../../src-shared/contract/server'
import type { Sep2Exchange } from '../sep2/transport'
import type { Db } from './database'

/** Kept per site; older rows are pruned (a day of polling is ~2,500 exchanges). */
export const EXCHANGE_LOG_MAX_ROWS = 50_000
const DEFAULT_LIMIT = 500
const PRUNE_EVERY = 500

interface Row {
  id: number
  site_id: string
  started_at: number
  method: string
  url: string
  status: number | null
  duration_ms: number
  attempt: number
  request_body: string | null
  response_body: string | null
  tls_version: string | null
  tls_cipher: string | null
  error_code: string | null
}

function toRecord(r: Row): ExchangeRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    startedAt: r.started_at,
    method: r.method,
    url: r.url,
    status: r.status,
    durationMs: r.duration_ms,
    attempt: r.attempt,
    requestBody: r.request_body,
    responseBody: r.response_body,
    tlsVersion: r.tls_version,
    tlsCipher: r.tls_cipher,
    errorCode: r.error_code,
  }
}

function whereOf(siteId: string, filter: ExchangeFilter): { sql: string; params: (string | number)[] } {
  const clauses = ['site_id = ?']
  const params: (string | number)[] = [siteId]
  if (filter.method) {
    clauses.push('method = ?')
    params.push(filter.method)
  }
  const status = filter.status
  if (status === 'error') clauses.push('error_code IS NOT NULL')
  else if (status && /^\dxx$/.test(status)) {
    const base = Number(status[0]) * 100
    clauses.push('status >= ? AND status < ?')
    params.push(base, base + 100)
  } else if (status) {
    clauses.push('status = ?')
    params.push(Number(status))
  }
  if (filter.url) {
    clauses.push("url LIKE ? ESCAPE '\\'")
    params.push(`%${escapeLike(filter.url)}%`)
  }
  if (filter.text) {
    clauses.push("(url LIKE ? ESCAPE '\\' OR request_body LIKE ? ESCAPE '\\' OR response_body LIKE ? ESCAPE '\\' OR error_code LIKE ? ESCAPE '\\')")
    const like = `%${escapeLike(filter.text)}%`
    params.push(like, like, like, like)
  }
  return { sql: clauses.join(' AND '), params }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export function createExchangeLogRepo(db: Db) {
  let sincePrune = 0
  const insert = db.prepare(
    `INSERT INTO exchange_log (site_id, started_at, method, url, status, duration_ms, attempt, request_body, response_body, tls_version, tls_cipher, error_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const prune = (siteId: string): void => {
    db.prepare('DELETE FROM exchange_log WHERE site_id = ? AND id <= (SELECT id FROM exchange_log WHERE site_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)').run(siteId, siteId, EXCHANGE_LOG_MAX_ROWS)
  }
  return {
    add(siteId: string, e: Sep2Exchange): void {
      insert.run(siteId, e.startedAt, e.method, e.url, e.status ?? null, Math.round(e.durationMs), e.attempt, e.requestBody ?? null, e.responseBody ?? null, e.tls?.version ?? null, e.tls?.cipher ?? null, e.errorCode ?? null)
      if (++sincePrune >= PRUNE_EVERY) {
        sincePrune = 0
        prune(siteId)
      }
    },
    /** Newest first. */
    list(siteId: string, filter: ExchangeFilter = {}): ExchangeRecord[] {
      const where = whereOf(siteId, filter)
      const rows = db.prepare(`SELECT * FROM exchange_log WHERE ${where.sql} ORDER BY id DESC LIMIT ?`).all(...where.params, filter.limit ?? DEFAULT_LIMIT) as Row[]
      return rows.map(toRecord)
    },
    clear(siteId: string): void {
      db.prepare('DELETE FROM exchange_log WHERE site_id = ?').run(siteId)
    },
  }
}
export type ExchangeLogRepo = ReturnType<typeof createExchangeLogRepo>

/** Step "Utility server" storage: the server chosen for a site and the last discovery result (public data only). */
export function createServerStateRepo(db: Db, now: () => number) {
  return {
    get(siteId: string): { settings: ServerSettings | null; result: DiscoveryResult | null } {
      const row = db.prepare('SELECT settings, result FROM server_settings WHERE site_id = ?').get(siteId) as { settings: string; result: string | null } | undefined
      // Written only by this app (saveSettings / saveResult below).
      return { settings: row ? (JSON.parse(row.settings) as ServerSettings) : null, result: row?.result ? (JSON.parse(row.result) as DiscoveryResult) : null }
    },
    saveSettings(siteId: string, settings: ServerSettings): void {
      db.prepare(
        `INSERT INTO server_settings (site_id, settings, result, updated_at) VALUES (?, ?, NULL, ?)
         ON CONFLICT(site_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      ).run(siteId, JSON.stringify(settings), now())
    },
    saveResult(siteId: string, settings: ServerSettings, result: DiscoveryResult): void {
      db.prepare(
        `INSERT INTO server_settings (site_id, settings, result, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(site_id) DO UPDATE SET settings = excluded.settings, result = excluded.result, updated_at = excluded.updated_at`,
      ).run(siteId, JSON.stringify(settings), JSON.stringify(result), now())
    },
  }
}
export type ServerStateRepo = ReturnType<typeof createServerStateRepo>
