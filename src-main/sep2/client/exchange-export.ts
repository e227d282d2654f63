/** SRV-7: the exchange log as a JSON or CSV download. Bodies are as sent and received; key material never enters. */
import type { ExchangeRecord } from '../../../src-shared/contract/server'
import { toCsv } from '../../../src-shared/report/csv'

const CSV_COLUMNS: (keyof ExchangeRecord)[] = ['id', 'startedAt', 'method', 'url', 'status', 'durationMs', 'attempt', 'tlsVersion', 'tlsCipher', 'errorCode', 'requestBody', 'responseBody']

export function exchangesToJson(records: ExchangeRecord[]): string {
  return JSON.stringify(records.map((r) => ({ ...r, startedAtIso: new Date(r.startedAt).toISOString() })), null, 2)
}

/** The one CSV writer (src-shared/report/csv.ts: RFC 4180 quoting, spreadsheet formulas defused). */
export function exchangesToCsv(records: ExchangeRecord[]): string {
  return toCsv(
    CSV_COLUMNS,
    records.map((r) => CSV_COLUMNS.map((c) => (c === 'startedAt' ? new Date(r.startedAt).toISOString() : r[c]))),
  )
}
