/**
 * One composition of a site's services for every host (issue 16 item 1): the app engine (engine/features/site,
 * engine/features/telemetry.ts) and the headless run (`run --config/--demo`, site/headless-run.ts) both build the
 * site's closed loop and its reporting here, and differ only in the configuration they pass:
 * - the loop: the controls service's schedule ramped at the live DefaultDERControl's setGradW (handbook 11.3,
 *   CTL-5), followed by the site controller (SITE-1);
 * - the reporting: the 5-minute telemetry service with its handbook 13.1 random post offset (TEL-2..TEL-5) and the
 *   DER reporter with its own report period and bounds (TEL-1), fed from the device samples;
 * - the DERControlResponse POST over the site's transport (CTL-4, handbook 13.2).
 */
import type { Clock } from '../../src-shared/clock'
import type { DiscoveryResult } from '../../src-shared/contract/server'
import { everyInverterDisconnects, type DerInventoryEntry } from '../../src-shared/der'
import { readingPlan, type PhaseKey } from '../../src-shared/telemetry'
import type { ControlsService, PostOutcome } from '../controls'
import type { SiteSample } from '../devices/device-manager'
import type { Db } from '../storage/database'
import {
  createTelemetryService,
  DEFAULT_BUFFER_INTERVALS,
  DerReporter,
  DerStateTracker,
  telemetrySampleFromSiteSample,
  TelemetryBuffer,
  type Sep2Poster,
  type TelemetryService,
  type UsagePointIdentity,
} from '../telemetry'
import type { ControlledBattery, ControlledInverter, EffectiveLimitsSource, SiteSampleSource } from './ports'
import { rampedLimitsFromControls, type RampedLimitsSource } from './ramped-limits'
import { createSiteController, type SiteController } from './site-controller'

/** Handbook 13.1: posts spread over up to half the 300 s post rate after the tick (the service caps it per rate). */
export const POST_OFFSET_SPREAD_MS = 150_000
/** A DERControlResponse POST gets this long, retries inside it included (handbook 13.2: within the poll period). */
export const RESPONSE_POST_TIMEOUT_MS = 60_000

export interface SiteLoopOptions<L extends EffectiveLimitsSource> {
  clock: Clock
  controls: Pick<ControlsService, 'resolution' | 'view'>
  /** Aggregate DER capacity, W (handbook 11.3: ramps apply to the total). */
  capacityW: number
  /** handbook 11.4: the connection agreement's limits, written when the controller goes fail-safe. */
  fixed: { expLimW: number; impLimW: number }
  samples: SiteSampleSource
  inverters: ControlledInverter[]
  batteries: ControlledBattery[]
  /** What the controller follows, made from the ramped schedule (the app adds the verification run's override). */
  limits: (base: RampedLimitsSource) => L
}

export interface SiteLoop<L extends EffectiveLimitsSource> {
  /** The ramped utility schedule; `refresh` it when the schedule changes. */
  base: RampedLimitsSource
  limits: L
  controller: SiteController
  /** The setGradW the ramps use now: the live DefaultDERControl's (undefined: 28, AS/NZS 4777.2). */
  setGradW(): number | undefined
}

/** SITE-1: the schedule's ramped limits and the site controller that follows them (not started). */
export function createSiteLoop<L extends EffectiveLimitsSource>(o: SiteLoopOptions<L>): SiteLoop<L> {
  // handbook 11.3 / CTL-5: the envelopes take the setGradW of the resolution they are built from, and a new
  // DefaultDERControl setGradW is a schedule change (controls service), so the hosts' refresh applies it at once.
  const setGradW = (): number | undefined => o.controls.resolution().setGradW
  const base = rampedLimitsFromControls({ controls: o.controls, capacityW: o.capacityW })
  const limits = o.limits(base)
  const controller = createSiteController({ clock: o.clock, samples: o.samples, inverters: o.inverters, batteries: o.batteries, limits, fixed: o.fixed })
  return { base, limits, controller, setGradW }
}

export interface SiteReportingOptions {
  clock: Clock
  db: Db
  siteId: string
  poster: Sep2Poster
  /** The discovery walk's links: the MirrorUsagePointList and the first DER's status, capability and settings. */
  discovery: Pick<DiscoveryResult, 'links' | 'der'>
  identity: UsagePointIdentity
  inventory: readonly DerInventoryEntry[]
  /** The site has controllable load (a battery): import and load limits are enforced. */
  controllableLoad: boolean
  /** Every managed inverter can be disconnected (everyInverterDisconnects): DERCapability claims connect/energize. */
  canDisconnect: boolean
  /** The site meter's phases (handbook 10.8: site readings per phase). */
  phases: PhaseKey[]
  /** Site offset from UTC, s: the RTC 5-minute tick counts from local midnight. */
  utcOffsetS: number
  /** Uniform [0, 1) draw for the handbook 13.1 post offset, made once. Default Math.random. */
  random?: () => number
  log: (line: string) => void
  /** The setGradW the site's ramps follow now (SiteLoop.setGradW): DERSettings reports it (ALL-13). */
  setGradW?: () => number | undefined
}

export interface SiteReporting {
  telemetry: TelemetryService
  /** Undefined when the server lists no DER resources to report to. */
  reporter: DerReporter | undefined
  /** The post offset after each tick (handbook 13.1), ms. */
  postOffsetMs: number
  /** One device sample: telemetry averages it, the DER reporter sees the devices' states. */
  addSample(sample: SiteSample): void
  /** The schedule changed: DERSettings is PUT again if the setGradW in force moved (handbook 11.3, ALL-13). */
  scheduleChanged(): void
  stop(): void
}

/** TEL-1..TEL-5: the telemetry service and the DER reporter over one server session, started. */
export function startSiteReporting(o: SiteReportingOptions): SiteReporting {
  // handbook 10.8: site readings per phase with voltage and frequency; DER readings as totals with frequency.
  const plan = [
    ...readingPlan({ scope: 'site', phases: o.phases, voltage: true, frequency: true }),
    ...readingPlan({ scope: 'der', phases: [], voltage: false, frequency: true, totals: true }),
  ]
  const buffer = new TelemetryBuffer(o.db, { siteId: o.siteId, capacity: DEFAULT_BUFFER_INTERVALS * plan.length, clock: o.clock })
  const postOffsetMs = Math.floor((o.random ?? Math.random)() * POST_OFFSET_SPREAD_MS)
  const mupListHref = o.discovery.links.mupList ?? '/api/v2/mup'
  const telemetry = createTelemetryService({ clock: o.clock, poster: o.poster, buffer, mupListHref, identity: o.identity, plan, utcOffsetS: o.utcOffsetS, log: o.log, postOffsetMs })
  const reporter = derReporter(o)
  if (!reporter) o.log('der: the server lists no DER resources to report to')
  const states = new DerStateTracker()
  telemetry.start()
  reporter?.start()
  return {
    telemetry,
    reporter,
    postOffsetMs,
    addSample(sample) {
      telemetry.addSample(telemetrySampleFromSiteSample(sample))
      void reporter?.updateDevices(states.update(sample.devices))
    },
    scheduleChanged() {
      void reporter?.setGradWChanged()
    },
    stop() {
      telemetry.stop()
      reporter?.stop()
    },
  }
}

function derReporter(o: SiteReportingOptions): DerReporter | undefined {
  const der = o.discovery.der[0]
  if (!der?.statusHref || !der.capabilityHref || !der.settingsHref) return undefined
  const links = { status: der.statusHref, capability: der.capabilityHref, settings: der.settingsHref }
  return new DerReporter({ clock: o.clock, poster: o.poster, links, inventory: o.inventory, controllableLoad: o.controllableLoad, canDisconnect: o.canDisconnect, ...(o.setGradW ? { setGradW: o.setGradW } : {}) })
}

/** opModConnect / opModEnergize are claimed only when every inverter can be disconnected (issue 11 item 5). */
export function canDisconnect(inverters: readonly ControlledInverter[]): boolean {
  return everyInverterDisconnects(inverters.map((i) => ({ modelIds: i.target?.models.map((m) => m.id) })))
}

/** CTL-4: a DERControlResponse POSTed to the event's replyTo, retries (handbook 13.2) inside RESPONSE_POST_TIMEOUT_MS. */
export async function postResponseOver(poster: Sep2Poster, replyTo: string, xml: string): Promise<PostOutcome> {
  const res = await poster.post(replyTo, xml, { signal: AbortSignal.timeout(RESPONSE_POST_TIMEOUT_MS), periodMs: RESPONSE_POST_TIMEOUT_MS })
  if (!res.ok) return { ok: false, error: `${res.error.code}: ${res.error.message}` }
  if (res.value.status < 200 || res.value.status > 299) return { ok: false, error: `HTTP ${res.value.status}` }
  return res.value.location === undefined ? { ok: true } : { ok: true, location: res.value.location }
}
