import { commands, isCommandName, type CommandName, type CommandResult, type EngineEvent } from '../../src-shared/api'
import type { ResumeResult } from '../../src-shared/contract/core'
import { fail, ok, type Result } from '../../src-shared/result'
import type { Clock } from '../../src-shared/clock'
import { AppError } from '../errors'
import { openDatabase, type Db } from '../storage/database'
import { createSitesRepo } from '../storage/sites-repo'
import { createWizardRepo } from '../storage/wizard-repo'
import { createCertificatesRepo } from '../storage/certificates-repo'
import { createDevicesRepo } from '../storage/devices-repo'
import { createSamplesRepo } from '../storage/samples-repo'
import { createExchangeLogRepo, createServerStateRepo } from '../storage/exchange-log-repo'
import { createServerChecksRepo } from '../storage/server-checks-repo'
import { createCtChecksRepo } from '../storage/ct-checks-repo'
import { createResumeStateRepo } from '../storage/resume-state-repo'
import { EventBus } from './event-bus'
import { createSystemClock } from './system-clock'
import type { Handler, Handlers } from './handlers'
import { appHandlers } from './features/app'
import { siteHandlers } from './features/sites'
import { certificateHandlers } from './features/certificates'
import { deviceHandlers } from './features/devices'
import { createDeviceRuntime } from './features/devices-runtime'
import { demoHandlers } from './features/demo'
import { createServerRuntime, serverHandlers } from './features/server'
import { createLimitsRuntime, limitsHandlers } from './features/limits'
import { createSiteRuntime } from './features/site/site-runtime'
import { verificationHandlers } from './features/verification'
import { reportHandlers } from './features/report'
import { createPdfPrinter } from '../report/render-pdf'
import { telemetryHandlers } from './features/telemetry'
import { createReportsRepo } from '../storage/reports-repo'
import { createRunsRepo } from '../storage/runs-repo'
import type { DemoPkiFiles } from '../demo/demo-pki'
import { checkStartReason } from './boot-facts'
import type { BootFacts } from '../../src-shared/controls/start-reason'
import { createEngineKeys, type HostDialogs, type PrintToPdf, type SecretBoxFactory } from './host-capabilities'

export interface EngineConfig {
  /** The app's data folder: database, encrypted keys. */
  dataDir: string
  host: 'electron' | 'web' | 'cli'
  version?: string
  clock?: Clock
  /** How keys are encrypted at rest. Electron passes a safeStorage-backed box; otherwise a local key file is used. */
  secretBox?: SecretBoxFactory
  /** Native dialogs (Electron only). */
  dialogs?: HostDialogs
  /** PDF printing by the host (Electron); otherwise headless Chromium (CHROMIUM_PATH or /usr/bin/chromium). */
  printToPdf?: PrintToPdf
  /** Demo mode (APP-6): the practice PKI's files. */
  demo?: DemoPkiFiles
  /** Extra SERCA trust anchors (PEM) beyond those in the data folder. */
  trustAnchorsPem?: string[]
  /**
   * handbook 11.2 / ALL-30: 'power-outage' discards stored controls and re-polls; 'restart' continues. Default: told
   * from the machine's boot against the one recorded at the last start in this data folder (engine/boot-facts.ts).
   */
  startReason?: 'restart' | 'power-outage'
  /** The machine's current boot (tests); default read from the machine. */
  boot?: BootFacts
  log?: (line: string) => void
  /** Uniform [0, 1) draws (the handbook 13.1 telemetry post offset); default Math.random. Tests pass their own. */
  random?: () => number
}

export interface Engine {
  invoke(command: string, input: unknown): Promise<Result<unknown>>
  subscribe(listener: (event: EngineEvent) => void): () => void
  close(): Promise<void>
  readonly db: Db
  readonly config: EngineConfig
}

export type EngineContext = ReturnType<typeof createContext>

function createContext(config: EngineConfig) {
  const clock = config.clock ?? createSystemClock()
  const now = () => clock.now()
  const db = openDatabase(config.dataDir)
  const bus = new EventBus()
  const keys = createEngineKeys(config, () => new Date(clock.now()))
  return {
    config,
    clock,
    db,
    bus,
    keys,
    sites: createSitesRepo(db, now),
    wizard: createWizardRepo(db, now),
    certificates: createCertificatesRepo(db, now),
    devices: createDevicesRepo(db, now),
    samples: createSamplesRepo(db),
    /** Device transports, the built-in simulator and the sampling session; stopped on close. */
    deviceRuntime: createDeviceRuntime({ clock }),
    exchangeLog: createExchangeLogRepo(db),
    serverState: createServerStateRepo(db, now),
    /** The facts of every discovery walk (issue 17 item 1); the report's server verdict comes from the latest. */
    serverChecks: createServerChecksRepo(db),
    /** The last conclusive CT check per site (issue 17 item 6), for the report. */
    ctChecks: createCtChecksRepo(db),
    /** Whether live readings were running per site, for site.resume (issue 17 item 6). */
    resumeState: createResumeStateRepo(db, now),
    /** Utility-server connections, polling and simulators; stopped on close. */
    server: createServerRuntime(),
    log: config.log ?? (() => {}),
  }
}

/** handbook 11.2: a start after the machine was off (a power outage) is not an ordinary restart. */
function startReasonOf(config: EngineConfig, log: (line: string) => void): { reason: 'restart' | 'power-outage'; record: () => void } {
  if (config.startReason !== undefined) return { reason: config.startReason, record: () => undefined }
  const check = checkStartReason(config.dataDir, config.boot, log)
  log(`start reason: ${check.reason} – ${check.why}`)
  return check
}

/** The engine behind both hosts: validates every command's input, runs its handler, never throws across the boundary. */
export function createEngine(config: EngineConfig): Engine {
  const ctx = createContext(config)
  const start = startReasonOf(config, ctx.log)
  const limits = createLimitsRuntime(ctx, { startReason: start.reason })
  const repolls = new Set<Promise<unknown>>()
  // handbook 11.2: after a power outage every program is re-polled: a site that was connected walks its server again.
  limits.onRepoll((siteId) => {
    if (!ctx.serverState.get(siteId).result?.ok) return
    const walk = Promise.resolve().then(() => invoke('server.connect', { siteId }))
    repolls.add(walk)
    void walk.finally(() => repolls.delete(walk))
  })
  limits.startAll()
  // The stored controls are discarded now (power outage): only from here is this boot's start on record.
  start.record()
  const runs = createRunsRepo(ctx.db)
  // A run the app was recording when it stopped cannot be resumed: record that it was cut short (REL-2).
  runs.closeInterrupted(ctx.clock.now())
  const site = createSiteRuntime(ctx, { limits, runs })
  // Started by the first PDF export, kept for the next ones, ended on close.
  const printer = createPdfPrinter({ env: process.env })
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...siteHandlers(ctx),
    ...certificateHandlers(ctx),
    ...deviceHandlers(ctx),
    ...demoHandlers(ctx),
    ...serverHandlers(ctx),
    ...limitsHandlers(ctx, limits),
    ...verificationHandlers(ctx, { site, runs }),
    ...reportHandlers(ctx, { reports: createReportsRepo(ctx.db), printer }),
    ...telemetryHandlers(ctx, { site }),
    'site.resume': ({ siteId }) => resume(siteId),
  }

  /**
   * The open site picks up where the app stopped (issue 17 item 6): live readings if they were running, the utility
   * connection if its last walk succeeded and no connection is open. Each part that fails stays off with its reason.
   */
  async function resume(siteId: string): Promise<ResumeResult> {
    ctx.sites.get(siteId)
    const sampling = await resumeSampling(siteId)
    const reconnect = ctx.serverState.get(siteId).result?.ok === true && !ctx.server.sessions.has(siteId)
    const server = reconnect ? await invoke('server.connect', { siteId }) : undefined
    return { sampling, server: server === undefined ? 'not-needed' : server.ok && (server.value as { ok: boolean }).ok ? 'reconnected' : 'failed' }
  }

  async function resumeSampling(siteId: string): Promise<ResumeResult['sampling']> {
    if (!ctx.resumeState.wasSampling(siteId)) return 'not-needed'
    const status = await invoke('devices.sampling', { siteId })
    if (status.ok && (status.value as { state: string }).state === 'running') return 'not-needed'
    const started = await invoke('devices.startSampling', { siteId })
    return started.ok ? 'resumed' : 'failed'
  }

  async function invoke(name: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isCommandName(name)) return fail('API_UNKNOWN_COMMAND', `Unknown command: ${String(name).slice(0, 80)}`)
    const parsed = commands[name].input.safeParse(rawInput ?? {})
    if (!parsed.success) return fail('API_BAD_INPUT', describeIssues(parsed.error.issues))
    try {
      const handler = handlers[name] as Handler<CommandName>
      return ok(await handler(parsed.data as never))
    } catch (error) {
      return toFailure(name, error, ctx.log)
    }
  }

  return {
    invoke: invoke as Engine['invoke'],
    subscribe: (listener) => ctx.bus.subscribe(listener),
    async close() {
      // The sampling session flushes its last samples to the database, so it stops first.
      site.stop()
      await ctx.deviceRuntime.close()
      await Promise.allSettled([...repolls])
      limits.close()
      await ctx.server.close()
      await printer.close()
      ctx.db.close()
    },
    db: ctx.db,
    config,
  }
}

export type TypedInvoke = <K extends CommandName>(command: K, input: unknown) => Promise<CommandResult<K>>

function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ')
}

function toFailure(command: string, error: unknown, log: (line: string) => void) {
  if (error instanceof AppError) return fail(error.code, error.describe())
  // A bug, not an expected failure: log it in full, give the installer a stable code.
  log(`[engine] ${command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return fail('INTERNAL', `Internal error in ${command}: ${error instanceof Error ? error.message : String(error)}`)
}
