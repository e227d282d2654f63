import { siteCapacityW } from '../../../controls'
import type { SiteSample } from '../../../devices'
import { AppError } from '../../../errors'
import type { SiteController } from '../../../site/site-controller'
import { canDisconnect, createSiteLoop } from '../../../site/site-services'
import type { ControlledBattery, ControlledInverter, SiteSampleSource } from '../../../site/ports'
import type { RunsRepo } from '../../../storage/runs-repo'
import { createOverridableLimits } from '../../../verification/limit-override'
import { RunRecorder } from '../../../verification/run-recorder'
import type { LimitOverride } from '../../../verification/types'
import { cachedUtilityEventProbe, utilityEventAt } from '../../../verification/utility-event'
import type { UtilityEventRef } from '../../../../src-shared/contract/verification'
import type { VerificationMode } from '../../../../src-shared/verification/profiles'
import type { EngineContext } from '../../create-engine'
import type { LimitsRuntime } from '../limits'
import { attachSiteTelemetry, type SiteTelemetry } from '../telemetry'

export class SiteNotLiveError extends AppError {
  constructor() {
    super('SITE_NOT_LIVE', 'The site is not being read: a test run needs live readings from the site meter and the inverters.', {
      hint: 'Open the Devices step and start live readings for this site, then start the test again.',
    })
  }
}

export interface LiveSite {
  siteId: string
  controller: SiteController
  recorder: RunRecorder
  limits: LimitOverride
  /** Base (utility schedule) value of a mode now, W; Infinity = no limit. */
  baseLimitW(mode: 'expLimW' | 'impLimW' | 'genLimW' | 'loadLimW'): number
  capacityW: number
  setGradW: number | undefined
  /** The utility DERControl event that sets `mode` now, if any (issue 17 item 5). */
  utilityEvent(mode: VerificationMode): UtilityEventRef | undefined
  /** Chart points, controller state and – while connected to the server – telemetry and DER reporting (APP-4). */
  telemetry: SiteTelemetry
  stop(): void
}

/**
 * The site's closed loop (SITE-1): the device sampling session's samples drive the site controller, which follows the
 * ramped utility schedule – or, during a verification run (APP-3), the run's profile for the tested mode.
 */
export function createSiteRuntime(ctx: EngineContext, deps: { limits: LimitsRuntime; runs: RunsRepo }) {
  let live: (LiveSite & { session: unknown }) | undefined
  let starting: { session: unknown; promise: Promise<LiveSite> } | undefined

  /** The live site for the current sampling session; built once per session (a new session has new devices). */
  function start(siteId: string): Promise<LiveSite> {
    const session = ctx.deviceRuntime.session
    if (!session || session.siteId !== siteId) return Promise.reject(new SiteNotLiveError())
    if (live?.session === session) return Promise.resolve(live)
    if (starting?.session === session) return starting.promise
    const promise = build(siteId, session).finally(() => {
      if (starting?.session === session) starting = undefined
    })
    starting = { session, promise }
    return promise
  }

  // SITE-1: the site is kept inside its envelope as soon as its meter and inverters are being read – not only once a
  // test or the telemetry view asks for it. When the readings stop, the loop stays: it sees the silence and goes
  // fail-safe, writing the fixed limits (SITE-2), rather than leaving the inverters unlimited.
  ctx.bus.subscribe((e) => {
    if (e.event !== 'devices.samplingStatus' || e.payload.status.state !== 'running') return
    // The session announces itself while it is being created: start once the engine holds it (next microtask).
    const siteId = e.payload.siteId
    void Promise.resolve()
      .then(() => start(siteId))
      .catch((error: unknown) => ctx.log(`[site] controller not started: ${error instanceof Error ? error.message : String(error)}`))
  })

  async function build(siteId: string, session: unknown): Promise<LiveSite> {
    live?.stop()
    live = undefined
    const site = ctx.sites.get(siteId)
    const service = deps.limits.serviceFor(siteId)
    const samples: SiteSampleSource = { on: (_name, fn: (s: SiteSample) => void) => ctx.deviceRuntime.onSample((id, s) => id === siteId && fn(s)) }
    const { inverters, batteries } = await controlledDevices(ctx, siteId)
    const fixed = { expLimW: site.fixedLimits.exportW, impLimW: site.fixedLimits.importW }
    // Issue 17 item 5: during a run, a live utility event for the tested mode still caps it unless overridden.
    const probe = cachedUtilityEventProbe(() => service)
    const loop = createSiteLoop({ clock: ctx.clock, controls: service, capacityW: siteCapacityW(site.der), fixed, samples, inverters, batteries, limits: (base) => createOverridableLimits(base, probe) })
    const { base, limits, controller } = loop
    // A new schedule (a poll, an event starting or ending) rebuilds the envelopes from where the ramps stand.
    const unsubscribeLimits = ctx.bus.subscribe((e) => {
      if (e.event === 'limits.changed' && e.payload.siteId === siteId) base.refresh(ctx.clock.now())
    })
    controller.start()
    // The total generation setpoint the controller holds (undefined there = unlimited), recorded with every point.
    const commandedW = (): number => controller.state().commanded.generationW ?? Infinity
    const recorder = new RunRecorder({ clock: ctx.clock, samples, override: limits, runs: deps.runs, commandedW })
    const controls = { controllableLoad: batteries.length > 0, canDisconnect: canDisconnect(inverters), setGradW: loop.setGradW }
    const telemetry = attachSiteTelemetry(ctx, { siteId, controller, limits, controls })
    live = {
      session,
      siteId,
      controller,
      recorder,
      limits,
      baseLimitW: (mode) => base.at(ctx.clock.now())[mode] ?? Infinity,
      capacityW: siteCapacityW(site.der),
      // Read live: the DefaultDERControl's setGradW may change while the site runs (handbook 11.3, ALL-28).
      get setGradW() {
        return loop.setGradW()
      },
      utilityEvent: (mode) => utilityEventAt(service, mode, ctx.clock.now()),
      telemetry,
      stop() {
        recorder.abort('The site controller stopped.')
        telemetry.stop()
        controller.stop()
        unsubscribeLimits()
      },
    }
    return live
  }

  return {
    start,
    current: (): LiveSite | undefined => live,
    stop(): void {
      live?.stop()
      live = undefined
    },
  }
}
export type SiteRuntime = ReturnType<typeof createSiteRuntime>

/** Inverters and batteries with their ratings and, where they take control writes, where to write. */
async function controlledDevices(ctx: EngineContext, siteId: string): Promise<{ inverters: ControlledInverter[]; batteries: ControlledBattery[] }> {
  const inverters: ControlledInverter[] = []
  const batteries: ControlledBattery[] = []
  for (const device of ctx.devices.list(siteId)) {
    const scan = ctx.deviceRuntime.scans.get(device.id)
    if (!scan || scan.kind !== 'sunspec') continue
    const transport = await ctx.deviceRuntime.transportFor(device.connection, { timeoutMs: device.timeoutMs })
    const target = { transport, unitId: device.unitId, models: scan.models }
    if (device.role === 'inverter') {
      inverters.push({ id: device.id, ratedW: scan.ratings.WRtg ?? 0, target: scan.control.kind === 'none' ? undefined : target })
    } else if (device.role === 'battery') {
      batteries.push({ id: device.id, ratedChargeW: scan.ratings.WChaMax ?? scan.ratings.WRtg ?? 0, target })
    }
  }
  return { inverters, batteries }
}
