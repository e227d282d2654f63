/**
 * What the commissioning report reads from the data folder (APP-5, APP-7): the rows of tables other features write
 * (devices, exchange_log, controls_*), each only when the table exists (a data folder from an older version, or a
 * site that never reached that step, has none). The report's sources turn these rows into sections.
 */
import type { Db } from './database'

export interface ReportDeviceRow {
  name: string
  role: string
  unit_id: number
  connection: string
  discovery: string | null
}

export interface ReportExchangeRow {
  started_at: number
  method: string
  url: string
  status: number | null
  tls_version: string | null
  tls_cipher: string | null
  error_code: string | null
}

export interface ReportProgramRow {
  mrid: string
  primacy: number
  description: string | null
  default_json: string | null
}

export interface ReportEventRow {
  event_json: string
  description: string | null
}

export interface ReportResponseRow {
  mrid: string
  status: number
  first_tried_at: number
}

/** Each reader returns undefined when its table does not exist. */
export interface ReportSourceRepo {
  hasTable(name: string): boolean
  /** Devices with a role, in the order the installer set. */
  devices(siteId: string): ReportDeviceRow[] | undefined
  exchanges(siteId: string): ReportExchangeRow[] | undefined
  programs(siteId: string): ReportProgramRow[] | undefined
  events(siteId: string): ReportEventRow[] | undefined
  responses(siteId: string): ReportResponseRow[] | undefined
  /** The latest server-check record's JSON (issue 17 item 1). */
  serverCheck(siteId: string): { checked_at: number; record: string }[] | undefined
  /** The last conclusive CT check's JSON (issue 17 item 6). */
  ctCheck(siteId: string): { record: string }[] | undefined
}

export function createReportSourceRepo(db: Db): ReportSourceRepo {
  const hasTable = (name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
  const rowsOf = <T>(table: string, sql: string, siteId: string): T[] | undefined => (hasTable(table) ? (db.prepare(sql).all(siteId) as T[]) : undefined)
  return {
    hasTable,
    devices: (siteId) =>
      rowsOf<ReportDeviceRow>('devices', "SELECT name, role, unit_id, connection, discovery FROM devices WHERE site_id = ? AND role <> 'none' ORDER BY position", siteId),
    exchanges: (siteId) =>
      rowsOf<ReportExchangeRow>('exchange_log', 'SELECT started_at, method, url, status, tls_version, tls_cipher, error_code FROM exchange_log WHERE site_id = ? ORDER BY id', siteId),
    programs: (siteId) =>
      rowsOf<ReportProgramRow>('controls_programs', 'SELECT mrid, primacy, description, default_json FROM controls_programs WHERE site_id = ? ORDER BY primacy', siteId),
    events: (siteId) => rowsOf<ReportEventRow>('controls_events', 'SELECT event_json, description FROM controls_events WHERE site_id = ? ORDER BY first_seen_at', siteId),
    responses: (siteId) =>
      rowsOf<ReportResponseRow>('controls_responses', 'SELECT mrid, status, first_tried_at FROM controls_responses WHERE site_id = ? ORDER BY first_tried_at', siteId),
    serverCheck: (siteId) => rowsOf('server_checks', 'SELECT checked_at, record FROM server_checks WHERE site_id = ? ORDER BY id DESC LIMIT 1', siteId),
    ctCheck: (siteId) => rowsOf('ct_checks', 'SELECT record FROM ct_checks WHERE site_id = ?', siteId),
  }
}
