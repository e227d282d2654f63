/**
 * The controls service (CTL-2..CTL-7, handbook 10.4-10.7, 11, 12): keeps the event store from each poll, feeds the
 * pure scheduler on the injected Clock, sends the DERControlResponses, and tells listeners when the limits change.
 *
 * Loss of communications (handbook 11.1): polls simply stop arriving; the stored events keep running on the clock until
 * exhausted, then the stored default applies, then the fixed limits (modes the default does not set, or no default).
 * Start reasons (handbook 11.2, CSIP-AUS ALL-30): 'restart' continues the persisted schedule; 'power-outage' discards
 * the stored controls, keeps the default and asks the client to re-poll every program.
 */
import type { Clock, TimerId } from '../../src-shared/clock'
import { REJECTED_INVALID_EVENT, drawForEvent, resolveSchedule, type FixedLimits, type RandomDraw, type ProgramInput, type Resolution, type VanishedEvent } from '../../src-shared/controls'
import type { LimitsView, LinkView, OverlapRuleSetting, RejectedControlView } from '../../src-shared/contract/limits'
import type { Db } from '../storage/database'
import { buildView } from './build-view'
import { createControlsStore, type ControlsStore, type StoredEvent } from '../storage/controls-repo'
import { normaliseSnapshot } from './map-documents'
import { RESPONSE_GRACE_AFTER_END_MS, createResponder, type PostResponse, type Responder } from './responses'
import { screenSnapshot, type RejectedControl } from './screen'
import type { NormalisedProgram, NormalisedSnapshot, ProgramsSnapshot } from './snapshot'

export type StartReason = 'restart' | 'power-outage'

/** APP-2 / CLI: the timeline reaches 24 h ahead. */
export const TIMELINE_HORIZON_S = 24 * 3600
/** Re-resolve at least this often even when nothing is scheduled (prunes ended events, retries responses). */
export const MAX_TICK_MS = 300_000
/** Ended events are kept this long (the CSIP overlap rule looks at ended events; the installer sees recent ones). */
export const KEEP_ENDED_S = 24 * 3600

const SECOND_MS = 1000

export interface ControlsServiceOptions {
  db: Db
  siteId: string
  clock: Clock
  /** handbook 11.4, CTL-7: the connection agreement's limits (site.fixedLimits). */
  fixed: FixedLimits
  /** Aggregate DER capacity (W) for ramps (handbook 11.3): sum of ratedW x count over site.der. */
  capacityW: number
  /** The LFDI that answers (endDeviceLFDI of each DERControlResponse); a function when it may change. */
  lfdi: string | (() => string)
  /** Absent: responses are not sent (read-only use, e.g. the CLI's `limits`). */
  postResponse?: PostResponse
  /** Uniform [0, 1) for the randomizeStart/randomizeDuration draws. Default Math.random. */
  random?: () => number
  onChanged?: (change: { siteId: string; now: number; nextChangeAt?: number }) => void
  onRepollRequested?: () => void
}

export interface ControlsService {
  start(reason: StartReason): void
  /** A successful poll of every program (documents as the codec parsed them). */
  ingest(snapshot: ProgramsSnapshot): void
  /** The same in the service's units (e.g. from the SEP2 client's ProgramViews, see from-program-views.ts). */
  ingestPrograms(snapshot: NormalisedSnapshot): void
  /** A poll failed (handbook 11.1: server outage or unexpected errors count as loss of communications). */
  noteLinkLost(reason: string): void
  /** handbook 11.2: ask the client to re-poll every program now. */
  requestRepoll(): void
  view(atMs?: number): LimitsView
  resolution(atMs?: number): Resolution
  setOverlap(overlap: OverlapRuleSetting): void
  /** Resolves when every response POST in flight has finished. */
  idle(): Promise<void>
  stop(): void
  readonly store: ControlsStore
}

/** When a stored event ends after its random draws (ms). */
function effectiveEndMs(e: StoredEvent, draw: RandomDraw | undefined): number {
  return (e.event.start + (draw?.start ?? 0) + e.event.duration + (draw?.duration ?? 0)) * SECOND_MS
}

function lfdiGetter(lfdi: string | (() => string)): () => string {
  return typeof lfdi === 'function' ? lfdi : () => lfdi
}

export function siteCapacityW(der: readonly { ratedW: number; count: number }[]): number {
  return der.reduce((sum, d) => sum + d.ratedW * d.count, 0)
}

export function createControlsService(opts: ControlsServiceOptions): ControlsService {
  const { clock, siteId } = opts
  const store = createControlsStore(opts.db, siteId)
  const random = opts.random ?? Math.random
  let link: LinkView = { state: 'never-polled' }
  let startReason: StartReason = 'restart'
  let timer: TimerId | undefined
  let stopped = false
  let lastKey = ''
  let rejected: RejectedControlView[] = []
  const responder: Responder | undefined = opts.postResponse
    ? createResponder({ store, clock, lfdi: lfdiGetter(opts.lfdi), post: opts.postResponse, onChange: () => afterResponse() })
    : undefined

  function inputs(): { programs: ProgramInput[]; vanished: VanishedEvent[]; cancelSeenAt: Record<string, number> } {
    const draws = store.draws()
    // Servers drop an event from the list once it is over (the simulator does, so do real ones): that is not a
    // withdrawal, so an event gone only after its end stays an ordinary event (it completed; no "cancelled").
    const withdrawn = (e: StoredEvent): boolean => e.missingSince !== undefined && e.missingSince < effectiveEndMs(e, draws[e.event.mRID])
    const events = store.listEvents()
    const programs = store.listPrograms().map((p): ProgramInput => {
      const program: ProgramInput = { id: p.href, mRID: p.mRID, primacy: p.primacy, events: [] }
      if (p.defaultControl && p.defaultSince !== undefined) program.defaultControl = { ...p.defaultControl, since: Math.floor(p.defaultSince / SECOND_MS) }
      program.events = events.filter((e) => e.event.programId === p.href && !withdrawn(e)).map((e) => e.event)
      return program
    })
    const vanished = events.filter(withdrawn).map((e) => ({ event: e.event, missingSince: Math.floor((e.missingSince ?? 0) / SECOND_MS) }))
    const cancelSeenAt = Object.fromEntries(events.filter((e) => e.cancelSeenAt !== undefined).map((e) => [e.event.mRID, Math.floor((e.cancelSeenAt ?? 0) / SECOND_MS)]))
    return { programs, vanished, cancelSeenAt }
  }

  function resolveAt(atMs: number): { resolution: Resolution; programs: ProgramInput[] } {
    const { programs, vanished, cancelSeenAt } = inputs()
    const resolution = resolveSchedule({
      programs,
      fixed: opts.fixed,
      now: Math.floor(atMs / SECOND_MS),
      draws: store.draws(),
      settings: { overlap: store.overlap() },
      horizonS: TIMELINE_HORIZON_S,
      vanished,
      cancelSeenAt,
    })
    return { resolution, programs }
  }

  function notify(force: boolean): void {
    const { resolution } = resolveAt(clock.now())
    // handbook 11.3 (ALL-28): a new DefaultDERControl setGradW alone is a change – the ramps and DERSettings follow it.
    const key = JSON.stringify([resolution.effective, resolution.nextChangeAt, resolution.setGradW])
    if (!force && key === lastKey) return
    lastKey = key
    const change = { siteId, now: clock.now(), ...(resolution.nextChangeAt !== undefined ? { nextChangeAt: resolution.nextChangeAt * SECOND_MS } : {}) }
    opts.onChanged?.(change)
  }

  function nextWake(resolution: Resolution, now: number): number {
    const sent = new Set(store.responsesFor(resolution.intents.map((i) => i.mRID)).map((r) => `${r.mRID}/${r.status}`))
    const candidates = [now + MAX_TICK_MS]
    if (resolution.nextChangeAt !== undefined) candidates.push(resolution.nextChangeAt * SECOND_MS)
    for (const i of resolution.intents) {
      if (i.required && i.replyTo !== undefined && i.dueAt * SECOND_MS > now && !sent.has(`${i.mRID}/${i.status}`)) candidates.push(i.dueAt * SECOND_MS)
    }
    const retry = responder?.nextRetryAt()
    if (retry !== undefined) candidates.push(retry)
    return Math.max(now + 1, Math.min(...candidates))
  }

  function prune(resolution: Resolution): void {
    const cutoff = resolution.now - KEEP_ENDED_S
    const old = store.listEvents().filter((e) => e.event.start + e.event.duration + Math.abs(e.event.randomizeDuration ?? 0) < cutoff)
    if (old.length > 0) store.deleteEvents(old.map((e) => e.event.mRID))
  }

  function tick(): void {
    if (stopped) return
    if (timer !== undefined) clock.clearTimeout(timer)
    const now = clock.now()
    const { resolution } = resolveAt(now)
    responder?.handle(resolution.intents, resolution.windows)
    prune(resolution)
    notify(false)
    timer = clock.setTimeout(tick, nextWake(resolution, now) - now)
  }

  /** A response POST finished: schedule its retry if it failed, and tell listeners (the event list shows it). */
  function afterResponse(): void {
    tick()
    notify(true)
  }

  function ingestPrograms(polled: NormalisedSnapshot): void {
    const at = polled.polledAt
    // REL-4: invalid controls and defaults are screened out here (the previous valid ones hold) and reported.
    const { snapshot, rejected: refused } = screenSnapshot(polled)
    rejected = refused.map((r) => ({ ...r, at }))
    store.transaction(() => {
      for (const p of snapshot.programs) ingestProgram(store, p, { at, random })
      retireProgramsExcept(store, new Set(snapshot.programs.map((p) => p.href)), at)
      if (responder) claimRejections(store, refused, at)
    })
    link = { state: 'online', lastPollAt: at }
    tick()
  }

  return {
    store,
    start(reason) {
      startReason = reason
      stopped = false
      if (reason === 'power-outage') {
        // handbook 11.2: remove all existing DERControls, revert to the DefaultDERControl, re-poll all DERPrograms.
        store.discardEvents()
        opts.onRepollRequested?.()
      }
      tick()
    },
    ingest: (snapshot) => ingestPrograms(normaliseSnapshot(snapshot)),
    ingestPrograms,
    noteLinkLost(reason) {
      const now = clock.now()
      const lastPollAt = link.state === 'online' ? link.lastPollAt : link.state === 'lost' ? link.lastPollAt : undefined
      const since = link.state === 'lost' ? link.since : now
      link = lastPollAt === undefined ? { state: 'lost', since, reason } : { state: 'lost', lastPollAt, since, reason }
      notify(true)
    },
    requestRepoll: () => opts.onRepollRequested?.(),
    view(atMs) {
      const at = atMs ?? clock.now()
      const { resolution, programs } = resolveAt(at)
      const events = store.listEvents()
      return buildView({
        siteId,
        resolution,
        programs,
        events,
        responses: store.responsesFor(events.map((e) => e.event.mRID)),
        draws: store.draws(),
        link,
        overlap: store.overlap(),
        fixed: opts.fixed,
        capacityW: opts.capacityW,
        horizonS: TIMELINE_HORIZON_S,
        startReason,
        rejected,
      })
    },
    resolution: (atMs) => resolveAt(atMs ?? clock.now()).resolution,
    setOverlap(overlap) {
      store.setOverlap(overlap, clock.now())
      tick()
      notify(true)
    },
    idle: () => responder?.idle() ?? Promise.resolve(),
    stop() {
      stopped = true
      if (timer !== undefined) clock.clearTimeout(timer)
      timer = undefined
    },
  }
}

/** REL-4: the default to store – the polled one, or the stored (previous valid) one when the polled one was refused. */
function defaultToStore(store: ControlsStore, p: NormalisedProgram): NormalisedProgram['defaultControl'] {
  if (!p.keepStoredDefault) return p.defaultControl
  return store.listPrograms().find((stored) => stored.href === p.href)?.defaultControl
}

/**
 * IEEE 2030.5-2018 Table 27: a refused event is answered 253 "Rejected - invalid event" when it asks for responses
 * (responseRequired bit 0 or 1), once per event, retried like the other responses until its end plus the grace time.
 */
function claimRejections(store: ControlsStore, rejected: readonly RejectedControl[], at: number): void {
  for (const r of rejected) {
    if (!r.refused || r.replyTo === undefined || ((r.responseRequired ?? 0) & 0b11) === 0) continue
    const end = Math.max(at, (r.endS ?? 0) * SECOND_MS)
    store.claimResponse({ mRID: r.mRID, status: REJECTED_INVALID_EVENT, replyTo: r.replyTo, at, giveUpAt: end + RESPONSE_GRACE_AFTER_END_MS })
  }
}

/**
 * Programs a successful poll no longer lists (issue 20 item 1): the utility withdrew them. Their default stops at once;
 * their events end as any withdrawn event does (cut short at this poll, with a started/cancelled response where one
 * is due, handbook 10.5.3 table 3), so the program is kept, with no default, until its last event is pruned.
 */
function retireProgramsExcept(store: ControlsStore, keep: ReadonlySet<string>, at: number): void {
  const events = store.listEvents()
  const retained: string[] = [...keep]
  for (const p of store.listPrograms()) {
    if (keep.has(p.href) || !events.some((e) => e.event.programId === p.href)) continue
    retained.push(p.href)
    store.upsertProgram({ href: p.href, mRID: p.mRID, primacy: p.primacy, ...(p.description !== undefined ? { description: p.description } : {}) }, at)
    store.markMissing(p.href, new Set(), at)
  }
  store.deleteProgramsExcept(retained)
}

function ingestProgram(store: ControlsStore, p: NormalisedProgram, ctx: { at: number; random: () => number }): void {
  const program = { href: p.href, mRID: p.mRID, primacy: p.primacy, ...(p.description !== undefined ? { description: p.description } : {}) }
  const defaultControl = defaultToStore(store, p)
  store.upsertProgram(defaultControl ? { ...program, defaultControl } : program, ctx.at)
  // REL-4: a refused event's stored (previous valid) version holds: it is not "gone from the list".
  const present = new Set<string>(p.heldEvents ?? [])
  const drawn = store.draws()
  for (const { event, description } of p.events) {
    present.add(event.mRID)
    store.upsertEvent(event, { at: ctx.at, ...(description !== undefined ? { description } : {}) })
    // CTL-2: one draw per event (negative bounds too), made the first time it is seen and persisted.
    if (drawn[event.mRID] === undefined) store.saveDraw(event.mRID, drawForEvent(event, { start: ctx.random(), duration: ctx.random() }), ctx.at)
  }
  store.markMissing(p.href, present, ctx.at)
}

export type { StoredEvent }
