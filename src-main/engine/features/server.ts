/**
 * Step "Utility server" (SRV-2 .. SRV-7): the server chosen per site, the discovery walk with the site's stored
 * certificate chain and key (steps pushed live as `server.step`), polling afterwards with the loss-of-communications
 * state (`server.link`), the resource browser and the exchange log. The built-in simulator runs in-process with a
 * test PKI whose device certificate is imported for the site, so the flow is the real one.
 */
import { usesVirtualLfdi, type Site } from '../../../src-shared/domain/site'
import { serverCheckFromDiscovery } from '../../../src-shared/report/server-check'
import { AWAITING_REGISTRATION_TEXT, SERVER_URLS, usesInBandRegistration, type DiscoveryResult, type ExchangeFilter, type ProgramView, type ServerSettings, type ServerStatus } from '../../../src-shared/contract/server'
import { AppError } from '../../errors'
import { virtualLfdiForNmi } from '../../identity'
import { anchorPem, describeChange, discoverWhenRegistered, exchangesToCsv, exchangesToJson, lfdiOfChain, runDiscovery, startClientPolling, type ClientPolling, type DiscoveryOptions } from '../../sep2/client'
import { createSep2Transport, type Sep2Transport } from '../../sep2/transport'
import { loadScenario, startUtilitySimulator, type SimulatorIdentity, type UtilitySimulator } from '../../sim/utility'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'
import { importCertificateFiles } from './certificates'
import { loadTrustAnchors } from './trust-anchors'

const DEFAULT_SETTINGS: ServerSettings = { target: 'test', checkHostname: true }
const EXPORT_LIMIT = 5000

interface Session {
  transport: Sep2Transport
  dcapUrl: string
  polling?: ClientPolling
  /** issue 20: the background wait for the utility to register the device; aborted with the session. */
  waiting?: AbortController
}

/** Engine-lifetime state of the feature: connections, simulators, and the hook the controls scheduler listens on. */
export function createServerRuntime() {
  const sessions = new Map<string, Session>()
  const simulators = new Map<string, UtilitySimulator>()
  const snapshotListeners = new Set<(siteId: string, programs: ProgramView[]) => void>()
  return {
    sessions,
    simulators,
    /** Programs (by primacy) with their default control and events after every DERProgramList poll. */
    onSnapshot(listener: (siteId: string, programs: ProgramView[]) => void): () => void {
      snapshotListeners.add(listener)
      return () => snapshotListeners.delete(listener)
    },
    emitSnapshot(siteId: string, programs: ProgramView[]): void {
      for (const l of snapshotListeners) l(siteId, programs)
    },
    async endSession(siteId: string): Promise<void> {
      const s = sessions.get(siteId)
      sessions.delete(siteId)
      s?.waiting?.abort()
      s?.polling?.stop()
      await s?.transport.close()
    },
    async close(): Promise<void> {
      for (const id of [...sessions.keys()]) await this.endSession(id)
      for (const sim of simulators.values()) await sim.close()
      simulators.clear()
    },
  }
}
export type ServerRuntime = ReturnType<typeof createServerRuntime>

class ServerSetupError extends AppError {}

/** The simulator runs this scenario for every site (Annex D's resources and controls). */
const SIMULATOR_SCENARIO = 'annex-d'

function demoSettings(): ServerSettings {
  const pin = loadScenario(SIMULATOR_SCENARIO).pin
  return { target: 'simulator', checkHostname: true, ...(pin === undefined ? {} : { expectedPin: pin }) }
}

function dcapUrlOf(settings: ServerSettings, sim: UtilitySimulator | undefined): string {
  switch (settings.target) {
    case 'test':
      return SERVER_URLS.test
    case 'production':
      return SERVER_URLS.production
    case 'custom':
      if (!settings.customUrl) throw new ServerSetupError('SERVER_NO_URL', 'No server URL is set.', { hint: 'Enter the DeviceCapability URL the utility gave you, e.g. https://…/api/v2/dcap.' })
      return settings.customUrl
    case 'simulator':
      return sim?.dcapUrl ?? 'built-in simulator (starts on Connect)'
  }
}

function siteVirtualLfdi(site: Site): string {
  const v = virtualLfdiForNmi({ nmi: site.nmi, pen: site.pen })
  if (!v.ok) throw new ServerSetupError('SERVER_NO_VIRTUAL_LFDI', v.message, { hint: 'Check the NMI in the Site step.' })
  return v.lfdi
}

/** handbook 9.1.2: cloud-proxy pathways are identified by the site's virtual LFDI, others by the certificate's. */
function ourLfdi(site: Site, chainPem: string): string {
  if (usesVirtualLfdi(site.pathway)) return siteVirtualLfdi(site)
  const lfdi = lfdiOfChain(chainPem)
  if (!lfdi) throw new ServerSetupError('SERVER_NO_CERTIFICATE', 'The stored certificate chain holds no certificate.', { hint: 'Import the device certificate again in the Certificates step.' })
  return lfdi
}

export function serverHandlers(
  ctx: EngineContext,
): HandlerGroup<'server.getSettings' | 'server.saveSettings' | 'server.connect' | 'server.result' | 'server.resource' | 'exchangeLog.list' | 'exchangeLog.export'> {
  const runtime = ctx.server
  // Demo mode wires the simulator in by default (DESIGN.md: a newcomer tries every step without hardware), with the
  // PIN its scenario registers – as the utility gives it to the installer – so the demo's PIN check is a real one.
  const defaults: ServerSettings = ctx.config.demo ? demoSettings() : DEFAULT_SETTINGS
  const settingsOf = (siteId: string): ServerSettings => ctx.serverState.get(siteId).settings ?? defaults

  const status = (siteId: string): ServerStatus => {
    ctx.sites.get(siteId)
    const stored = ctx.serverState.get(siteId)
    const settings = stored.settings ?? defaults
    return { siteId, settings, dcapUrl: dcapUrlOf(settings, runtime.simulators.get(siteId)), result: stored.result, link: runtime.sessions.get(siteId)?.polling?.link() ?? null }
  }

  /** The simulator for the site, its device certificate and key imported for the site (replacing any other). */
  async function simulatorFor(site: Site, settings: ServerSettings): Promise<UtilitySimulator> {
    const existing = runtime.simulators.get(site.id)
    if (existing) return existing
    const extraDevices = usesVirtualLfdi(site.pathway) ? [{ lfdi: siteVirtualLfdi(site), id: 'SITE' }] : []
    // Demo mode (APP-6): the simulator serves the practice PKI the demo site already uses.
    const sim = await startUtilitySimulator({ clock: ctx.clock, scenario: SIMULATOR_SCENARIO, pin: settings.expectedPin, extraDevices, pkiDir: ctx.config.demo?.dir })
    runtime.simulators.set(site.id, sim)
    const device = sim.pki.devices[0]
    if (!device) throw new Error('simulator PKI without a device')
    if (lfdiOfChain(ctx.certificates.get(site.id)?.chainPem ?? '') !== device.lfdi) await importSimulatorCertificate(site.id, { sim, device })
    return sim
  }

  /** The simulator's device certificate and key become the site's, through the ordinary import checks. */
  async function importSimulatorCertificate(siteId: string, o: { sim: UtilitySimulator; device: SimulatorIdentity }): Promise<void> {
    const { sim, device } = o
    const files = [{ name: 'simulator-device.chain.pem', bytes: new TextEncoder().encode(device.chainPem) }, { name: 'simulator-device.key.pem', bytes: new TextEncoder().encode(device.keyPem) }]
    // The ordinary import, with the simulator's practice SERCA trusted for it (in demo mode it is trusted anyway).
    await importCertificateFiles(ctx, { siteId, files, extraTrustAnchors: [sim.pki.sercaPem] })
  }

  /** A transport with the site's stored chain and key; the key is read from the key store only for the TLS context. */
  async function openTransport(siteId: string): Promise<Session> {
    const site = ctx.sites.get(siteId)
    const settings = settingsOf(siteId)
    const sim = settings.target === 'simulator' ? await simulatorFor(site, settings) : undefined
    const stored = ctx.certificates.get(siteId)
    const keyRef = ctx.certificates.keyRef(siteId)
    if (!stored?.chainPem || !keyRef) {
      throw new ServerSetupError('SERVER_NO_CERTIFICATE', 'This site has no usable device certificate with its private key.', { hint: 'Import the enrolled device certificate, its chain and the private key in the Certificates step first.' })
    }
    const key = await (await ctx.keys.store()).loadPrivateKey(keyRef.keyId)
    const dcapUrl = dcapUrlOf(settings, sim)
    const trustAnchors = [...loadTrustAnchors(ctx).map(anchorPem), ...(sim ? [sim.pki.sercaPem] : [])]
    const transport = createSep2Transport({ baseUrl: dcapUrl, clientCert: stored.chainPem, clientKey: key, trustAnchors, checkHostname: settings.checkHostname, clock: ctx.clock, onExchange: (e) => ctx.exchangeLog.add(siteId, e) })
    return { transport, dcapUrl }
  }

  async function connect(siteId: string): Promise<DiscoveryResult> {
    await runtime.endSession(siteId)
    const site = ctx.sites.get(siteId)
    const settings = settingsOf(siteId)
    ctx.bus.emit('wizard.changed', ctx.wizard.set(siteId, 'server', 'in-progress'))
    const session = await openTransport(siteId).catch((error: unknown) => {
      if (error instanceof AppError) ctx.bus.emit('wizard.changed', ctx.wizard.set(siteId, 'server', 'failed', error.describe()))
      throw error
    })
    runtime.sessions.set(siteId, session)
    const chainPem = ctx.certificates.get(siteId)?.chainPem ?? ''
    const options: DiscoveryOptions = {
      transport: session.transport,
      dcapUrl: session.dcapUrl,
      clock: ctx.clock,
      ourLfdi: ourLfdi(site, chainPem),
      mode: usesVirtualLfdi(site.pathway) ? 'cloud-proxy' : 'device',
      expectedPin: settings.expectedPin,
      inBandRegistration: usesInBandRegistration(settings),
      nmi: site.nmi,
    }
    const result = await runDiscovery({ ...options, onStep: (step) => ctx.bus.emit('server.step', { siteId, step }) })
    settle(siteId, session, result)
    if (result.awaitingRegistration) waitForRegistration(siteId, session, { ...options, after: result })
    return result
  }

  /** Store and show a walk's outcome; polling starts once it found everything. */
  function settle(siteId: string, session: Session, result: DiscoveryResult): void {
    const settings = settingsOf(siteId)
    ctx.serverState.saveResult(siteId, settings, result)
    // Issue 17 item 1: every walk's facts are stored; the report's server verdict rests on them.
    ctx.serverChecks.add(siteId, checkRecord(result, { session, settings, at: ctx.clock.now() }))
    const status = result.ok ? 'done' : result.awaitingRegistration ? 'in-progress' : 'failed'
    ctx.bus.emit('wizard.changed', ctx.wizard.set(siteId, 'server', status, wizardNote(result)))
    if (result.ok) session.polling = startPolling(siteId, session, result)
  }

  /** issue 20: look again at the EndDeviceList rate until the utility registers the device; the app keeps running. */
  function waitForRegistration(siteId: string, session: Session, options: DiscoveryOptions & { after: DiscoveryResult }): void {
    const waiting = new AbortController()
    session.waiting = waiting
    void discoverWhenRegistered({ ...options, signal: waiting.signal }).then(
      (result) => {
        if (!waiting.signal.aborted && runtime.sessions.get(siteId) === session) settle(siteId, session, result)
      },
      (error: unknown) => ctx.log?.(`server: waiting for registration failed: ${String(error)}`),
    )
  }

  function startPolling(siteId: string, session: Session, result: DiscoveryResult): ClientPolling {
    return startClientPolling({
      transport: session.transport,
      clock: ctx.clock,
      discovery: result,
      onSnapshot: (programs) => runtime.emitSnapshot(siteId, programs),
      // What appeared or went (an event list changing at every poll is the normal case, not logged).
      onChange: (c) => (c.added.length + c.removed.length > 0 ? ctx.log?.(`${siteId} ${describeChange(c)}`) : undefined),
      onLinkState: (link) => ctx.bus.emit('server.link', link.state === 'ok' ? { siteId, state: 'ok', since: link.since } : { siteId, state: 'lost', since: link.since, reason: link.reason, code: link.code }),
    })
  }

  async function resource(siteId: string, href: string): Promise<{ href: string; status: number; xml: string }> {
    const session = runtime.sessions.get(siteId) ?? (await openTransport(siteId))
    if (!runtime.sessions.has(siteId)) runtime.sessions.set(siteId, session)
    // The client certificate is only ever presented to the configured server.
    if (new URL(href, session.dcapUrl).origin !== new URL(session.dcapUrl).origin) {
      throw new ServerSetupError('SERVER_OTHER_ORIGIN', `${href} is not on the configured server.`, { hint: 'Browse only links the server gave (relative hrefs).' })
    }
    const got = await session.transport.get(href, { signal: new AbortController().signal })
    if (!got.ok) throw got.error
    return { href, status: got.value.status, xml: got.value.body }
  }

  return {
    'server.getSettings': ({ siteId }) => status(siteId),
    'server.saveSettings': async ({ siteId, settings }) => {
      ctx.sites.get(siteId)
      ctx.serverState.saveSettings(siteId, settings)
      await runtime.endSession(siteId)
      return status(siteId)
    },
    'server.connect': ({ siteId }) => connect(siteId),
    'server.result': ({ siteId }) => ctx.serverState.get(siteId).result,
    'server.resource': ({ siteId, href }) => resource(siteId, href),
    'exchangeLog.list': ({ siteId, filter }) => ctx.exchangeLog.list(siteId, filter ?? {}),
    'exchangeLog.export': ({ siteId, format, filter }) => exportLog(ctx, { siteId, format, filter }),
  }
}

/** The facts of this walk as the server-check record: the TLS session's verified server certificate included. */
function checkRecord(result: DiscoveryResult, o: { session: Session; settings: ServerSettings; at: number }) {
  const origin = new URL(o.session.dcapUrl).origin
  const tls = [...o.session.transport.sessions()].reverse().find((s) => s.origin === origin && s.server)
  return serverCheckFromDiscovery(result, { checkedAt: o.at, target: o.settings.target, expectedPin: o.settings.expectedPin, serverCertificate: tls?.server })
}

function wizardNote(r: DiscoveryResult): string {
  if (r.awaitingRegistration) {
    return `${AWAITING_REGISTRATION_TEXT} (LFDI ${r.ourLfdi}): the app looks again at the EndDeviceList rate and carries on by itself once it is listed. Energex and Ergon register devices out of band (handbook 9): send them the LFDI/SFDI from the Certificates step.`
  }
  if (!r.ok) {
    const failed = r.steps.find((s) => s.status === 'failed')
    return failed?.error ? `${failed.name}: ${failed.error.meaning} ${failed.error.whatToDo}` : `Stopped at ${r.stoppedAt ?? 'a failed step'}`
  }
  const pin = r.registration?.match === true ? 'PIN matches' : 'PIN not checked'
  return `EndDevice ${r.endDevice?.lFDI ?? ''} found, ${pin}, ${r.programs.length} program(s), ${r.tls?.version ?? ''}`
}

function exportLog(ctx: EngineContext, o: { siteId: string; format: 'json' | 'csv'; filter: ExchangeFilter | undefined }) {
  const records = ctx.exchangeLog.list(o.siteId, { limit: EXPORT_LIMIT, ...o.filter })
  const stamp = new Date(ctx.clock.now()).toISOString().replace(/[:.]/g, '-')
  if (o.format === 'csv') return { fileName: `exchange-log-${stamp}.csv`, mimeType: 'text/csv', content: exchangesToCsv(records) }
  return { fileName: `exchange-log-${stamp}.json`, mimeType: 'application/json', content: exchangesToJson(records) }
}
