/**
 * A headless run of the whole engine for one site (issue 6 part 5; the way a gateway or a soak test uses it): the
 * discovery walk and polling of the utility server, the controls schedule, the devices over Modbus TCP, the site
 * controller holding the site inside its ramped envelope, 5-minute telemetry and DER status reporting.
 */
import type { Clock, TimerId } from '../../src-shared/clock'
import { inventoryFromSiteDer } from '../../src-shared/der'
import { serverCheckFromDiscovery } from '../../src-shared/report/server-check'
import { fail, ok, type Result } from '../../src-shared/result'
import type { PhaseKey } from '../../src-shared/telemetry'
import { faultTag, type ControllerState } from '../../src-shared/site-control'
import { createControlsService, snapshotFromProgramViews, type ControlsService } from '../controls'
import type { BootFacts } from '../../src-shared/controls/start-reason'
import { checkStartReason } from '../engine/boot-facts'
import { createDeviceManager, type DeviceManager, type SiteSample } from '../devices/device-manager'
import { managedDeviceFromScan } from '../devices/managed-device'
import { scanDevice, type ScannedDevice } from '../devices/scan'
import { createModbusTcpTransport } from '../modbus/tcp-transport'
import type { ModbusTransport } from '../modbus/transport'
import { describeChange, describeResult, describeWait, discoverWhenRegistered, lfdiOfChain, startClientPolling, type ClientPolling } from '../sep2/client'
import { createSep2Transport, type Sep2Transport } from '../sep2/transport'
import { openDatabase, type Db } from '../storage/database'
import { createExchangeLogRepo } from '../storage/exchange-log-repo'
import { createServerChecksRepo } from '../storage/server-checks-repo'
import type { TelemetryService } from '../telemetry'
import type { ControlledBattery, ControlledInverter, EffectiveLimitsSource } from './ports'
import type { LoadedRunConfig } from './run-config'
import type { SiteController } from './site-controller'
import { canDisconnect, createSiteLoop, postResponseOver, startSiteReporting, type SiteReporting } from './site-services'

export const STATUS_PERIOD_MS = 5000
const MODBUS_TIMEOUT_MS = 1000

export interface HeadlessRunOptions {
  config: LoadedRunConfig
  clock: Clock
  signal: AbortSignal
  onStatus: (line: string) => void
  log: (line: string) => void
  /** Uniform [0, 1) draw for the telemetry post offset (handbook 13.1). Default Math.random. */
  random?: () => number
  /** The machine's current boot (tests); default read from the machine (handbook 11.2 start reason). */
  boot?: BootFacts
}

export interface HeadlessRun {
  controller: SiteController
  telemetry: TelemetryService
  /** The device samples (for a UI or a test). */
  manager: DeviceManager
  /** The effective ramped limits the controller follows. */
  limits: EffectiveLimitsSource
  stop(): Promise<void>
}

interface Parts {
  sep2: Sep2Transport
  modbus?: ModbusTransport
  db: Db
  polling?: ClientPolling
  controls?: ControlsService
  manager?: DeviceManager
  controller?: SiteController
  reporting?: SiteReporting
  timers: TimerId[]
  stopped: boolean
  lastSample?: SiteSample
}

export async function startHeadlessRun(options: HeadlessRunOptions): Promise<Result<HeadlessRun>> {
  const { config, clock } = options
  const db = openDatabase(config.dataDirPath)
  // SRV-7: every exchange of the run is kept, as the app keeps it.
  const exchangeLog = createExchangeLogRepo(db)
  const sep2 = createSep2Transport({ baseUrl: config.server.dcapUrl, clientCert: config.pem.chain, clientKey: config.pem.key, trustAnchors: config.pem.anchors, checkHostname: config.server.checkHostname, clock, onExchange: (e) => exchangeLog.add(config.siteId, e) })
  const parts: Parts = { sep2, db, timers: [], stopped: false }
  const stop = () => stopParts(parts, clock)
  try {
    const started = await startParts(parts, options)
    if (!started.ok) {
      await stop()
      return started
    }
    return ok({ ...started.value, stop })
  } catch (error) {
    await stop()
    throw error
  }
}

async function startParts(parts: Parts, options: HeadlessRunOptions): Promise<Result<Omit<HeadlessRun, 'stop'>>> {
  const { config, clock } = options
  const lfdi = config.server.lfdi ?? lfdiFromConfig(config)
  const discovery = await discoverWhenRegistered({
    ...{ transport: parts.sep2, dcapUrl: config.server.dcapUrl, clock, ourLfdi: lfdi, mode: config.server.lfdi ? 'cloud-proxy' : 'device', signal: options.signal },
    ...{ expectedPin: config.server.pin, inBandRegistration: config.server.inBandRegistration, nmi: config.site.nmi },
    // issue 20: a device the utility has not registered yet is waited for, never a stop.
    onWaiting: (w) => options.onStatus(describeWait(w)),
  })
  // Issue 17 item 1: the walk's facts are stored as the app stores them, so a report of the site rests on them.
  createServerChecksRepo(parts.db).add(config.siteId, serverCheckFromDiscovery(discovery, { checkedAt: clock.now(), target: 'custom' }))
  if (!discovery.ok) return fail('RUN_DISCOVERY', describeResult(discovery, { steps: false }))
  options.log(`server: discovery ok, ${discovery.programs.length} program(s), TLS ${discovery.tls?.version ?? '?'} ${discovery.tls?.cipher ?? ''}`)
  const { db } = parts
  const inventory = inventoryFromSiteDer(config.site.der.map((d) => ({ ...d, ratedVA: d.ratedVA ?? d.ratedW })))
  const capacityW = inventory.reduce((acc, e) => acc + e.rtgMaxW * (e.count ?? 1), 0)
  const fixed = { expLimW: config.site.fixedLimits.exportW, impLimW: config.site.fixedLimits.importW }
  let onScheduleChange = (_now: number): void => undefined
  const controls = createControlsService({ db, siteId: config.siteId, clock, fixed, capacityW, lfdi, postResponse: (href, xml) => postResponseOver(parts.sep2, href, xml), onChanged: (c) => onScheduleChange(c.now) })
  parts.controls = controls
  // handbook 11.2 / ALL-30: after the machine was off (power outage) the stored controls go; discovery has just
  // re-read every program, which is the re-poll the clause asks for.
  const start = checkStartReason(config.dataDirPath, options.boot, options.log)
  options.log(`start reason: ${start.reason} – ${start.why}`)
  controls.start(start.reason)
  start.record()
  controls.ingestPrograms(snapshotFromProgramViews(discovery.programs, clock.now()))
  parts.polling = startClientPolling({
    transport: parts.sep2,
    clock,
    discovery,
    onSnapshot: (programs) => controls.ingestPrograms(snapshotFromProgramViews(programs, clock.now())),
    onLinkState: (s) => (s.state === 'lost' ? controls.noteLinkLost(s.reason) : undefined),
    onChange: (c) => options.log(describeChange(c)),
  })
  const devices = await startDevices(parts, options)
  if (!devices.ok) return devices
  const { manager, inverters, batteries, meter } = devices.value
  const { base: limits, controller, setGradW } = createSiteLoop({ clock, controls, capacityW, fixed, samples: manager, inverters, batteries, limits: (base) => base })
  parts.controller = controller
  const identity = { lfdi, pen: config.site.pen, ...(config.site.nmi ? { nmi: config.site.nmi } : {}) }
  const reporting = startSiteReporting({ clock, db, siteId: config.siteId, poster: parts.sep2, discovery, identity, inventory, controllableLoad: batteries.length > 0, canDisconnect: canDisconnect(inverters), phases: meterPhases(meter), utcOffsetS: config.site.utcOffsetS, log: options.log, setGradW, ...(options.random ? { random: options.random } : {}) })
  parts.reporting = reporting
  // handbook 11.3 (ALL-28): a schedule change – a new DefaultDERControl setGradW included – rebuilds the ramps from
  // where they stand and re-reports DERSettings when its setGradW moved (ALL-13).
  onScheduleChange = (now) => {
    limits.refresh(now)
    reporting.scheduleChanged()
  }
  logReporting(reporting, options.log)
  manager.on('sample', (s) => reporting.addSample(s))
  controller.start()
  manager.start()
  const telemetry = reporting.telemetry
  every(parts, clock, STATUS_PERIOD_MS, () => options.onStatus(statusLine({ clock, controller, telemetry, polling: parts.polling, limits, last: parts.lastSample })))
  return ok({ controller, telemetry, manager, limits })
}

interface StartedDevices {
  manager: DeviceManager
  inverters: ControlledInverter[]
  batteries: ControlledBattery[]
  meter: ScannedDevice
}

async function scanAll(modbus: ModbusTransport, unitIds: readonly number[]): Promise<ScannedDevice[]> {
  const scans: ScannedDevice[] = []
  for (const unitId of unitIds) scans.push(await scanDevice(modbus, { unitId }))
  return scans
}

async function startDevices(parts: Parts, options: HeadlessRunOptions): Promise<Result<StartedDevices>> {
  const { config, clock } = options
  const modbus = createModbusTcpTransport({ host: config.devices.host, port: config.devices.port, clock, timeoutMs: MODBUS_TIMEOUT_MS })
  parts.modbus = modbus
  const meter = await scanDevice(modbus, { unitId: config.devices.meterUnit })
  const scans = await scanAll(modbus, config.devices.inverterUnits)
  const batteryScans = await scanAll(modbus, config.devices.batteryUnits)
  const inverters: ControlledInverter[] = scans.map((d) => ({
    id: `inverter-${d.unitId}`,
    ratedW: d.kind === 'sunspec' ? (d.ratings.WRtg ?? 0) : 0,
    target: d.kind === 'sunspec' && d.control.kind !== 'none' ? { transport: modbus, unitId: d.unitId, models: d.models } : undefined,
  }))
  const batteries: ControlledBattery[] = batteryScans.flatMap((d) =>
    d.kind === 'sunspec' ? [{ id: `battery-${d.unitId}`, ratedChargeW: d.ratings.WChaMax ?? 0, target: { transport: modbus, unitId: d.unitId, models: d.models } }] : [],
  )
  for (const i of inverters) options.log(`device: ${i.id} ${i.ratedW} W${i.target ? '' : ' (cannot be limited)'}`)
  for (const b of batteries) options.log(`device: ${b.id} charge ${b.ratedChargeW} W`)
  const manager = createDeviceManager({
    clock,
    devices: [
      managedDeviceFromScan(meter, modbus, { id: `site-meter-${meter.unitId}`, role: 'site-meter' }),
      ...scans.map((d) => managedDeviceFromScan(d, modbus, { id: `inverter-${d.unitId}`, role: 'inverter' })),
      ...batteryScans.map((d) => managedDeviceFromScan(d, modbus, { id: `battery-${d.unitId}`, role: 'battery' })),
    ],
  })
  parts.manager = manager
  manager.on('sample', (s) => {
    parts.lastSample = s
  })
  return ok({ manager, inverters, batteries, meter })
}

/** The run's log lines for what the reporting does (the app shows the same events in its Telemetry step). */
function logReporting(reporting: SiteReporting, log: (line: string) => void): void {
  reporting.telemetry.on('posted', (e) => log(`telemetry: posted ${e.readingKey} for ${new Date(e.intervalEndMs).toISOString()}`))
  reporting.telemetry.on('send-failed', (e) => log(`telemetry: send failed (${e.error.code}), ${e.depth} reading(s) buffered`))
  reporting.reporter?.on('put', (e) => log(`der: PUT ${e.resource} ${e.ok ? 'ok' : `failed ${e.error.code}`}`))
}

function meterPhases(meter: ScannedDevice): PhaseKey[] {
  const reading = meter.kind === 'sunspec' ? meter.meter : meter.meter
  const phases = (['A', 'B', 'C'] as const).filter((p) => reading?.phases[p].W !== undefined)
  return phases.length > 0 ? phases.map((p) => p.toLowerCase() as PhaseKey) : ['a']
}

function every(parts: Parts, clock: Clock, periodMs: number, fn: () => void): void {
  const tick = (): void => {
    if (parts.stopped) return
    fn()
    parts.timers.push(clock.setTimeout(tick, periodMs))
  }
  parts.timers.push(clock.setTimeout(tick, periodMs))
}

function lfdiFromConfig(config: LoadedRunConfig): string {
  const lfdi = lfdiOfChain(config.pem.chain)
  if (!lfdi) throw new Error('the certificate file holds no PEM certificate')
  return lfdi
}

/** One line: time, controller state, export limit, site and DER power, buffer depth, server link. */
export function statusLine(ctx: { clock: Clock; controller: SiteController; telemetry: TelemetryService; polling: ClientPolling | undefined; limits: { at(nowMs: number): { expLimW?: number } }; last: SiteSample | undefined }): string {
  const now = ctx.clock.now()
  const exp = ctx.limits.at(now).expLimW
  const siteW = ctx.last?.site?.total.W
  const derW = ctx.last?.der.W
  const link = ctx.polling?.link()
  const depth = ctx.telemetry.depth()
  return [
    new Date(now).toISOString().slice(11, 19),
    stateText(ctx.controller.state()),
    `exp limit ${exp === undefined ? 'none' : `${Math.round(exp)} W`}`,
    `site ${siteW === undefined ? '?' : `${Math.round(siteW)} W`}`,
    `DER ${derW === undefined ? '?' : `${Math.round(derW)} W`}`,
    `buffer ${depth.readings}`,
    `link ${link?.state ?? '?'}`,
  ].join(' | ')
}

function stateText(state: ControllerState): string {
  switch (state.kind) {
    case 'following':
      return 'following'
    case 'limited':
      return `limited (${state.binding.join(', ')})`
    case 'fail-safe':
      return `FAIL-SAFE (${faultTag(state.fault)})`
    case 'manual':
      return `manual (${state.reason})`
  }
}

async function stopParts(parts: Parts, clock: Clock): Promise<void> {
  parts.stopped = true
  for (const t of parts.timers) clock.clearTimeout(t)
  parts.controller?.stop()
  parts.manager?.stop()
  parts.reporting?.stop()
  parts.polling?.stop()
  parts.controls?.stop()
  await parts.controller?.idle()
  await parts.modbus?.close()
  await parts.sep2.close()
  parts.db?.close()
}
