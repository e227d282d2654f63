/**
 * The discovery walk (SRV-3, handbook 10.1-10.2, Annex C/D): DeviceCapability -> Time (clock offset) -> EndDeviceList
 * (paged) -> our EndDevice (lFDI, case-insensitive) -> Registration (PIN) -> FSAs -> programs by primacy -> default
 * control + events; DERList; MirrorUsagePointList. Each step is reported as it happens; a failed step stops the walk.
 */
import type { Clock } from '../../../src-shared/clock'
import type { DiscoveryResult, DiscoveryStep, DiscoveryStepName, EndDeviceView } from '../../../src-shared/contract/server'
import type { DeviceCapability, EndDevice } from '../xml'
import type { Sep2Transport } from '../transport'
import { registerInBand } from './in-band-registration'
import { derLinksOf, mupViewOf } from './list-views'
import { fsaView, readPrograms, byPrimacy } from './programs'
import { readAllPages, readResource } from './read-resource'
import { clockOffset, missingLink, notRegistered, wrongPin } from './step-errors'
import type { Walk } from './walk'
import { failStep, fullUrl, record, stepRead } from './walk'

// handbook Annex C: the example client refuses to go on when the clocks differ by more than a minute; we warn.
export const CLOCK_OFFSET_WARN_MS = 60_000

export interface DiscoveryOptions {
  transport: Sep2Transport
  /** Absolute DeviceCapability URL, e.g. https://sep2-test.energyq.com.au/api/v2/dcap */
  dcapUrl: string
  clock: Clock
  /** The LFDI to find: the device certificate's, or the site's virtual LFDI for a cloud proxy (handbook 9.1.2). */
  ourLfdi: string
  mode: 'device' | 'cloud-proxy'
  expectedPin?: number
  /**
   * Server setting (issue 20 item 2): register this device in band when the server does not list it (cactus
   * ALL-02/03). Off for Energex/Ergon, which register out of band (handbook 9).
   */
  inBandRegistration?: boolean
  /** The site's NMI, sent as the csipaus:ConnectionPoint after an in-band registration where the server has it. */
  nmi?: string
  signal?: AbortSignal
  onStep?: (step: DiscoveryStep) => void
}

export async function runDiscovery(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const walk: Walk = { transport: options.transport, baseUrl: options.dcapUrl, clock: options.clock, signal: options.signal ?? new AbortController().signal, steps: [], tls: null, onStep: options.onStep }
  const started = options.clock.monotonic()
  const result = emptyResult(options)
  const stoppedAt = await walkAll(walk, options, result)
  result.ok = stoppedAt === undefined && walk.steps.every((s) => s.status !== 'failed')
  if (stoppedAt) result.stoppedAt = stoppedAt
  result.steps = walk.steps
  result.tls = walk.tls
  result.handshakes = options.transport.sessions().length
  result.totalMs = Math.round(options.clock.monotonic() - started)
  return result
}

function emptyResult(options: DiscoveryOptions): DiscoveryResult {
  return {
    ok: false,
    dcapUrl: options.dcapUrl,
    ourLfdi: options.ourLfdi.toUpperCase(),
    mode: options.mode,
    tls: null,
    handshakes: 0,
    clockOffsetMs: null,
    endDevice: null,
    endDevices: [],
    registration: null,
    fsas: [],
    programs: [],
    der: [],
    mirrorUsagePoints: [],
    links: { dcap: options.dcapUrl },
    pollRates: {},
    steps: [],
    totalMs: 0,
  }
}

/** Returns the step that stopped the walk, if any. */
async function walkAll(walk: Walk, options: DiscoveryOptions, result: DiscoveryResult): Promise<DiscoveryStepName | undefined> {
  const dcap = await stepRead(walk, {
    name: 'DeviceCapability',
    href: options.dcapUrl,
    read: () => readResource(walk.transport, 'DeviceCapability', options.dcapUrl, { signal: walk.signal }),
    detail: (d) => `links: ${dcapLinks(d).join(', ') || 'none'}`,
  })
  if (!dcap) return 'DeviceCapability'
  if (dcap.pollRate !== undefined) result.pollRates.dcap = dcap.pollRate
  if (dcap.TimeLink) await checkTime(walk, dcap.TimeLink.href, result)
  const device = await findEndDevice(walk, { dcap, options, result })
  if (!device) return result.endDevices.length > 0 || walk.steps.some((s) => s.name === 'EndDevice') ? 'EndDevice' : 'EndDeviceList'
  if (!(await checkRegistration(walk, { device, options, result }))) return 'Registration'
  const stop = await readFunctionSets(walk, device, result)
  if (stop) return stop
  await readDerList(walk, device, result)
  if (dcap.MirrorUsagePointListLink) await readMups(walk, dcap.MirrorUsagePointListLink.href, result)
  return undefined
}

function dcapLinks(d: DeviceCapability): string[] {
  const names: string[] = []
  if (d.TimeLink) names.push('Time')
  if (d.EndDeviceListLink) names.push(`EndDeviceList (${d.EndDeviceListLink.all ?? '?'})`)
  if (d.MirrorUsagePointListLink) names.push(`MirrorUsagePointList (${d.MirrorUsagePointListLink.all ?? '?'})`)
  if (d.SelfDeviceLink) names.push('SelfDevice')
  return names
}

async function checkTime(walk: Walk, href: string, result: DiscoveryResult): Promise<void> {
  result.links.time = fullUrl(walk, href)
  const sentAt = walk.clock.now()
  const time = await stepRead(walk, {
    name: 'Time',
    href,
    read: () => readResource(walk.transport, 'Time', href, { signal: walk.signal }),
    detail: (t) => `server time ${new Date(t.currentTime * 1000).toISOString()}`,
  })
  if (!time) return
  // The server's whole-second time against the middle of our request.
  const ours = (sentAt + walk.clock.now()) / 2
  result.clockOffsetMs = Math.round(time.currentTime * 1000 - ours)
  if (Math.abs(result.clockOffsetMs) > CLOCK_OFFSET_WARN_MS) failStep(walk, { name: 'Time', href, error: clockOffset(result.clockOffsetMs), status: 'warning' })
}

function endDeviceView(d: EndDevice, ourLfdi: string): EndDeviceView {
  const lFDI = (d.lFDI ?? '').toUpperCase()
  const view: EndDeviceView = { href: d.href ?? '', lFDI, sFDI: d.sFDI, match: lFDI !== '' && lFDI === ourLfdi.toUpperCase() }
  if (d.enabled !== undefined) view.enabled = d.enabled
  return view
}

async function findEndDevice(walk: Walk, ctx: { dcap: DeviceCapability; options: DiscoveryOptions; result: DiscoveryResult }): Promise<EndDevice | undefined> {
  const link = ctx.dcap.EndDeviceListLink
  if (!link) {
    failStep(walk, { name: 'EndDeviceList', href: ctx.options.dcapUrl, error: missingLink('EndDeviceListLink', 'DeviceCapability') })
    return undefined
  }
  ctx.result.links.endDeviceList = fullUrl(walk, link.href)
  const list = await stepRead(walk, {
    name: 'EndDeviceList',
    href: link.href,
    read: () => readAllPages(walk.transport, { kind: 'EndDeviceList', href: link.href, items: (l) => l.EndDevice }, { signal: walk.signal }),
    detail: (d) => `${d.items.length} EndDevice(s) in ${d.pages} page(s)`,
  })
  if (!list) return undefined
  if (list.list.pollRate !== undefined) ctx.result.pollRates.endDeviceList = list.list.pollRate
  const views = list.items.map((d) => endDeviceView(d, ctx.options.ourLfdi))
  if (ctx.options.mode === 'cloud-proxy') ctx.result.endDevices = views
  const index = views.findIndex((v) => v.match)
  const found = index >= 0 ? list.items[index] : undefined
  const view = index >= 0 ? views[index] : undefined
  if (!found || !view) return registerOrWait(walk, { ...ctx, listHref: link.href, listed: views.length })
  ctx.result.endDevice = view
  record(walk, { name: 'EndDevice', url: fullUrl(walk, view.href), status: 'ok', durationMs: 0, detail: `LFDI ${view.lFDI} matches, SFDI ${view.sFDI}` })
  return found
}

/** Not listed: register in band where the server setting says so, else wait for the utility (handbook 9). */
async function registerOrWait(walk: Walk, ctx: { options: DiscoveryOptions; result: DiscoveryResult; listHref: string; listed: number }): Promise<EndDevice | undefined> {
  const { options, result } = ctx
  if (!options.inBandRegistration) {
    result.awaitingRegistration = true
    failStep(walk, { name: 'EndDevice', href: ctx.listHref, error: notRegistered(options.ourLfdi.toUpperCase(), ctx.listed) })
    return undefined
  }
  const device = await registerInBand(walk, { listHref: ctx.listHref, lfdi: options.ourLfdi, ...(options.nmi ? { nmi: options.nmi } : {}) })
  if (device) result.endDevice = endDeviceView(device, options.ourLfdi)
  return device
}

async function checkRegistration(walk: Walk, ctx: { device: EndDevice; options: DiscoveryOptions; result: DiscoveryResult }): Promise<boolean> {
  const href = ctx.device.RegistrationLink?.href
  if (!href) {
    failStep(walk, { name: 'Registration', href: ctx.device.href ?? '', error: missingLink('RegistrationLink', 'EndDevice') })
    return false
  }
  const expected = ctx.options.expectedPin
  const rg = await stepRead(walk, {
    name: 'Registration',
    href,
    read: () => readResource(walk.transport, 'Registration', href, { signal: walk.signal }),
    detail: (r) => (expected === undefined ? `PIN ${r.pIN} (no PIN entered to compare)` : `PIN ${r.pIN} matches`),
    // handbook 10.1: the installer's PIN must be the one registered; a wrong PIN stops the flow.
    check: (r) => (expected !== undefined && r.pIN !== expected ? wrongPin(r.pIN, expected) : undefined),
  })
  if (!rg) return false
  ctx.result.registration = { href: fullUrl(walk, href), serverPin: rg.pIN, expectedPin: expected ?? null, match: expected === undefined ? null : rg.pIN === expected, dateTimeRegistered: rg.dateTimeRegistered * 1000 }
  return ctx.result.registration.match !== false
}

async function readFunctionSets(walk: Walk, device: EndDevice, result: DiscoveryResult): Promise<DiscoveryStepName | undefined> {
  const href = device.FunctionSetAssignmentsListLink?.href
  if (!href) return undefined
  result.links.fsaList = fullUrl(walk, href)
  const list = await stepRead(walk, {
    name: 'FunctionSetAssignmentsList',
    href,
    read: () => readAllPages(walk.transport, { kind: 'FunctionSetAssignmentsList', href, items: (l) => l.FunctionSetAssignments }, { signal: walk.signal }),
    detail: (d) => `${d.items.length} FSA(s): ${d.items.map((f) => f.description ?? f.mRID).join(', ')}`,
  })
  if (!list) return 'FunctionSetAssignmentsList'
  if (list.list.pollRate !== undefined) result.pollRates.fsaList = list.list.pollRate
  for (const fsa of list.items) {
    const view = fsaView(fsa, href)
    const programs = await readPrograms(walk, view, { onPollRate: (s) => (result.pollRates.derProgramList = s) })
    if (!programs) return walk.steps.at(-1)?.name ?? 'DERProgramList'
    view.programs = programs
    result.fsas.push(view)
  }
  result.programs = result.fsas.flatMap((f) => f.programs).sort(byPrimacy)
  return undefined
}

async function readDerList(walk: Walk, device: EndDevice, result: DiscoveryResult): Promise<void> {
  const href = device.DERListLink?.href
  if (!href) return
  result.links.derList = fullUrl(walk, href)
  const list = await stepRead(walk, {
    name: 'DERList',
    href,
    read: () => readAllPages(walk.transport, { kind: 'DERList', href, items: (l) => l.DER }, { signal: walk.signal }),
    detail: (d) => `${d.items.length} DER(s)`,
  })
  if (list?.list.pollRate !== undefined) result.pollRates.derList = list.list.pollRate
  result.der = (list?.items ?? []).map((d) => derLinksOf(d, href))
}

async function readMups(walk: Walk, href: string, result: DiscoveryResult): Promise<void> {
  result.links.mupList = fullUrl(walk, href)
  const list = await stepRead(walk, {
    name: 'MirrorUsagePointList',
    href,
    read: () => readAllPages(walk.transport, { kind: 'MirrorUsagePointList', href, items: (l) => l.MirrorUsagePoint }, { signal: walk.signal }),
    detail: (d) => `${d.items.length} MirrorUsagePoint(s)`,
  })
  if (list?.list.pollRate !== undefined) result.pollRates.mupList = list.list.pollRate
  result.mirrorUsagePoints = (list?.items ?? []).map((m) => mupViewOf(m, href))
}
