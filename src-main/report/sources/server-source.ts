/**
 * The utility server section for the report, from what the client stored: the latest server-check record (URL, TLS,
 * EndDevice, PIN – facts stored when the walk ran) and the controls tables (programs with their defaults, events,
 * responses). Each table is read only if it exists; the exchange log stays as evidence in its own section.
 */
import { z } from 'zod'
import type { Part } from '../../../src-shared/report/build-report'
import { modeValuesSchema } from '../../../src-shared/report/model/common'
import type { EventSeen, ReportProgram, ResponseSent, ServerSection } from '../../../src-shared/report/model/server-section'
import { isoFromMs, isoFromSeconds } from '../../../src-shared/report/section-builders'
import { serverCheckSchema, type ServerCheck } from '../../../src-shared/report/model/server-check'
import type { ReportSourceRepo } from '../../storage/report-source-repo'
import { msFromStored, parseJson, readPart } from './db-util'

const defaultSchema = z.object({ modes: modeValuesSchema, setGradW: z.number().optional() })
/** The stored EventInput (src-shared/controls/types.ts), only the fields the report shows. */
const eventSchema = z.object({ mRID: z.string(), start: z.number(), duration: z.number(), currentStatus: z.number().int(), modes: modeValuesSchema, rampTms: z.number().optional() })

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

/** The section's connection and registration fields, each a fact of the stored server check (issue 17 item 1). */
const PIN_DETAIL = { pass: 'The server holds the PIN entered', fail: 'The server holds another PIN than the one entered' } as const

function pinOf(c: ServerCheck): ServerSection['registration'] {
  const { expected, found } = c.pin
  const pins = { ...(expected === undefined ? {} : { expectedPin: expected }), ...(found === undefined ? {} : { serverPin: found }) }
  if (found === undefined) return { outcome: 'not-checked', ...pins, detail: 'The Registration was not read' }
  if (expected === undefined) return { outcome: 'not-checked', ...pins, detail: 'No PIN entered to compare' }
  const outcome = found === expected ? 'pass' : 'fail'
  return { outcome, ...pins, detail: PIN_DETAIL[outcome] }
}

/** The section's connection and registration fields, each a fact of the stored server check (issue 17 item 1). */
function fromCheck(c: ServerCheck): Pick<ServerSection, 'url' | 'checkedAt' | 'tls' | 'clockOffsetS' | 'endDevice' | 'registration' | 'check'> {
  return {
    url: c.dcapUrl,
    checkedAt: c.checkedAt,
    ...(c.tls ? { tls: { protocol: c.tls.version, cipher: c.tls.cipher } } : {}),
    ...(c.clockOffsetMs === undefined ? {} : { clockOffsetS: c.clockOffsetMs / 1000 }),
    endDevice: { found: c.lfdi.registered === true, lfdi: c.lfdi.ours, ...(c.lfdi.endDeviceHref ? { href: c.lfdi.endDeviceHref } : {}), ...(c.lfdi.registered === undefined ? {} : { lfdiMatches: c.lfdi.registered }) },
    registration: pinOf(c),
    check: c,
  }
}

function latestCheck(repo: ReportSourceRepo, siteId: string): ServerCheck | undefined {
  const row = repo.serverCheck(siteId)?.[0]
  const parsed = row ? serverCheckSchema.safeParse(parseJson(row.record)) : undefined
  return parsed?.success ? parsed.data : undefined
}

/** The server section from the latest stored server check; programs, events and responses from the controls tables. */
export function readServer(repo: ReportSourceRepo, siteId: string): Part<ServerSection> {
  return readPart('utility server records', () => {
    const check = latestCheck(repo, siteId)
    // No stored check, no server verdict: the exchange log alone never decides registration (issue 17 item 1).
    if (!check) return { notDone: 'Utility server not checked yet: connect in the Utility server step' }
    return {
      ...fromCheck(check),
      programs: readPrograms(repo, siteId),
      events: readEvents(repo, siteId),
      responses: readResponses(repo, siteId),
    }
  })
}
