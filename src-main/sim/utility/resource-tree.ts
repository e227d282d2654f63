/**
 * The utility server's resource tree under /api/v2/ (handbook Annex D), as a handler for the mutual-TLS core.
 * Every client sees only its own EndDevices (by the LFDI of its certificate); anything else is 404, as the Queensland
 * servers answer (handbook FAQ). Documents a client sends are parsed with the codec (400 when they do not parse) and
 * recorded for assertions.
 */
import type { SimHandler, SimRequest, SimResponse } from './core'
import { derGet, derPut, mmrPost, mupGet, mupList, mupPost, mupsOf, responsePost } from './client-documents'
import { connectionPointGet, connectionPointPut, edevPost } from './edev-registration'
import type { SimDevice } from './documents'
import { API, SIM_POLL_RATE_S, controlDoc, defaultDoc, endDeviceDoc, page, programDoc } from './documents'
import type { Scenario, ScenarioProgram } from './scenario-schema'
import { defaultInForce, mridOf, programMrid, servedControls } from './scenario-runtime'
import { NOT_FOUND, deviceFor, visibleDevices, xml, type PolledList, type TreeState } from './tree-state'

export type { MirroredReading, ReceivedDocument, TreeState } from './tree-state'

type Route = { method: string; pattern: RegExp; handle: (state: TreeState, req: SimRequest, m: RegExpMatchArray) => SimResponse }

function fsaNumbers(scenario: Scenario): number[] {
  return [...new Set(scenario.programs.map((p) => p.fsa))].sort((a, b) => b - a)
}

function programById(state: TreeState, id: string | undefined): ScenarioProgram | undefined {
  return state.scenario.programs.find((p) => p.id === id)
}

/** The pollRate served on a list: set by a set-comms-rate action, else the Annex D value. */
function rateOf(state: TreeState, list: PolledList, fallback = SIM_POLL_RATE_S): number {
  return state.pollRates?.[list] ?? fallback
}

function ctxOf(state: TreeState) {
  return { nowMs: state.clock.now(), startMs: state.startMs }
}

function programDocument(state: TreeState, program: ScenarioProgram) {
  return programDoc(program, { mRID: programMrid(state.scenario, program), defaultServed: defaultInForce(program, ctxOf(state)), eventCount: servedControls(state.scenario, program, ctxOf(state)).length })
}

const dcap = (state: TreeState, req: SimRequest): SimResponse =>
  xml('DeviceCapability', {
    href: `${API}/dcap`,
    pollRate: rateOf(state, 'dcap'),
    TimeLink: { href: `${API}/tm` },
    EndDeviceListLink: { href: `${API}/edev`, all: visibleDevices(state, req.clientLfdi).length },
    MirrorUsagePointListLink: { href: `${API}/mup`, all: mupsOf(state, req).length },
  })

// handbook 8 / Annex D: Queensland is UTC+10 without daylight saving.
const QLD_TZ_OFFSET_S = 36_000

const time = (state: TreeState): SimResponse => {
  const now = Math.floor((state.clock.now() + state.clockOffsetMs) / 1000)
  return xml('Time', { href: `${API}/tm`, pollRate: 900, currentTime: now, dstEndTime: 0, dstOffset: 0, dstStartTime: 0, localTime: now + QLD_TZ_OFFSET_S, quality: 5, tzOffset: QLD_TZ_OFFSET_S })
}

const edevList = (state: TreeState, req: SimRequest): SimResponse => {
  const all = visibleDevices(state, req.clientLfdi)
  const shown = page(all, req.query, state.pageLimit)
  const fsas = fsaNumbers(state.scenario).length
  return xml('EndDeviceList', { href: `${API}/edev`, subscribable: 1, all: all.length, results: shown.length, pollRate: rateOf(state, 'edev'), EndDevice: shown.map((d) => endDeviceDoc(d, fsas)) })
}

const edev = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  return device ? xml('EndDevice', endDeviceDoc(device, fsaNumbers(state.scenario).length)) : NOT_FOUND
}

const registration = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  if (!device || device.registrationLink === false) return NOT_FOUND
  return xml('Registration', { href: `${API}/edev/${device.id}/rg`, pollRate: SIM_POLL_RATE_S, dateTimeRegistered: Math.floor(device.registeredAt / 1000), pIN: device.pin })
}

function fsaDoc(state: TreeState, device: SimDevice, n: number) {
  const href = `${API}/edev/${device.id}/fsa/${n}`
  const programs = state.scenario.programs.filter((p) => p.fsa === n)
  return {
    href,
    subscribable: 0,
    DERProgramListLink: { href: `${href}/derp`, all: programs.length },
    TimeLink: { href: `${API}/tm` },
    mRID: mridOf(state.scenario.name, 'fsa', n),
    description: `FSA ${n}`,
    version: 0,
  }
}

const fsaList = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  if (!device) return NOT_FOUND
  const all = fsaNumbers(state.scenario)
  const shown = page(all, req.query, state.pageLimit)
  return xml('FunctionSetAssignmentsList', { href: `${API}/edev/${device.id}/fsa`, subscribable: 1, all: all.length, results: shown.length, pollRate: rateOf(state, 'fsa'), FunctionSetAssignments: shown.map((n) => fsaDoc(state, device, n)) })
}

const fsa = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  const n = Number(m[2])
  if (!device || !fsaNumbers(state.scenario).includes(n)) return NOT_FOUND
  return xml('FunctionSetAssignments', fsaDoc(state, device, n))
}

const derpList = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  const n = Number(m[2])
  if (!device || !fsaNumbers(state.scenario).includes(n)) return NOT_FOUND
  const all = state.scenario.programs.filter((p) => p.fsa === n)
  const shown = page(all, req.query, state.pageLimit)
  return xml('DERProgramList', { href: `${API}/edev/${device.id}/fsa/${n}/derp`, subscribable: 1, all: all.length, results: shown.length, pollRate: rateOf(state, 'derp', SIM_POLL_RATE_S + 1), DERProgram: shown.map((p) => programDocument(state, p)) })
}

const derp = (state: TreeState, _req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const program = programById(state, m[1])
  return program ? xml('DERProgram', programDocument(state, program)) : NOT_FOUND
}

const dderc = (state: TreeState, _req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const program = programById(state, m[1])
  if (!program || !defaultInForce(program, ctxOf(state))) return NOT_FOUND
  const doc = defaultDoc(program, program.default?.mRID ?? mridOf(state.scenario.name, 'dderc', program.id))
  return doc ? xml('DefaultDERControl', doc) : NOT_FOUND
}

const dercList = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const program = programById(state, m[1])
  if (!program) return NOT_FOUND
  const all = servedControls(state.scenario, program, ctxOf(state))
  const shown = page(all, req.query, state.pageLimit)
  return xml('DERControlList', { href: `${API}/derp/${program.id}/derc`, subscribable: 1, all: all.length, results: shown.length, DERControl: shown.map((c) => controlDoc(program, c)) })
}

const derc = (state: TreeState, _req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const program = programById(state, m[1])
  const served = program ? servedControls(state.scenario, program, ctxOf(state)).find((c) => c.mRID === m[2]) : undefined
  return program && served ? xml('DERControl', controlDoc(program, served)) : NOT_FOUND
}

function derDoc(device: SimDevice) {
  const href = `${API}/edev/${device.id}/der/1`
  return { href, subscribable: 0, DERAvailabilityLink: { href: `${href}/dera` }, DERCapabilityLink: { href: `${href}/dercap` }, DERSettingsLink: { href: `${href}/derg` }, DERStatusLink: { href: `${href}/ders` } }
}

const derList = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  if (!device) return NOT_FOUND
  return xml('DERList', { href: `${API}/edev/${device.id}/der`, all: 1, results: 1, pollRate: rateOf(state, 'der', SIM_POLL_RATE_S + 1), DER: page([derDoc(device)], req.query) })
}

/** The DER itself: its href is in the DERList, so a client may read it (IEEE 2030.5 resources are all GETtable). */
const der = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  return device ? xml('DER', derDoc(device)) : NOT_FOUND
}

const ID = '([A-Za-z0-9_.-]+)'
const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/v2\/dcap$/, handle: dcap },
  { method: 'GET', pattern: /^\/api\/v2\/tm$/, handle: time },
  { method: 'GET', pattern: /^\/api\/v2\/edev$/, handle: edevList },
  { method: 'POST', pattern: /^\/api\/v2\/edev$/, handle: edevPost },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}$`), handle: edev },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}/cp$`), handle: connectionPointGet },
  { method: 'PUT', pattern: new RegExp(`^/api/v2/edev/${ID}/cp$`), handle: connectionPointPut },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}/rg$`), handle: registration },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}/fsa$`), handle: fsaList },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}/fsa/(\\d+)$`), handle: fsa },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}/fsa/(\\d+)/derp$`), handle: derpList },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}/der$`), handle: derList },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}/der/1$`), handle: der },
  { method: 'GET', pattern: new RegExp(`^/api/v2/edev/${ID}/der/1/(ders|dercap|derg|dera)$`), handle: derGet },
  { method: 'PUT', pattern: new RegExp(`^/api/v2/edev/${ID}/der/1/(ders|dercap|derg|dera)$`), handle: derPut },
  { method: 'GET', pattern: new RegExp(`^/api/v2/derp/${ID}$`), handle: derp },
  { method: 'GET', pattern: new RegExp(`^/api/v2/derp/${ID}/dderc$`), handle: dderc },
  { method: 'GET', pattern: new RegExp(`^/api/v2/derp/${ID}/derc$`), handle: dercList },
  { method: 'GET', pattern: new RegExp(`^/api/v2/derp/${ID}/derc/([0-9A-F]{32})$`), handle: derc },
  { method: 'GET', pattern: /^\/api\/v2\/mup$/, handle: mupList },
  { method: 'POST', pattern: /^\/api\/v2\/mup$/, handle: mupPost },
  { method: 'GET', pattern: /^\/api\/v2\/mup\/\d+$/, handle: mupGet },
  { method: 'POST', pattern: /^\/api\/v2\/mup\/\d+$/, handle: mmrPost },
  { method: 'POST', pattern: new RegExp(`^/api/v2/rsps/${ID}/rsp$`), handle: responsePost },
]

/** The path patterns served for a method (tests walk every GET route). */
export function routePatterns(method: string): RegExp[] {
  return ROUTES.filter((r) => r.method === method).map((r) => r.pattern)
}

export function createResourceTree(state: TreeState): SimHandler {
  return async (req) => {
    for (const route of ROUTES) {
      const m = req.path.match(route.pattern)
      if (m && route.method === req.method) return route.handle(state, req, m)
    }
    // handbook FAQ: the Queensland servers answer 404 for anything this client may not see, 401 included.
    return NOT_FOUND
  }
}
