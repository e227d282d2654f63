/** SRV-7: the exchange log as a JSON or CSV download. Bodies are as sent and received; key material never enters. */
import type { ExchangeRecord } from '../../../src-shared/contract/server'

const CSV_COLUMNS: (keyof ExchangeRecord)[] = ['id', 'startedAt', 'method', 'url', 'status', 'durationMs', 'attempt', 'tlsVersion', 'tlsCipher', 'errorCode', 'requestBody', 'responseBody']

export function exchangesToJson(records: ExchangeRecord[]): string {
  return JSON.stringify(records.map((r) => ({ ...r, startedAtIso: new Date(r.startedAt).toISOString() })), null, 2)
}

/** RFC 4180: fields quoted when they hold a comma, quote or line break; quotes doubled. */
export function exchangesToCsv(records: ExchangeRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const r of records) lines.push(CSV_COLUMNS.map((c) => csvField(c === 'startedAt' ? new Date(r.startedAt).toISOString() : r[c])).join(','))
  return `${lines.join('\r\n')}\r\n`
}

function csvField(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
