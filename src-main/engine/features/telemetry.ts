/**
 * Step "Telemetry" in the engine (APP-4, TEL-1..TEL-5, SITE-2): while a site is live (its devices are sampled) the
 * site runtime attaches this to the site controller. It pushes chart points (at most ~2 per second) with the effective
 * ramped limits, the controller's state, and – while the site is connected to its utility server – runs the 5-minute
 * telemetry service (site + DER MirrorUsagePoints, durable buffer) and the DER status reporter over that session.
 */
import type { TelemetryLinkView, TelemetryPoint, TelemetryStatus, ControllerStateView, PostedReadingView } from '../../../src-shared/contract/telemetry'
import { inventoryFromSiteDer } from '../../../src-shared/der'
import { describeFault, type ControllerState, type EnvelopeInput } from '../../../src-shared/site-control'
import type { PhaseKey } from '../../../src-shared/telemetry'
import type { SiteSample } from '../../devices'
import type { SiteController } from '../../site/site-controller'
import type { EffectiveLimitsSource } from '../../site/ports'
import type { Sep2Transport } from '../../sep2/transport'
import { startSiteReporting, type SiteReporting } from '../../site/site-services'
import type { DerReporter, TelemetryService } from '../../telemetry'
import { SAMPLES_PER_HISTORY_BUCKET } from '../../storage/samples-repo'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'
import type { SiteRuntime } from './site/site-runtime'

/** Live chart points: at most one per this many ms of sample time (~2 per second). */
export const CHART_POINT_MS = 500
/** How many posts and answers the status keeps. */
export const RECENT_POSTS = 20
/** Default window and size of the chart history. */
export const HISTORY_WINDOW_MS = 3_600_000
export const DEFAULT_HISTORY_POINTS = 600
/** Queensland has no daylight saving: the RTC 5-minute tick counts from local midnight at UTC+10 (handbook 13.1). */
export const QLD_UTC_OFFSET_S = 36_000

export interface SiteTelemetry {
  status(): TelemetryStatus
  /** Reporting to the server is running over this session's transport. */
  reporting(): boolean
  /** The effective (ramped) limits the controller follows. */
  limits: EffectiveLimitsSource
  stop(): void
}

interface TelemetryState {
  recent: PostedReadingView[]
  lastFailure: string | null
  der: Map<string, TelemetryStatus['der'][number]>
  reporting: SiteReporting | undefined
  /** The server session's transport reporting was last set up for (undefined: none). */
  session: Sep2Transport | undefined
  lastPointAt: number
  stopped: boolean
}

/** Attach chart points, state events and (while connected) reporting to a live site's controller. */
/** What the DER reporter says about the site's controls (DERCapability, DERSettings; TEL-1). */
export interface ReportedControls {
  /** The site has controllable load (a battery): import and load limits are enforced. */
  controllableLoad: boolean
  /** Every managed inverter can be disconnected: opModConnect / opModEnergize are claimed (issue 11 item 5). */
  canDisconnect: boolean
  /** The setGradW the ramps follow now (handbook 11.3, ALL-13). */
  setGradW: () => number | undefined
}

export function attachSiteTelemetry(ctx: EngineContext, o: { siteId: string; controller: SiteController; limits: EffectiveLimitsSource; controls: ReportedControls }): SiteTelemetry {
  const { siteId } = o
  const state: TelemetryState = { recent: [], lastFailure: null, der: new Map(), reporting: undefined, session: undefined, lastPointAt: Number.NEGATIVE_INFINITY, stopped: false }
  const status = (): TelemetryStatus => statusOf(ctx, { siteId, state, controller: o.controller })
  const changed = (): void => ctx.bus.emit('telemetry.changed', { siteId, status: status() })
  const offState = o.controller.on('state', changed)
  // handbook 11.3, ALL-13: a schedule change may bring a new setGradW in force; DERSettings follows it.
  const offLimits = ctx.bus.subscribe((e) => {
    if (e.event === 'limits.changed' && e.payload.siteId === siteId) state.reporting?.scheduleChanged()
  })
  const offSample = ctx.deviceRuntime.onSample((id, sample) => {
    if (id !== siteId || state.stopped) return
    syncReporting(ctx, { siteId, state, sample, controls: o.controls, changed })
    state.reporting?.addSample(sample)
    if (sample.at - state.lastPointAt < CHART_POINT_MS) return
    state.lastPointAt = sample.at
    ctx.bus.emit('telemetry.points', { siteId, points: [chartPoint(sample, o.limits.at(sample.at))] })
  })
  return {
    status,
    reporting: () => state.reporting !== undefined,
    limits: o.limits,
    stop() {
      state.stopped = true
      offState()
      offSample()
      offLimits()
      stopReporting(state)
    },
  }
}

/** Start, restart (a new session after a reconnect) or stop reporting to follow the site's server session. */
function syncReporting(ctx: EngineContext, o: { siteId: string; state: TelemetryState; sample: SiteSample; controls: ReportedControls; changed: () => void }): void {
  const session = ctx.server.sessions.get(o.siteId)
  const transport = session?.polling ? session.transport : undefined
  if (o.state.session === transport) return
  o.state.session = transport
  stopReporting(o.state)
  if (transport) o.state.reporting = startReporting(ctx, { ...o, transport })
  o.changed()
}

function stopReporting(state: TelemetryState): void {
  const r = state.reporting
  state.reporting = undefined
  r?.stop()
}

/** The shared composition (site/site-services.ts) over this session, configured from the stored site. */
function startReporting(ctx: EngineContext, o: { siteId: string; state: TelemetryState; sample: SiteSample; controls: ReportedControls; transport: Sep2Transport; changed: () => void }): SiteReporting | undefined {
  const result = ctx.serverState.get(o.siteId).result
  if (!result?.ok) return undefined
  const site = ctx.sites.get(o.siteId)
  const reporting = startSiteReporting({
    clock: ctx.clock,
    db: ctx.db,
    siteId: o.siteId,
    poster: o.transport,
    discovery: result,
    identity: { lfdi: result.ourLfdi, pen: site.pen, nmi: site.nmi },
    inventory: inventoryFromSiteDer(site.der),
    controllableLoad: o.controls.controllableLoad,
    canDisconnect: o.controls.canDisconnect,
    setGradW: o.controls.setGradW,
    phases: meterPhases(o.sample),
    utcOffsetS: QLD_UTC_OFFSET_S,
    ...(ctx.config.random ? { random: ctx.config.random } : {}),
    log: ctx.log,
  })
  watchService(ctx, { siteId: o.siteId, service: reporting.telemetry, state: o.state, changed: o.changed })
  if (reporting.reporter) watchReporter(ctx, reporting.reporter, o.state, o.changed)
  return reporting
}

function remember(state: TelemetryState, post: PostedReadingView): void {
  state.recent.unshift(post)
  state.recent.length = Math.min(state.recent.length, RECENT_POSTS)
}

/** The Telemetry step's wizard status: done once the server accepts readings, failed when it refuses one. */
function markStep(ctx: EngineContext, o: { siteId: string; status: 'done' | 'failed'; note: string }): void {
  const current = ctx.wizard.get(o.siteId).steps.find((s) => s.step === 'telemetry')
  if (current?.status === o.status && current.note === o.note) return
  ctx.bus.emit('wizard.changed', ctx.wizard.set(o.siteId, 'telemetry', o.status, o.note))
}

function watchService(ctx: EngineContext, o: { siteId: string; service: TelemetryService; state: TelemetryState; changed: () => void }): void {
  const { service, state, changed } = o
  const now = (): number => ctx.clock.now()
  const interval = (endMs: number): string => new Date(endMs).toISOString().slice(0, 16).replace('T', ' ')
  service.on('posted', (e) => {
    state.lastFailure = null
    remember(state, { at: now(), intervalEndMs: e.intervalEndMs, readingKey: e.readingKey, outcome: 'posted', answer: e.location ? `201 Created at ${e.location}` : 'Accepted' })
    if (state.recent.every((r) => r.outcome === 'posted')) markStep(ctx, { siteId: o.siteId, status: 'done', note: 'Readings posted and accepted by the utility server' })
    changed()
  })
  service.on('rejected', (e) => {
    remember(state, { at: now(), intervalEndMs: e.intervalEndMs, readingKey: e.readingKey, outcome: 'rejected', answer: `${e.error.code}: ${e.error.message}` })
    markStep(ctx, { siteId: o.siteId, status: 'failed', note: `The server refused ${e.readingKey} for ${interval(e.intervalEndMs)} UTC: ${e.error.message}` })
    changed()
  })
  service.on('send-failed', (e) => {
    state.lastFailure = `${e.error.code}: ${e.error.message} – ${e.depth} reading(s) kept in the buffer`
    changed()
  })
  service.on('refused', (e) => {
    state.lastFailure = `${e.error.message} – sending stopped until the next start, ${e.depth} reading(s) kept in the buffer`
    markStep(ctx, { siteId: o.siteId, status: 'failed', note: e.error.message })
    changed()
  })
  service.on('mup-created', changed)
  service.on('queued', changed)
  service.on('dropped', (e) => {
    state.lastFailure = `The buffer was full: ${e.count} oldest reading(s) dropped (handbook 13.3)`
    changed()
  })
  service.on('post-rate', changed)
}

function watchReporter(ctx: EngineContext, reporter: DerReporter, state: TelemetryState, changed: () => void): void {
  reporter.on('put', (e) => {
    const text = e.ok ? `PUT ${e.resource}: ${e.status}` : `PUT ${e.resource} failed: ${e.error.code}: ${e.error.message}`
    state.der.set(e.resource, { resource: e.resource, ok: e.ok, at: ctx.clock.now(), text })
    changed()
  })
}

function statusOf(ctx: EngineContext, o: { siteId: string; state: TelemetryState; controller: SiteController }): TelemetryStatus {
  const r = o.state.reporting
  const depth = r?.telemetry.depth()
  const link: TelemetryLinkView = r ? { state: 'reporting', postRateS: r.telemetry.currentPostRateS() } : { state: 'not-connected' }
  return {
    siteId: o.siteId,
    link,
    controller: controllerStateView(o.controller.state()),
    buffer: { readings: depth?.readings ?? 0, intervals: depth?.intervals ?? 0, oldestEndMs: depth?.oldestEndMs ?? null },
    recent: [...o.state.recent],
    lastFailure: o.state.lastFailure,
    der: [...o.state.der.values()],
    mirrorUsagePoints: r?.telemetry.mirrorUsagePointViews() ?? [],
  }
}

const BINDING_WORDS: Record<string, string> = { export: 'the export limit', import: 'the import limit', generation: 'the generation limit', load: 'the load limit', disconnect: 'a disconnect' }

/** SITE-2: the controller's state in words. */
export function controllerStateView(s: ControllerState): ControllerStateView {
  switch (s.kind) {
    case 'following':
      return { kind: 'following', sinceMs: s.sinceMs, text: 'Following: the limits do not hold the devices back.' }
    case 'limited':
      return { kind: 'limited', sinceMs: s.sinceMs, binding: [...s.binding], text: `Limited by ${s.binding.map((b) => BINDING_WORDS[b] ?? b).join(' and ')}.` }
    case 'fail-safe': {
      const fault = describeFault(s.fault)
      return { kind: 'fail-safe', sinceMs: s.sinceMs, fault, text: `Fail-safe: ${fault}; the fixed limits are applied.` }
    }
    case 'manual':
      return { kind: 'manual', sinceMs: s.sinceMs, reason: s.reason, text: `Manual: ${s.reason}` }
  }
}

function meterPhases(sample: SiteSample): PhaseKey[] {
  const phases = (['A', 'B', 'C'] as const).filter((p) => sample.site?.phases[p].W !== undefined)
  return phases.length > 0 ? phases.map((p) => p.toLowerCase() as PhaseKey) : ['a']
}

const orNull = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v)

/** One chart point: site values import-positive (handbook 10.8.2), DER W, and the limits in force at `sample.at`. */
export function chartPoint(sample: SiteSample, limits: EnvelopeInput): TelemetryPoint {
  const p = sample.site?.phases
  return {
    t: sample.at,
    siteW: { a: orNull(p?.A.W), b: orNull(p?.B.W), c: orNull(p?.C.W), total: orNull(sample.site?.total.W) },
    siteVar: { a: orNull(p?.A.var), b: orNull(p?.B.var), c: orNull(p?.C.var) },
    siteV: { a: orNull(p?.A.V), b: orNull(p?.B.V), c: orNull(p?.C.V) },
    hz: orNull(sample.site?.total.Hz ?? sample.der.Hz),
    derW: orNull(sample.der.W),
    exportLimitW: orNull(limits.expLimW),
    importLimitW: orNull(limits.impLimW),
  }
}

/**
 * Chart history from the stored samples (the record keeps every sample): one sample per time bucket, so hours of
 * 200 ms samples stay a few hundred points.
 */
export function chartHistory(ctx: EngineContext, o: { siteId: string; sinceMs: number; maxPoints: number; limits: EffectiveLimitsSource | undefined }): TelemetryPoint[] {
  // Each bucket gives up to SAMPLES_PER_HISTORY_BUCKET points (its last sample and its peaks), and the window may touch
  // one bucket more than it spans (buckets are aligned to the epoch): size them so at most maxPoints come back.
  const buckets = Math.max(1, Math.floor(o.maxPoints / SAMPLES_PER_HISTORY_BUCKET) - 1)
  const bucketMs = Math.max(CHART_POINT_MS, Math.ceil((ctx.clock.now() - o.sinceMs) / buckets))
  return ctx.samples
    .downsampled(o.siteId, { sinceMs: o.sinceMs, bucketMs })
    .map((sample) => chartPoint(sample, o.limits?.at(sample.at) ?? {}))
}

export function telemetryHandlers(ctx: EngineContext, deps: { site: SiteRuntime }): HandlerGroup<'telemetry.start' | 'telemetry.status' | 'telemetry.history'> {
  const notLive = (siteId: string): TelemetryStatus => ({ siteId, link: { state: 'not-live' }, controller: null, buffer: { readings: 0, intervals: 0, oldestEndMs: null }, recent: [], lastFailure: null, der: [] })
  const liveFor = (siteId: string) => {
    const live = deps.site.current()
    return live?.siteId === siteId ? live : undefined
  }
  return {
    'telemetry.start': async ({ siteId }) => {
      ctx.sites.get(siteId)
      if (ctx.deviceRuntime.session?.siteId !== siteId) return notLive(siteId)
      const live = await deps.site.start(siteId)
      return live.telemetry.status()
    },
    'telemetry.status': ({ siteId }) => {
      ctx.sites.get(siteId)
      return liveFor(siteId)?.telemetry.status() ?? notLive(siteId)
    },
    'telemetry.history': ({ siteId, sinceMs, maxPoints }) => {
      ctx.sites.get(siteId)
      return chartHistory(ctx, { siteId, sinceMs: sinceMs ?? ctx.clock.now() - HISTORY_WINDOW_MS, maxPoints: maxPoints ?? DEFAULT_HISTORY_POINTS, limits: liveFor(siteId)?.telemetry.limits })
    },
  }
}
