/**
 * The utility server section for the report, from what the client stored: the exchange log (URL, TLS, EndDevice) and
 * the controls tables (programs with their defaults, events, responses). Each table is read only if it exists.
 */
import { z } from 'zod'
import type { Part } from '../../../src-shared/report/build-report'
import { modeValuesSchema } from '../../../src-shared/report/model/common'
import type { EventSeen, ReportProgram, ResponseSent, ServerSection } from '../../../src-shared/report/model/server-section'
import { isoFromMs, isoFromSeconds } from '../../../src-shared/report/section-builders'
import type { Db } from '../../storage/database'
import { msFromStored, parseJson, readPart, tableExists } from './db-util'
import { readExchangeRows, type ExchangeRow } from './exchange-source'

const defaultSchema = z.object({ modes: modeValuesSchema, setGradW: z.number().optional() })
/** The stored EventInput (src-shared/controls/types.ts), only the fields the report shows. */
const eventSchema = z.object({ mRID: z.string(), start: z.number(), duration: z.number(), currentStatus: z.number().int(), modes: modeValuesSchema, rampTms: z.number().optional() })

const END_DEVICE = /\/edev\/[^/?]+$/
const ok2xx = (row: ExchangeRow) => row.status !== null && row.status >= 200 && row.status < 300

function readPrograms(db: Db, siteId: string): ReportProgram[] {
  if (!tableExists(db, 'controls_programs')) return []
  const rows = db.prepare('SELECT mrid, primacy, description, default_json FROM controls_programs WHERE site_id = ? ORDER BY primacy').all(siteId) as { mrid: string; primacy: number; description: string | null; default_json: string | null }[]
  return rows.map((r) => {
    const d = defaultSchema.safeParse(parseJson(r.default_json))
    return { mRID: r.mrid, description: r.description ?? r.mrid, primacy: r.primacy, ...(d.success ? { defaultControl: d.data } : {}) }
  })
}

function readEvents(db: Db, siteId: string): EventSeen[] {
  if (!tableExists(db, 'controls_events')) return []
  const rows = db.prepare('SELECT event_json, description FROM controls_events WHERE site_id = ? ORDER BY first_seen_at').all(siteId) as { event_json: string; description: string | null }[]
  return rows.flatMap((r) => {
    const e = eventSchema.safeParse(parseJson(r.event_json))
    if (!e.success) return []
    const { start, duration, rampTms, ...rest } = e.data
    return [{ ...rest, ...(r.description ? { program: r.description } : {}), start: isoFromSeconds(start), durationS: duration, ...(rampTms === undefined ? {} : { rampTms }) }]
  })
}

function readResponses(db: Db, siteId: string): ResponseSent[] {
  if (!tableExists(db, 'controls_responses')) return []
  const rows = db.prepare('SELECT mrid, status, first_tried_at FROM controls_responses WHERE site_id = ? ORDER BY first_tried_at').all(siteId) as { mrid: string; status: number; first_tried_at: number }[]
  return rows.map((r) => ({ at: isoFromMs(msFromStored(r.first_tried_at)), eventMRID: r.mrid, status: r.status }))
}

function connection(rows: readonly ExchangeRow[]): Pick<ServerSection, 'url' | 'tls' | 'endDevice' | 'checkedAt'> {
  const first = rows[0]
  const dcap = rows.find((r) => /\/dcap(\?|$)/.test(r.url))
  const tlsRow = [...rows].reverse().find((r) => r.tls_version !== null && r.tls_cipher !== null)
  const edev = rows.find((r) => r.method === 'GET' && END_DEVICE.test(r.url) && ok2xx(r))
  return {
    url: dcap?.url ?? first?.url ?? '',
    ...(first === undefined ? {} : { checkedAt: isoFromMs(msFromStored(rows[rows.length - 1]?.started_at ?? first.started_at)) }),
    ...(tlsRow ? { tls: { protocol: tlsRow.tls_version ?? '', cipher: tlsRow.tls_cipher ?? '' } } : {}),
    endDevice: edev === undefined ? { found: false } : { found: true, href: edev.url },
  }
}

export function readServer(db: Db, siteId: string): Part<ServerSection> {
  return readPart('utility server records', () => {
    const rows = readExchangeRows(db, siteId) ?? []
    const programs = readPrograms(db, siteId)
    if (rows.length === 0 && programs.length === 0) return { notDone: 'Not connected to a utility server yet' }
    return {
      ...connection(rows),
      // The PIN comparison is made live in the Utility server step; the data folder keeps only its exchanges.
      registration: { outcome: 'not-checked', detail: 'The registration PIN check is not stored in the data folder' },
      programs,
      events: readEvents(db, siteId),
      responses: readResponses(db, siteId),
    }
  })
}
