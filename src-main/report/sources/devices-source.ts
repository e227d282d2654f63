/** Devices found (DEV-1..DEV-3) for the report, from the `devices` table the Devices step writes. */
import { z } from 'zod'
import type { Part } from '../../../src-shared/report/build-report'
import type { ReportDevice } from '../../../src-shared/report/model/report'
import { ctCheckSchema, type CtCheck } from '../../../src-shared/report/model/ct-check'
import type { ReportDeviceRow as DeviceRow, ReportSourceRepo } from '../../storage/report-source-repo'
import { parseJson, readPart } from './db-util'

const maybeText = z.string().nullable().optional()
const maybeNumber = z.number().nullable().optional()
/** Only the parts of a stored discovery the report shows. */
const discoverySchema = z.object({
  identity: z.object({ manufacturer: maybeText, model: maybeText, serial: maybeText, firmware: maybeText }),
  ratings: z.object({ WRtg: maybeNumber, VARtg: maybeNumber, WChaMax: maybeNumber }).partial(),
})

const ROLE_MAP: Record<string, ReportDevice['role']> = { 'site-meter': 'site-meter', inverter: 'inverter', battery: 'battery', 'ev-charger': 'ev-charger' }

function addressOf(row: DeviceRow): string {
  const c = z.object({ kind: z.string().optional(), host: z.string().optional(), port: z.number().optional(), path: z.string().optional() }).passthrough().safeParse(parseJson(row.connection))
  if (!c.success) return `unit ${row.unit_id}`
  const where = c.data.host === undefined ? (c.data.path ?? '') : `${c.data.host}:${c.data.port ?? ''}`
  return `${c.data.kind ?? 'Modbus'} ${where} unit ${row.unit_id}`.trim()
}

function toDevice(row: DeviceRow): ReportDevice {
  const found = discoverySchema.safeParse(parseJson(row.discovery))
  const id = found.success ? found.data.identity : undefined
  const ratings = found.success ? found.data.ratings : {}
  return {
    role: ROLE_MAP[row.role] ?? 'other',
    make: id?.manufacturer ?? '(not discovered)',
    model: id?.model ?? row.name,
    serial: id?.serial ?? '',
    ...(id?.firmware ? { firmware: id.firmware } : {}),
    address: addressOf(row),
    ratings: { ...(ratings.WRtg == null ? {} : { ratedW: ratings.WRtg }), ...(ratings.VARtg == null ? {} : { ratedVA: ratings.VARtg }) },
  }
}

/** The last conclusive CT check stored for the site, if any (issue 17 item 6). */
export function readCtCheck(repo: ReportSourceRepo, siteId: string): CtCheck | undefined {
  const row = repo.ctCheck(siteId)?.[0]
  const parsed = row ? ctCheckSchema.safeParse(parseJson(row.record)) : undefined
  return parsed?.success ? parsed.data : undefined
}

export function readDevices(repo: ReportSourceRepo, siteId: string): Part<ReportDevice[]> {
  return readPart('devices', () => {
    const rows = repo.devices(siteId)
    if (rows === undefined) return { notDone: 'No device scan recorded' }
    return rows.length === 0 ? { notDone: 'No devices added to this site' } : rows.map(toDevice)
  })
}
