/**
 * After discovery (SRV-4, handbook 10.2 table 2, 13.1): re-poll DeviceCapability, EndDeviceList, the FSA list, every
 * FSA's DERProgramList (with every program's DefaultDERControl and DERControlList), the DERList and the
 * MirrorUsagePointList at the default rates or the server's pollRate, each at a random offset within half its period,
 * on the injected Clock. Every poll is reported; the programs go to `onSnapshot` (the controls scheduler's input);
 * failures drive the loss-of-communications state.
 *
 * Change-following (issue 20 item 1): each poll is compared with what the client holds. Our EndDevice's links, FSAs,
 * programs, DERs and mirror usage points that appear, change or go are walked or dropped at once (an FSA that appears
 * has its programs read in the same poll), without a restart; every difference goes to `onChange`.
 */
import type { Clock } from '../../../src-shared/clock'
import type { DerLinks, DiscoveryResult, FsaView, LinkState, MirrorUsagePointView, ProgramView } from '../../../src-shared/contract/server'
import type { PolledResource } from '../../../src-shared/polling/poll-plan'
import { effectivePeriodMs } from '../../../src-shared/polling/poll-plan'
import { diffByHref, isEmptyDiff, type ResourceDiff } from '../../../src-shared/polling/resource-diff'
import type { Sep2Transport } from '../transport'
import { createPoller, resolveUrl } from '../transport'
import type { PollRun, PollTaskSnapshot } from '../transport'
import type { EndDevice } from '../xml'
import { LinkTracker } from './link-state'
import { derLinksOf, mupViewOf } from './list-views'
import { byPrimacy, fsaView, readPrograms } from './programs'
import type { ReadFailure } from './read-resource'
import { readAllPages, readResource } from './read-resource'
import type { Walk } from './walk'

export interface PollReport {
  name: PolledResource
  /** The nominal slot (epoch-aligned) and when the poll actually started. */
  slotMs: number
  at: number
  periodMs: number
  ok: boolean
  code?: string
}

export type FollowedResource = 'EndDevice' | 'FunctionSetAssignments' | 'DERProgram' | 'DER' | 'MirrorUsagePoint'

/** What a poll found different from what the client held (hrefs). */
export interface DiscoveryChange extends ResourceDiff {
  resource: FollowedResource
  at: number
}

export interface ClientPollingOptions {
  transport: Sep2Transport
  clock: Clock
  discovery: DiscoveryResult
  /** Uniform draws for the offsets. Default Math.random. */
  random?: () => number
  onPoll?: (report: PollReport) => void
  /** The programs (by primacy) with their default control and events, after every DERProgramList poll. */
  onSnapshot?: (programs: ProgramView[]) => void
  onLinkState?: (state: LinkState) => void
  onChange?: (change: DiscoveryChange) => void
  /** The DERList after every poll of it (DER status/settings reporting follows new DERs from here). */
  onDerList?: (der: DerLinks[]) => void
  /** The MirrorUsagePointList after every poll of it (telemetry reads a postRate or a withdrawn MUP from here). */
  onMirrorUsagePoints?: (mups: MirrorUsagePointView[]) => void
}

export interface ClientPolling {
  link(): LinkState
  programs(): ProgramView[]
  fsas(): FsaView[]
  der(): DerLinks[]
  mirrorUsagePoints(): MirrorUsagePointView[]
  tasks(): PollTaskSnapshot[]
  stop(): void
}

interface PollState {
  options: ClientPollingOptions
  link: LinkTracker
  /** Where our EndDevice's lists are now (absolute URLs); they follow the EndDevice. */
  links: { fsaList?: string; derList?: string }
  fsas: FsaView[]
  programs: ProgramView[]
  der: DerLinks[]
  mups: MirrorUsagePointView[]
  setPeriod: (name: PolledResource, seconds: number | undefined) => void
}

type PollOutcome = { ok: true; pollRate?: number } | { ok: false; error: ReadFailure }
const OK: PollOutcome = { ok: true }

export function startClientPolling(options: ClientPollingOptions): ClientPolling {
  const { clock, discovery } = options
  const random = options.random ?? Math.random
  const poller = createPoller({ clock })
  const { links, pollRates } = discovery
  const state: PollState = {
    options,
    link: new LinkTracker(clock.now(), options.onLinkState),
    links: { ...(links.fsaList ? { fsaList: links.fsaList } : {}), ...(links.derList ? { derList: links.derList } : {}) },
    fsas: discovery.fsas.map((f) => ({ ...f, programs: [] })),
    programs: discovery.programs,
    der: discovery.der,
    mups: discovery.mirrorUsagePoints,
    setPeriod: (name, seconds) => poller.setPeriod(name, effectivePeriodMs(name, seconds)),
  }
  const add = (name: PolledResource, seconds: number | undefined, poll: (run: PollRun) => Promise<PollOutcome>): void =>
    poller.add({ name, periodMs: effectivePeriodMs(name, seconds), random: random(), run: (run) => runPoll(state, { name, run, poll }) })
  add('DeviceCapability', pollRates.dcap, (run) => pollDcap(state, links.dcap, run))
  if (links.endDeviceList) add('EndDeviceList', pollRates.endDeviceList, (run) => pollEndDevices(state, links.endDeviceList ?? '', run))
  // Added whether or not the server lists anything yet: an FSA or a program assigned later is followed (issue 20).
  add('FunctionSetAssignmentsList', pollRates.fsaList, (run) => pollFsas(state, run))
  add('DERProgramList', pollRates.derProgramList, (run) => pollPrograms(state, run))
  add('DERList', pollRates.derList, (run) => pollDerList(state, run))
  if (links.mupList) add('MirrorUsagePointList', pollRates.mupList, (run) => pollMups(state, links.mupList ?? '', run))
  return {
    link: () => state.link.state,
    programs: () => state.programs,
    fsas: () => state.fsas,
    der: () => state.der,
    mirrorUsagePoints: () => state.mups,
    tasks: () => poller.snapshot(),
    stop: () => poller.stop(),
  }
}

async function runPoll(state: PollState, spec: { name: PolledResource; run: PollRun; poll: (run: PollRun) => Promise<PollOutcome> }): Promise<void> {
  const { clock } = state.options
  const at = clock.now()
  const outcome = await spec.poll(spec.run)
  if (spec.run.signal.aborted) return
  if (outcome.ok) {
    state.link.success(clock.now())
    if (outcome.pollRate !== undefined) state.setPeriod(spec.name, outcome.pollRate)
  } else state.link.failure(clock.now(), outcome.error)
  const report: PollReport = { name: spec.name, slotMs: spec.run.slotMs, at, periodMs: spec.run.periodMs, ok: outcome.ok }
  if (!outcome.ok) report.code = outcome.error.code
  state.options.onPoll?.(report)
}

function noteChange(state: PollState, resource: FollowedResource, diff: ResourceDiff): boolean {
  if (isEmptyDiff(diff)) return false
  state.options.onChange?.({ resource, ...diff, at: state.options.clock.now() })
  return true
}

async function pollDcap(state: PollState, href: string, run: PollRun): Promise<PollOutcome> {
  const got = await readResource(state.options.transport, 'DeviceCapability', href, { signal: run.signal, periodMs: run.periodMs })
  return got.ok ? { ok: true, pollRate: got.doc.pollRate } : got
}

/** Our EndDevice (by LFDI): when its FSA or DER list moves, appears or goes, those lists are followed at once. */
async function pollEndDevices(state: PollState, href: string, run: PollRun): Promise<PollOutcome> {
  const got = await readAllPages(state.options.transport, { kind: 'EndDeviceList', href, items: (l) => l.EndDevice }, { signal: run.signal, periodMs: run.periodMs })
  if (!got.ok) return got
  const ours = got.doc.items.find((d) => (d.lFDI ?? '').toUpperCase() === state.options.discovery.ourLfdi.toUpperCase())
  const links = endDeviceLinks(state, ours)
  const moved = links.fsaList !== state.links.fsaList
  const derMoved = links.derList !== state.links.derList
  if (moved || derMoved) {
    const device = ours?.href ?? state.options.discovery.endDevice?.href ?? href
    noteChange(state, 'EndDevice', ours ? { added: [], removed: [], changed: [device] } : { added: [], removed: [device], changed: [] })
    state.links = links
    if (moved) await refreshFsas(state, run)
    if (derMoved) await pollDerList(state, run)
  }
  return { ok: true, pollRate: got.doc.list.pollRate }
}

function endDeviceLinks(state: PollState, device: EndDevice | undefined): PollState['links'] {
  const base = state.options.discovery.dcapUrl
  const links: PollState['links'] = {}
  if (device?.FunctionSetAssignmentsListLink) links.fsaList = resolveUrl(base, device.FunctionSetAssignmentsListLink.href).href
  if (device?.DERListLink) links.derList = resolveUrl(base, device.DERListLink.href).href
  return links
}

async function pollFsas(state: PollState, run: PollRun): Promise<PollOutcome> {
  const href = state.links.fsaList
  if (!href) return OK
  const got = await readAllPages(state.options.transport, { kind: 'FunctionSetAssignmentsList', href, items: (l) => l.FunctionSetAssignments }, { signal: run.signal, periodMs: run.periodMs })
  if (!got.ok) return got
  const fsas = got.doc.items.map((f) => fsaView(f, href))
  const changed = noteChange(state, 'FunctionSetAssignments', diffByHref(state.fsas, fsas))
  state.fsas = fsas
  // A new FSA (or one whose DERProgramList moved) is walked now, not at the next DERProgramList slot.
  if (changed) {
    const programs = await pollPrograms(state, run)
    if (!programs.ok) return programs
  }
  return { ok: true, pollRate: got.doc.list.pollRate }
}

/** The FSA list after our EndDevice moved it (or lost it: then nothing of the old FSAs applies). */
async function refreshFsas(state: PollState, run: PollRun): Promise<void> {
  if (state.links.fsaList) {
    await pollFsas(state, run)
    return
  }
  noteChange(state, 'FunctionSetAssignments', diffByHref(state.fsas, []))
  state.fsas = []
  await pollPrograms(state, run)
}

async function pollPrograms(state: PollState, run: PollRun): Promise<PollOutcome> {
  const { transport, clock } = state.options
  const walk: Walk = { transport, baseUrl: state.options.discovery.dcapUrl, clock, signal: run.signal, steps: [], tls: null }
  let pollRate: number | undefined
  const programs: ProgramView[] = []
  for (const fsa of state.fsas) {
    const got = await readPrograms(walk, fsa, { periodMs: run.periodMs, onPollRate: (s) => (pollRate = s) })
    const failed = walk.steps.find((s) => s.status === 'failed')
    if (!got) return { ok: false, error: { code: failed?.error?.code ?? 'SEP2_POLL_FAILED', message: failed?.detail ?? 'poll failed', hint: failed?.error?.whatToDo ?? '' } }
    programs.push(...got)
  }
  const sorted = dedupe(programs).sort(byPrimacy)
  noteChange(state, 'DERProgram', diffByHref(state.programs, sorted))
  state.programs = sorted
  state.options.onSnapshot?.(state.programs)
  return pollRate === undefined ? OK : { ok: true, pollRate }
}

/** One program listed by two FSAs is one program (its events apply once). */
function dedupe(programs: ProgramView[]): ProgramView[] {
  const seen = new Set<string>()
  return programs.filter((p) => (seen.has(p.href) ? false : (seen.add(p.href), true)))
}

async function pollDerList(state: PollState, run: PollRun): Promise<PollOutcome> {
  const href = state.links.derList
  const got = href ? await readAllPages(state.options.transport, { kind: 'DERList', href, items: (l) => l.DER }, { signal: run.signal, periodMs: run.periodMs }) : undefined
  if (got && !got.ok) return got
  const der = got && href ? got.doc.items.map((d) => derLinksOf(d, href)) : []
  noteChange(state, 'DER', diffByHref(state.der, der))
  state.der = der
  state.options.onDerList?.(der)
  return got?.doc.list.pollRate === undefined ? OK : { ok: true, pollRate: got.doc.list.pollRate }
}

async function pollMups(state: PollState, href: string, run: PollRun): Promise<PollOutcome> {
  const got = await readAllPages(state.options.transport, { kind: 'MirrorUsagePointList', href, items: (l) => l.MirrorUsagePoint }, { signal: run.signal, periodMs: run.periodMs })
  if (!got.ok) return got
  const mups = got.doc.items.map((m) => mupViewOf(m, href))
  noteChange(state, 'MirrorUsagePoint', diffByHref(state.mups, mups))
  state.mups = mups
  state.options.onMirrorUsagePoints?.(mups)
  return { ok: true, pollRate: got.doc.list.pollRate }
}
