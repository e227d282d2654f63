/**
 * After discovery (SRV-4, handbook 10.2 table 2, 13.1): re-poll DeviceCapability, EndDeviceList, the FSA list and each
 * FSA's DERProgramList (with every program's DefaultDERControl and DERControlList) at the default rates or the
 * server's pollRate, each at a random offset within half its period, on the injected Clock. Every poll is reported;
 * the programs go to `onSnapshot` (the controls scheduler's input); failures drive the loss-of-communications state.
 */
import type { Clock } from '../../../src-shared/clock'
import type { DiscoveryResult, FsaView, LinkState, ProgramView } from '../../../src-shared/contract/server'
import type { PolledResource } from '../../../src-shared/polling/poll-plan'
import { effectivePeriodMs } from '../../../src-shared/polling/poll-plan'
import type { Sep2Transport } from '../transport'
import { createPoller } from '../transport'
import type { PollRun, PollTaskSnapshot } from '../transport'
import { LinkTracker } from './link-state'
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
}

export interface ClientPolling {
  link(): LinkState
  programs(): ProgramView[]
  tasks(): PollTaskSnapshot[]
  stop(): void
}

interface PollState {
  options: ClientPollingOptions
  link: LinkTracker
  fsas: FsaView[]
  programs: ProgramView[]
  setPeriod: (name: PolledResource, seconds: number | undefined) => void
}

type PollOutcome = { ok: true; pollRate?: number } | { ok: false; error: ReadFailure }

export function startClientPolling(options: ClientPollingOptions): ClientPolling {
  const { clock, discovery } = options
  const random = options.random ?? Math.random
  const poller = createPoller({ clock })
  const state: PollState = {
    options,
    link: new LinkTracker(clock.now(), options.onLinkState),
    fsas: discovery.fsas.map((f) => ({ ...f })),
    programs: discovery.programs,
    setPeriod: (name, seconds) => poller.setPeriod(name, effectivePeriodMs(name, seconds)),
  }
  const add = (name: PolledResource, seconds: number | undefined, poll: (run: PollRun) => Promise<PollOutcome>): void =>
    poller.add({ name, periodMs: effectivePeriodMs(name, seconds), random: random(), run: (run) => runPoll(state, { name, run, poll }) })
  const { links, pollRates } = discovery
  add('DeviceCapability', pollRates.dcap, (run) => pollDcap(state, links.dcap, run))
  if (links.endDeviceList) add('EndDeviceList', pollRates.endDeviceList, (run) => pollList(state, { kind: 'EndDeviceList', href: links.endDeviceList ?? '', run }))
  if (links.fsaList) add('FunctionSetAssignmentsList', pollRates.fsaList, (run) => pollFsas(state, links.fsaList ?? '', run))
  if (discovery.fsas.length > 0) add('DERProgramList', pollRates.derProgramList, (run) => pollPrograms(state, run))
  return {
    link: () => state.link.state,
    programs: () => state.programs,
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

async function pollDcap(state: PollState, href: string, run: PollRun): Promise<PollOutcome> {
  const got = await readResource(state.options.transport, 'DeviceCapability', href, { signal: run.signal, periodMs: run.periodMs })
  return got.ok ? { ok: true, pollRate: got.doc.pollRate } : got
}

async function pollList(state: PollState, spec: { kind: 'EndDeviceList'; href: string; run: PollRun }): Promise<PollOutcome> {
  const got = await readAllPages(state.options.transport, { kind: spec.kind, href: spec.href, items: (l) => l.EndDevice }, { signal: spec.run.signal, periodMs: spec.run.periodMs })
  return got.ok ? { ok: true, pollRate: got.doc.list.pollRate } : got
}

async function pollFsas(state: PollState, href: string, run: PollRun): Promise<PollOutcome> {
  const got = await readAllPages(state.options.transport, { kind: 'FunctionSetAssignmentsList', href, items: (l) => l.FunctionSetAssignments }, { signal: run.signal, periodMs: run.periodMs })
  if (!got.ok) return got
  state.fsas = got.doc.items.map((f) => fsaView(f, href))
  return { ok: true, pollRate: got.doc.list.pollRate }
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
  state.programs = programs.sort(byPrimacy)
  state.options.onSnapshot?.(state.programs)
  return pollRate === undefined ? { ok: true } : { ok: true, pollRate }
}
