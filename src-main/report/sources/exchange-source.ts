/** Exchange log (SRV-7) and telemetry posts (TEL) for the report, from the `exchange_log` table. */
import type { Part } from '../../../src-shared/report/build-report'
import type { ExchangeSection, TelemetrySection } from '../../../src-shared/report/model/report'
import { exchangeSection, telemetrySection, type ExchangeEntry } from '../../../src-shared/report/section-builders'
import type { Db } from '../../storage/database'
import { msFromStored, readPart, tableExists } from './db-util'

export interface ExchangeRow {
  started_at: number
  method: string
  url: string
  status: number | null
  tls_version: string | null
  tls_cipher: string | null
  error_code: string | null
}

export function readExchangeRows(db: Db, siteId: string): ExchangeRow[] | undefined {
  if (!tableExists(db, 'exchange_log')) return undefined
  return db.prepare('SELECT started_at, method, url, status, tls_version, tls_cipher, error_code FROM exchange_log WHERE site_id = ? ORDER BY id').all(siteId) as ExchangeRow[]
}

function entryOf(row: ExchangeRow): ExchangeEntry {
  return {
    at: msFromStored(row.started_at),
    method: row.method,
    url: row.url,
    status: row.status ?? row.error_code ?? 'no answer',
    ...(row.error_code === null ? {} : { error: row.error_code }),
  }
}

export function readExchange(db: Db, siteId: string): Part<ExchangeSection> {
  return readPart('exchange log', () => {
    const rows = readExchangeRows(db, siteId)
    if (rows === undefined || rows.length === 0) return { notDone: 'No exchange with a utility server recorded' }
    return exchangeSection(rows.map(entryOf))
  })
}

/** handbook 13: telemetry goes to the server as POSTs to MirrorUsagePoints (`/mup`). */
const MIRROR_USAGE_POINT = /\/mup(\/|\?|$)/

export function readTelemetry(db: Db, siteId: string): Part<TelemetrySection> {
  return readPart('telemetry posts', () => {
    const rows = (readExchangeRows(db, siteId) ?? []).filter((r) => r.method === 'POST' && MIRROR_USAGE_POINT.test(r.url))
    if (rows.length === 0) return { notDone: 'No telemetry posted yet' }
    return telemetrySection(rows.map((r) => ({ at: msFromStored(r.started_at), status: r.status ?? r.error_code ?? 'no answer' })))
  })
}
