/**
 * Step "Limits" (APP-2) and the controls service per site (CTL-2..CTL-7). Each site's service is fed by the SEP2
 * client's polls (the server feature's snapshot hook), answers DERControls over that site's transport, follows the
 * link state for loss of communications (handbook 11.1), and starts with the engine's start reason (11.2, ALL-30).
 */
import type { LimitsView } from '../../../src-shared/contract/limits'
import type { ProgramView } from '../../../src-shared/contract/server'
import { usesVirtualLfdi, type Site } from '../../../src-shared/domain/site'
import { createControlsService, siteCapacityW, snapshotFromProgramViews, type ControlsService, type PostOutcome, type StartReason } from '../../controls'
import { virtualLfdiForNmi } from '../../identity'
import { lfdiOfChain } from '../../sep2/client'
import { postResponseOver } from '../../site/site-services'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'

interface Running {
  service: ControlsService
  /** Fixed limits + capacity the service was built with: a site edit rebuilds it (the stored state stays). */
  key: string
}

export type LimitsRuntime = ReturnType<typeof createLimitsRuntime>

/** handbook 9.1.2: cloud-proxy pathways answer with the site's virtual LFDI, others with the certificate's. */
function lfdiOf(ctx: EngineContext, site: Site): string {
  if (usesVirtualLfdi(site.pathway)) {
    const v = virtualLfdiForNmi({ nmi: site.nmi, pen: site.pen })
    return v.ok ? v.lfdi : ''
  }
  return lfdiOfChain(ctx.certificates.get(site.id)?.chainPem ?? '') ?? ''
}

async function postOverSession(ctx: EngineContext, siteId: string, replyTo: string, xml: string): Promise<PostOutcome> {
  const session = ctx.server.sessions.get(siteId)
  if (!session) return { ok: false, error: 'Not connected to the utility server (the response is retried)' }
  return postResponseOver(session.transport, replyTo, xml)
}

export function createLimitsRuntime(ctx: EngineContext, options: { startReason: StartReason }) {
  const running = new Map<string, Running>()
  const repollListeners = new Set<(siteId: string) => void>()
  let firstStart = true

  function serviceFor(siteId: string): ControlsService {
    const site = ctx.sites.get(siteId)
    const fixed = { expLimW: site.fixedLimits.exportW, impLimW: site.fixedLimits.importW }
    const capacityW = siteCapacityW(site.der)
    const key = JSON.stringify([fixed, capacityW])
    const current = running.get(siteId)
    if (current?.key === key) return current.service
    current?.service.stop()
    const service = createControlsService({
      db: ctx.db,
      siteId,
      clock: ctx.clock,
      fixed,
      capacityW,
      lfdi: () => lfdiOf(ctx, ctx.sites.get(siteId)),
      postResponse: (replyTo, xml) => postOverSession(ctx, siteId, replyTo, xml),
      onChanged: (change) => ctx.bus.emit('limits.changed', change),
      onRepollRequested: () => repollListeners.forEach((l) => l(siteId)),
    })
    running.set(siteId, { service, key })
    // Only the engine's first start of a site's schedule can follow a power outage; a rebuild is an ordinary restart.
    service.start(current === undefined && firstStart ? options.startReason : 'restart')
    return service
  }

  const unsubscribeSnapshots = ctx.server.onSnapshot((siteId: string, programs: ProgramView[]) => {
    serviceFor(siteId).ingestPrograms(snapshotFromProgramViews(programs, ctx.clock.now()))
  })
  // A fresh discovery walk already read every program: use it at once rather than wait for the first poll.
  const ingestedResults = new Map<string, string>()
  const resultKey = (siteId: string): string | undefined => {
    const result = ctx.serverState.get(siteId).result
    return result?.ok ? JSON.stringify([result.totalMs, result.programs]) : undefined
  }
  const onDiscovery = (siteId: string): void => {
    const key = resultKey(siteId)
    const result = ctx.serverState.get(siteId).result
    if (key === undefined || !result || ingestedResults.get(siteId) === key) return
    ingestedResults.set(siteId, key)
    serviceFor(siteId).ingestPrograms(snapshotFromProgramViews(result.programs, ctx.clock.now()))
  }
  const unsubscribeLink = ctx.bus.subscribe((e) => {
    if (e.event === 'server.link' && e.payload.state === 'lost') serviceFor(e.payload.siteId).noteLinkLost(e.payload.reason ?? e.payload.code ?? 'poll failed')
    const serverDone = e.event === 'wizard.changed' && e.payload.steps.some((s) => s.step === 'server' && s.status === 'done')
    if (serverDone) onDiscovery(e.payload.siteId)
  })

  return {
    serviceFor,
    /** handbook 11.2: the client re-polls every program; the server feature listens here. */
    onRepoll(listener: (siteId: string) => void): () => void {
      repollListeners.add(listener)
      return () => repollListeners.delete(listener)
    },
    /** Start every site that has a stored schedule, so an engine start after a power outage discards them now. */
    startAll(): void {
      for (const site of ctx.sites.list()) {
        serviceFor(site.id)
        // A discovery result stored by an earlier run is old news: never ingested as if it had just been read.
        const key = resultKey(site.id)
        if (key !== undefined) ingestedResults.set(site.id, key)
      }
      firstStart = false
    },
    close(): void {
      unsubscribeSnapshots()
      unsubscribeLink()
      for (const r of running.values()) r.service.stop()
      running.clear()
    },
  }
}

/**
 * The Limits step is done once it has shown limits read from the utility server (a poll answered), not merely opened:
 * before the first poll it shows only the fixed limits, which says nothing about the server's schedule.
 */
function markShown(ctx: EngineContext, view: LimitsView): void {
  if (view.link.state !== 'online') return
  const status = ctx.wizard.get(view.siteId).steps.find((s) => s.step === 'limits')?.status
  if (status === 'done') return
  const polled = new Date(view.link.lastPollAt).toISOString()
  ctx.bus.emit('wizard.changed', ctx.wizard.set(view.siteId, 'limits', 'done', `Limits shown as read from the server (last poll ${polled}).`))
}

export function limitsHandlers(ctx: EngineContext, runtime: LimitsRuntime): HandlerGroup<'limits.get' | 'limits.setOverlap'> {
  return {
    'limits.get': ({ siteId, at }): LimitsView => {
      const view = runtime.serviceFor(siteId).view(at)
      markShown(ctx, view)
      return view
    },
    'limits.setOverlap': ({ siteId, overlap }): LimitsView => {
      const service = runtime.serviceFor(siteId)
      service.setOverlap(overlap)
      return service.view()
    },
  }
}
