/**
 * The utility server section for the report, from what the client stored: the exchange log (URL, TLS, EndDevice) and
 * the controls tables (programs with their defaults, events, responses). Each table is read only if it exists.
 */
import { z } from 'zod'
import type { Part } from '../../../src-shared/report/build-report'
import { modeValuesSchema } from '../../../src-shared/report/model/common'
import type { EventSeen, ReportProgram, ResponseSent, ServerSection } from '../../../src-shared/report/model/server-section'
import { isoFromMs, isoFromSeconds } from '../../../src-shared/report/section-builders'
import type { ReportExchangeRow as ExchangeRow, ReportSourceRepo } from '../../storage/report-source-repo'
import { msFromStored, parseJson, readPart } from './db-util'

const defaultSchema = z.object({ modes: modeValuesSchema, setGradW: z.number().optional() })
/** The stored EventInput (src-shared/controls/types.ts), only the fields the report shows. */
const eventSchema = z.object({ mRID: z.string(), start: z.number(), duration: z.number(), currentStatus: z.number().int(), modes: modeValuesSchema, rampTms: z.number().optional() })

const END_DEVICE = /\/edev\/[^/?]+$/
const ok2xx = (row: ExchangeRow) => row.status !== null && row.status >= 200 && row.status < 300

function readPrograms(repo: ReportSourceRepo, siteId: string): ReportProgram[] {
  return (repo.programs(siteId) ?? []).map((r) => {
    const d = defaultSchema.safeParse(parseJson(r.default_json))
    return { mRID: r.mrid, description: r.description ?? r.mrid, primacy: r.primacy, ...(d.success ? { defaultControl: d.data } : {}) }
  })
}

function readEvents(repo: ReportSourceRepo, siteId: string): EventSeen[] {
  return (repo.events(siteId) ?? []).flatMap((r) => {
    const e = eventSchema.safeParse(parseJson(r.event_json))
    if (!e.success) return []
    const { start, duration, rampTms, ...rest } = e.data
    return [{ ...rest, ...(r.description ? { program: r.description } : {}), start: isoFromSeconds(start), durationS: duration, ...(rampTms === undefined ? {} : { rampTms }) }]
  })
}

function readResponses(repo: ReportSourceRepo, siteId: string): ResponseSent[] {
  return (repo.responses(siteId) ?? []).map((r) => ({ at: isoFromMs(msFromStored(r.first_tried_at)), eventMRID: r.mrid, status: r.status }))
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

export function readServer(repo: ReportSourceRepo, siteId: string): Part<ServerSection> {
  return readPart('utility server records', () => {
    const rows = repo.exchanges(siteId) ?? []
    const programs = readPrograms(repo, siteId)
    if (rows.length === 0 && programs.length === 0) return { notDone: 'Not connected to a utility server yet' }
    return {
      ...connection(rows),
      // The PIN comparison is made live in the Utility server step; the data folder keeps only its exchanges.
      registration: { outcome: 'not-checked', detail: 'The registration PIN check is not stored in the data folder' },
      programs,
      events: readEvents(repo, siteId),
      responses: readResponses(repo, siteId),
    }
  })
}
