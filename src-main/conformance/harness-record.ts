/**
 * The record a procedure's checks read (src-shared/conformance/record.ts), taken from what the utility simulator
 * holds after the run: its request log (paths in the harness's layout), the Responses, EndDevices, DER documents and
 * mirrored readings the client sent – decoded with the app's own codec, values in W / V / Wh after their multipliers.
 */
import { applyMultiplier } from '../../src-shared/controls/units'
import type { DerValues, HarnessRecord, ReadingKind, RecordedReadingSeries, RecordedRequest } from '../../src-shared/conformance/record'
import type { HttpMethod } from '../../src-shared/conformance/step-machine'
import { parseSep2, type Sep2Kind } from '../sep2/xml'
import type { UtilitySimulator } from '../sim/utility'
import { harnessPath, type HarnessIds } from './harness-paths'

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE'])

export function harnessIds(sim: UtilitySimulator, clientLfdi: string): HarnessIds {
  const own = sim.devices.filter((d) => d.owner === clientLfdi)
  return { devices: [...own, ...sim.devices.filter((d) => d.owner !== clientLfdi)].map((d) => d.id), programs: sim.scenario.programs.map((p) => p.id) }
}

export function recordedRequests(sim: UtilitySimulator, ids: HarnessIds): RecordedRequest[] {
  return sim.requests.flatMap((r) => {
    const path = harnessPath(r.path, ids)
    if (!path || !METHODS.has(r.method)) return []
    const start = r.query.s === undefined ? undefined : Number(r.query.s)
    return [{ method: r.method as HttpMethod, path, atMs: r.at, status: r.status ?? 0, ...(start !== undefined && Number.isFinite(start) ? { start } : {}) }]
  })
}

function latestDoc(sim: UtilitySimulator, kind: Sep2Kind): unknown {
  const last = [...sim.received].reverse().find((d) => d.kind === kind)
  if (!last) return undefined
  const parsed = parseSep2(last.xml, kind)
  return parsed.ok ? parsed.value.doc : undefined
}

/** A DER document's values: scaled numbers applied, bitmaps as numbers, plain numbers as they are. */
export function derValues(doc: unknown): DerValues | undefined {
  if (!doc || typeof doc !== 'object') return undefined
  const out: Record<string, number> = {}
  for (const [key, v] of Object.entries(doc)) {
    if (typeof v === 'number') out[key] = v
    else if (v && typeof v === 'object' && 'multiplier' in v && 'value' in v) out[key] = applyMultiplier(Number(v.value), Number(v.multiplier))
    else if (v && typeof v === 'object' && 'value' in v && typeof v.value === 'number') out[key] = v.value
  }
  return out
}

interface ReadingTypeFacts {
  uom?: number
  dataQualifier?: number
  powerOfTenMultiplier?: number
}

interface MmrDoc {
  mRID: string
  ReadingType?: ReadingTypeFacts
}

function readingTypes(sim: UtilitySimulator): { roles: Map<string, number>; types: Map<string, ReadingTypeFacts> } {
  const roles = new Map<string, number>()
  const types = new Map<string, ReadingTypeFacts>()
  const note = (mmrs: readonly MmrDoc[] | undefined) => {
    for (const m of mmrs ?? []) if (m.ReadingType) types.set(m.mRID, m.ReadingType)
  }
  for (const d of sim.received) {
    if (d.kind === 'MirrorUsagePoint') {
      const parsed = parseSep2(d.xml, 'MirrorUsagePoint')
      if (!parsed.ok) continue
      if (d.location) roles.set(d.location, parsed.value.doc.roleFlags?.value ?? 0)
      note(parsed.value.doc.MirrorMeterReading as MmrDoc[] | undefined)
    } else if (d.kind === 'MirrorMeterReading') {
      const parsed = parseSep2(d.xml, 'MirrorMeterReading')
      if (parsed.ok) note([parsed.value.doc as MmrDoc])
    } else if (d.kind === 'MirrorMeterReadingList') {
      const parsed = parseSep2(d.xml, 'MirrorMeterReadingList')
      if (parsed.ok) note(parsed.value.doc.MirrorMeterReading as MmrDoc[] | undefined)
    }
  }
  return { roles, types }
}

/** handbook 10.8: roleFlags 03 = the site (premises aggregation point), 49 = a DER submeter; uom 38 W, 63 var, 29 V, 72 Wh. */
function kindOf(roleFlags: number, type: ReadingTypeFacts): ReadingKind | undefined {
  const site = (roleFlags & 0x02) !== 0
  const der = (roleFlags & 0x08) !== 0
  const average = type.dataQualifier === 2
  if (type.uom === 29 && average) return 'voltage'
  if (type.uom === 38 && average) return site ? 'site-active-power' : der ? 'der-active-power' : undefined
  if (type.uom === 63 && average) return site ? 'site-reactive-power' : der ? 'der-reactive-power' : undefined
  if (type.uom === 72 && der) return 'der-stored-energy'
  return undefined
}

function readingSeries(sim: UtilitySimulator): RecordedReadingSeries[] {
  const { roles, types } = readingTypes(sim)
  const series = new Map<string, RecordedReadingSeries & { readings: RecordedReadingSeries['readings'][number][] }>()
  for (const r of sim.mirroredReadings()) {
    const type = types.get(r.mRID)
    const kind = type ? kindOf(roles.get(r.mupPath) ?? 0, type) : undefined
    if (!kind || r.value === undefined) continue
    const key = `${r.mupPath}|${r.mRID}`
    const s = series.get(key) ?? { kind, mupMrid: r.mupPath, mrid: r.mRID, readings: [] }
    s.readings.push({ value: applyMultiplier(r.value, type?.powerOfTenMultiplier ?? 0), startMs: r.intervalStartS * 1000, durationS: r.durationS, receivedAtMs: r.lastAt })
    series.set(key, s)
  }
  return [...series.values()]
}

function responses(sim: UtilitySimulator, tags: ReadonlyMap<string, string>): HarnessRecord['responses'] {
  return sim.received.flatMap((d) => {
    if (d.kind !== 'DERControlResponse') return []
    const parsed = parseSep2(d.xml, 'DERControlResponse')
    if (!parsed.ok) return []
    const subject = parsed.value.doc.subject.toUpperCase()
    const tag = tags.get(subject)
    return [{ subjectMrid: subject, status: parsed.value.doc.status ?? 0, atMs: d.at, ...(tag ? { subjectTag: tag } : {}) }]
  })
}

function endDevices(sim: UtilitySimulator, clientLfdi: string): HarnessRecord['endDevices'] {
  const posted = latestDoc(sim, 'EndDevice') as { deviceCategory?: { value: number } } | undefined
  const cp = latestDoc(sim, 'ConnectionPoint') as { connectionPointId?: string } | undefined
  return sim.devices
    .filter((d) => d.owner === clientLfdi)
    .map((d) => ({
      lfdi: d.lfdi,
      sfdi: String(d.sfdi),
      ...(posted?.deviceCategory ? { deviceCategory: posted.deviceCategory.value } : {}),
      ...(d.connectionPoint && cp?.connectionPointId ? { nmi: cp.connectionPointId } : {}),
    }))
}

export function harnessRecord(sim: UtilitySimulator, o: { clientLfdi: string; startedAtMs: number; controls: readonly { mrid: string; tag?: string }[] }): HarnessRecord {
  const ids = harnessIds(sim, o.clientLfdi)
  const tags = new Map(o.controls.flatMap((c) => (c.tag ? [[c.mrid, c.tag] as const] : [])))
  const settings = derValues(latestDoc(sim, 'DERSettings'))
  const capability = derValues(latestDoc(sim, 'DERCapability'))
  const status = derValues(latestDoc(sim, 'DERStatus'))
  return {
    startedAtMs: o.startedAtMs,
    requests: recordedRequests(sim, ids),
    responses: responses(sim, tags),
    controls: o.controls,
    endDevices: endDevices(sim, o.clientLfdi),
    ...(settings ? { derSettings: settings } : {}),
    ...(capability ? { derCapability: capability } : {}),
    ...(status ? { derStatus: status } : {}),
    readings: readingSeries(sim),
  }
}
