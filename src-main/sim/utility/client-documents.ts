/**
 * What clients send (handbook 10.3, 10.5.3, 10.8): DER status/capability/settings (PUT), DERControlResponses, mirror
 * usage points and their readings (POST, 201 + Location). Parsed with the codec (400 when they do not parse) and
 * recorded for assertions.
 */
import type { MirrorMeterReading, MirrorUsagePoint, Sep2Kind } from '../../sep2/xml'
import { parseSep2 } from '../../sep2/xml'
import type { SimRequest, SimResponse } from './core'
import { API, SIM_POLL_RATE_S, page } from './documents'
import { NOT_FOUND, deviceFor, xml, type MirroredReading, type ReceivedDocument, type TreeState } from './tree-state'

const DER_RESOURCES: Record<string, Sep2Kind> = { ders: 'DERStatus', dercap: 'DERCapability', derg: 'DERSettings', dera: 'DERAvailability' }

/**
 * A stored document read back: IEEE 2030.5 requires the href of a resource in a GET response (a client-sent document
 * has none, or another server's), so it is served with its own path as href.
 */
export function storedGet(state: TreeState, req: SimRequest): SimResponse {
  const stored = state.stored.get(req.path)
  if (!stored) return NOT_FOUND
  const parsed = parseSep2(stored.xml, stored.kind)
  return parsed.ok ? xml(stored.kind, { ...parsed.value.doc, href: req.path }) : { status: 200, body: stored.xml }
}

/** A 400 in a server's words (what was wrong with the request), plain text like the reference server's. */
export function badRequest(text: string): SimResponse {
  return { status: 400, headers: { 'content-type': 'text/plain' }, body: text }
}

/** The codec's message without the advice it gives our own client (after the dash). */
function serverWords(message: string): string {
  return message.split(' – ')[0] ?? message
}

/** Parse a client document with the codec; 400 saying what is wrong with it when it does not parse. */
function accept(state: TreeState, req: SimRequest, kinds: Sep2Kind[]): { kind: Sep2Kind; xml: string } | SimResponse {
  const parsed = parseSep2(req.body)
  if (!parsed.ok) return badRequest(`Invalid ${kinds.join(' or ')}: ${serverWords(parsed.error.message)}`)
  if (!kinds.includes(parsed.value.kind)) return badRequest(`Expected ${kinds.join(' or ')}, received ${parsed.value.kind}`)
  return { kind: parsed.value.kind, xml: req.body }
}

function recordReceived(state: TreeState, req: SimRequest, doc: { kind: Sep2Kind; xml: string }, location?: string): void {
  const entry: ReceivedDocument = { method: req.method === 'PUT' ? 'PUT' : 'POST', path: req.path, kind: doc.kind, clientLfdi: req.clientLfdi, at: state.clock.now(), xml: doc.xml }
  if (location) entry.location = location
  state.received.push(entry)
}

export const derPut = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  const kind = DER_RESOURCES[m[2] ?? '']
  if (!device || !kind) return NOT_FOUND
  const doc = accept(state, req, [kind])
  if ('status' in doc) return doc
  state.stored.set(req.path, { ...doc, owner: req.clientLfdi })
  recordReceived(state, req, doc)
  return { status: 204 }
}

export const derGet = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => (deviceFor(state, req, m[1]) ? storedGet(state, req) : NOT_FOUND)

export function mupsOf(state: TreeState, req: SimRequest): string[] {
  return [...state.stored.entries()].filter(([path, s]) => s.kind === 'MirrorUsagePoint' && s.owner === req.clientLfdi && /^\/api\/v2\/mup\/\d+$/.test(path)).map(([path]) => path)
}

/** A stored MirrorUsagePoint as served: its href, the server's postRate when one is set (CSIP-AUS ALL-10). */
function servedMup(state: TreeState, path: string): MirrorUsagePoint | undefined {
  const parsed = parseSep2(state.stored.get(path)?.xml ?? '', 'MirrorUsagePoint')
  if (!parsed.ok) return undefined
  const doc: MirrorUsagePoint = { ...parsed.value.doc, href: path }
  if (state.mupPostRateS !== undefined) doc.postRate = state.mupPostRateS
  return doc
}

export const mupGet = (state: TreeState, req: SimRequest): SimResponse => {
  if (state.stored.get(req.path)?.owner !== req.clientLfdi) return NOT_FOUND
  const doc = servedMup(state, req.path)
  return doc ? xml('MirrorUsagePoint', doc) : NOT_FOUND
}

export const mupList = (state: TreeState, req: SimRequest): SimResponse => {
  const docs = mupsOf(state, req)
    .map((path) => servedMup(state, path))
    .filter((d) => d !== undefined)
    .map((d) => ({ ...d, MirrorMeterReading: undefined }))
  const shown = page(docs, req.query)
  return xml('MirrorUsagePointList', { href: `${API}/mup`, all: docs.length, results: shown.length, pollRate: state.pollRates?.mup ?? SIM_POLL_RATE_S, MirrorUsagePoint: shown })
}

/**
 * POST a MirrorUsagePoint: 201 + Location; the same mRID again gives the existing one (IEEE 2030.5 mirroring). Its
 * MirrorMeterReadings, when it carries some (the one-step form), are stored as readings of it. Reference-strict, an
 * empty one is refused as the reference server (envoy) refuses it.
 */
export const mupPost = (state: TreeState, req: SimRequest): SimResponse => {
  const doc = accept(state, req, ['MirrorUsagePoint'])
  if ('status' in doc) return doc
  const parsed = parseSep2(doc.xml, 'MirrorUsagePoint')
  if (!parsed.ok) return badRequest(`Invalid MirrorUsagePoint: ${serverWords(parsed.error.message)}`)
  const mup = parsed.value.doc
  const readings = mup.MirrorMeterReading ?? []
  if (state.referenceStrict && readings.length === 0) return badRequest(`MirrorUsagePoint ${mup.mRID} has no mirrorMeterReadings`)
  const existing = mupsOf(state, req).find((path) => state.stored.get(path)?.xml.includes(`<mRID>${mup.mRID}</mRID>`))
  const location = existing ?? `${API}/mup/${state.nextId++}`
  state.stored.set(location, { ...doc, owner: req.clientLfdi })
  for (const mmr of readings) storeReading(state, location, mmr)
  recordReceived(state, req, doc, location)
  return { status: 201, headers: { location } }
}

/**
 * POST a MirrorMeterReading (or a list of them) to a MirrorUsagePoint. Like a 2030.5 server, a reading is stored by
 * its identity: the MirrorMeterReading mRID within this usage point and the Reading's interval. The same mRID and
 * interval again updates that record (and counts the re-post) instead of adding one; the Location is the
 * MeterReading's, the same for every post of one mRID.
 */
export const mmrPost = (state: TreeState, req: SimRequest): SimResponse => {
  const mup = state.stored.get(req.path)
  if (!mup || mup.owner !== req.clientLfdi) return NOT_FOUND
  const doc = accept(state, req, ['MirrorMeterReading', 'MirrorMeterReadingList'])
  if ('status' in doc) return doc
  const mmrs = mirrorMeterReadingsOf(doc)
  const locations = mmrs.map((mmr) => storeReading(state, req.path, mmr))
  const location = locations.length === 1 ? locations[0] : `${req.path}/mr`
  recordReceived(state, req, doc, location)
  return { status: 201, headers: { location: location ?? `${req.path}/mr` } }
}

function mirrorMeterReadingsOf(doc: { kind: Sep2Kind; xml: string }): MirrorMeterReading[] {
  if (doc.kind === 'MirrorMeterReading') {
    const one = parseSep2(doc.xml, 'MirrorMeterReading')
    return one.ok ? [one.value.doc] : []
  }
  const list = parseSep2(doc.xml, 'MirrorMeterReadingList')
  return list.ok ? (list.value.doc.MirrorMeterReading ?? []) : []
}

function storeReading(state: TreeState, mupPath: string, mmr: MirrorMeterReading): string {
  const meterKey = `${mupPath}|${mmr.mRID}`
  const location = state.meterReadings.get(meterKey) ?? `${mupPath}/mr/${state.nextId++}`
  state.meterReadings.set(meterKey, location)
  const period = mmr.Reading?.timePeriod
  const durationS = period?.duration ?? 0
  const intervalStartS = period?.start ?? (mmr.lastUpdateTime ?? 0) - durationS
  const key = `${meterKey}|${intervalStartS}`
  const now = state.clock.now()
  const known = state.readings.get(key)
  const value = mmr.Reading?.value
  const record: MirroredReading = known
    ? { ...known, value, posts: known.posts + 1, lastAt: now }
    : { mupPath, mRID: mmr.mRID, description: mmr.description ?? '', intervalStartS, durationS, value, location, posts: 1, firstAt: now, lastAt: now }
  state.readings.set(key, record)
  state.onReading?.(record)
  return location
}

export const responsePost = (state: TreeState, req: SimRequest): SimResponse => {
  const doc = accept(state, req, ['DERControlResponse'])
  if ('status' in doc) return doc
  const location = `${req.path}/${state.nextId++}`
  recordReceived(state, req, doc, location)
  return { status: 201, headers: { location } }
}
