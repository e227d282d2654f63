/** Exchange log (SRV-7) and telemetry posts (TEL) for the report, from the `exchange_log` table. */
import type { Part } from '../../../src-shared/report/build-report'
import type { ExchangeSection, TelemetrySection } from '../../../src-shared/report/model/report'
import { exchangeSection, telemetrySection, type ExchangeEntry } from '../../../src-shared/report/section-builders'
import type { ReportExchangeRow as ExchangeRow, ReportSourceRepo } from '../../storage/report-source-repo'
import { msFromStored, readPart } from './db-util'

function entryOf(row: ExchangeRow): ExchangeEntry {
  return {
    at: msFromStored(row.started_at),
    method: row.method,
    url: row.url,
    status: row.status ?? row.error_code ?? 'no answer',
    ...(row.error_code === null ? {} : { error: row.error_code }),
  }
}

export function readExchange(repo: ReportSourceRepo, siteId: string): Part<ExchangeSection> {
  return readPart('exchange log', () => {
    const rows = repo.exchanges(siteId)
    if (rows === undefined || rows.length === 0) return { notDone: 'No exchange with a utility server recorded' }
    return exchangeSection(rows.map(entryOf))
  })
}

/** handbook 13: telemetry goes to the server as POSTs to MirrorUsagePoints (`/mup`). */
const MIRROR_USAGE_POINT = /\/mup(\/|\?|$)/

export function readTelemetry(repo: ReportSourceRepo, siteId: string): Part<TelemetrySection> {
  return readPart('telemetry posts', () => {
    const rows = (repo.exchanges(siteId) ?? []).filter((r) => r.method === 'POST' && MIRROR_USAGE_POINT.test(r.url))
    if (rows.length === 0) return { notDone: 'No telemetry posted yet' }
    return telemetrySection(rows.map((r) => ({ at: msFromStored(r.started_at), status: r.status ?? r.error_code ?? 'no answer' })))
  })
}
