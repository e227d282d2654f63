/**
 * `sep2-commissioner run --config <file> | --demo [--duration S]`: the engine headless (issue 6 part 5) – the utility
 * server (discovery, polling, controls, responses), the devices over Modbus TCP, the site controller, 5-minute
 * telemetry and DER status – with a one-line status every few seconds, until interrupted.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Clock } from '../../../src-shared/clock'
import type { TelemetryPoint, TelemetryStatus } from '../../../src-shared/contract/telemetry'
import { createEngine, type TypedInvoke } from '../../engine/create-engine'
import { defaultDataDir } from '../../engine/data-dir'
import { createSystemClock } from '../../engine/system-clock'
import { AppError } from '../../errors'
import { DEMO_PV_AVAILABILITY } from '../../demo/demo-site'
import { startDemoSimulators, type DemoSimulators } from '../../site/demo-run'
import { startHeadlessRun, STATUS_PERIOD_MS } from '../../site/headless-run'
import { runConfigSchema, type LoadedRunConfig } from '../../site/run-config'
import { CliUsageError, type CliCommand, type CliIo } from '../types'

const DEFAULT_DATA_DIR = 'sep2-run-data'

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new AppError('CLI_FILE_UNREADABLE', `Cannot read the ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`, { hint: 'Check the path (relative paths in the config are relative to the config file).' })
  }
}

/** Reads and checks the config file, then the PEM files it names (relative to the config file). */
export function loadRunConfig(path: string): LoadedRunConfig {
  let json: unknown
  try {
    json = JSON.parse(readText(path, 'config file'))
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new CliUsageError(`The config file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = runConfigSchema.safeParse(json)
  if (!parsed.success) throw new CliUsageError(`The config file ${path} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const base = dirname(path)
  const at = (p: string) => resolve(base, p)
  const c = parsed.data
  return {
    ...c,
    pem: { chain: readText(at(c.server.cert), 'certificate file'), key: readText(at(c.server.key), 'key file'), anchors: c.server.ca.map((f) => readText(at(f), 'trust anchor file')) },
    dataDirPath: at(c.dataDir ?? DEFAULT_DATA_DIR),
  }
}

function untilStopped(io: CliIo, clock: Clock, durationS: number | undefined): Promise<void> {
  return new Promise((done) => {
    if (io.signal.aborted) return done()
    const timer = durationS === undefined ? undefined : clock.setTimeout(done, durationS * 1000)
    io.signal.addEventListener('abort', () => {
      if (timer !== undefined) clock.clearTimeout(timer)
      done()
    }, { once: true })
  })
}

function parseDuration(value: unknown): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (typeof value !== 'string' || !Number.isFinite(n) || n <= 0) throw new CliUsageError('--duration is a number of seconds.')
  return n
}

/** `--pv <0..1>`: the simulated PV availability of `run --demo` (default the app's demo PV, DEMO_PV_AVAILABILITY). */
export function parsePv(value: unknown): number | undefined {
  if (value === undefined) return undefined
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new CliUsageError(`--pv is the PV availability from 0 to 1 (e.g. 0.7 for 70 % of the inverters' rating), not "${String(value)}".`)
  return n
}

export const runCommand: CliCommand = {
  name: 'run',
  lifetime: 'service',
  summary: 'Run the engine headless: server, devices, site controller and telemetry, with a status line',
  usage: '--site <id> [--data-dir <dir>] | --config <file> | --demo [--pv 0..1] [--duration S] [--verbose]',
  options: {
    config: { type: 'string', description: 'Run configuration (JSON): server, certificate files, site, devices' },
    site: { type: 'string', description: "A site saved in the app's data folder: its server settings, certificate and devices" },
    'data-dir': { type: 'string', description: 'The app data folder for --site (default: SEP2_DATA_DIR or the per-user folder)' },
    demo: { type: 'boolean', description: "Start the device and utility-server simulators and run against them (the app's demo PV)" },
    pv: { type: 'string', description: `With --demo: the simulated PV availability, 0..1 of the inverters' rating (default ${DEMO_PV_AVAILABILITY}, as in the app)` },
    duration: { type: 'string', description: 'Stop after this many seconds (default: until Ctrl+C)' },
    verbose: { type: 'boolean', description: 'Also print every telemetry post and DER PUT' },
  },
  async run(input, io) {
    const configPath = input.values.config
    const pv = parsePv(input.values.pv)
    if (pv !== undefined && input.values.demo !== true) throw new CliUsageError('--pv goes with --demo only: it sets the simulated PV.')
    if (typeof input.values.site === 'string') {
      if (typeof configPath === 'string' || input.values.demo === true) throw new CliUsageError('Give one of --site <id>, --config <file> or --demo.')
      const dataDir = typeof input.values['data-dir'] === 'string' ? resolve(io.cwd, input.values['data-dir']) : defaultDataDir(io.env)
      return runStoredSite({ siteId: input.values.site, dataDir, io, durationS: parseDuration(input.values.duration), verbose: input.values.verbose === true })
    }
    if ((typeof configPath === 'string') === (input.values.demo === true)) throw new CliUsageError('Give either --config <file> or --demo.')
    const durationS = parseDuration(input.values.duration)
    const clock = createSystemClock()
    let demo: DemoSimulators | undefined
    const scenario = pv === undefined ? {} : { scenario: { pvAvailability: pv } }
    const config = typeof configPath === 'string' ? loadRunConfig(resolve(io.cwd, configPath)) : (demo = await startDemoSimulators({ clock, ...scenario })).config
    if (demo) io.info(`Demo: device simulator on 127.0.0.1:${demo.config.devices.port}, utility simulator at ${demo.utility.dcapUrl}`)
    const verbose = input.values.verbose === true
    const started = await startHeadlessRun({
      config,
      clock,
      signal: io.signal,
      onStatus: (line) => io.info(line),
      log: (line) => (verbose || /failed|dropped|FAIL|post rate|refused/.test(line) ? io.info(line) : undefined),
    })
    if (!started.ok) {
      await demo?.close()
      io.print(started.error.message, { ok: false, error: started.error })
      return 1
    }
    io.info(`Running site ${config.siteId} (Ctrl+C to stop).`)
    await untilStopped(io, clock, durationS)
    const state = started.value.controller.state()
    const depth = started.value.telemetry.depth()
    await started.value.stop()
    await demo?.close()
    io.print(`Stopped. Controller ${state.kind}; ${depth.readings} reading(s) left in the buffer.`, { ok: true, controller: state.kind, buffered: depth.readings })
    return 0
  },
}

/**
 * `run --site <id>`: the app's own engine on its data folder, for a site set up in the app – connect to the site's
 * utility server (its stored settings, certificate and key), read its stored devices, run the site controller and
 * telemetry – with the same one-line status as `--config`.
 */
export async function runStoredSite(o: { siteId: string; dataDir: string; io: CliIo; durationS: number | undefined; verbose: boolean; clock?: Clock }): Promise<number> {
  const { siteId, io } = o
  const clock = o.clock ?? createSystemClock()
  const engine = createEngine({ dataDir: o.dataDir, host: 'cli', clock, log: (line) => io.info(line) })
  const invoke = engine.invoke as TypedInvoke
  let last: TelemetryPoint | undefined
  let status: TelemetryStatus | undefined
  const unsubscribe = engine.subscribe((e) => {
    if (e.event === 'telemetry.points' && e.payload.siteId === siteId) last = e.payload.points.at(-1) ?? last
    if (e.event !== 'telemetry.changed' || e.payload.siteId !== siteId) return
    const newest = e.payload.status.recent[0]
    if (o.verbose && newest && newest !== status?.recent[0]) io.info(`telemetry: ${newest.readingKey} for ${new Date(newest.intervalEndMs).toISOString()}: ${newest.answer}`)
    status = e.payload.status
  })
  try {
    const started = await startStoredSite(invoke, siteId)
    if (!started.ok) {
      io.print(started.message, { ok: false, error: { code: started.code, message: started.message } })
      return 1
    }
    status = started.status
    io.info(`Running site ${siteId} from ${o.dataDir} (Ctrl+C to stop).`)
    const stopStatus = every(clock, STATUS_PERIOD_MS, () => io.info(storedSiteStatusLine(clock.now(), status, last)))
    await untilStopped(io, clock, o.durationS)
    stopStatus()
    io.print(`Stopped. Controller ${status?.controller?.kind ?? 'not running'}; ${status?.buffer.readings ?? 0} reading(s) left in the buffer.`, { ok: true, controller: status?.controller?.kind ?? null, buffered: status?.buffer.readings ?? 0 })
    return 0
  } finally {
    unsubscribe()
    await engine.close()
  }
}

function every(clock: Clock, periodMs: number, fn: () => void): () => void {
  let timer = clock.setTimeout(function tick() {
    fn()
    timer = clock.setTimeout(tick, periodMs)
  }, periodMs)
  return () => clock.clearTimeout(timer)
}

type StoredSiteStart = { ok: true; status: TelemetryStatus } | { ok: false; code: string; message: string }

async function startStoredSite(invoke: TypedInvoke, siteId: string): Promise<StoredSiteStart> {
  const discovery = await invoke('server.connect', { siteId })
  if (!discovery.ok) return { ok: false, ...discovery.error }
  if (!discovery.value.ok) return { ok: false, code: 'RUN_DISCOVERY', message: `The utility server walk stopped at ${discovery.value.stoppedAt ?? 'a failed step'}: open the Utility server step in the app for the details.` }
  const sampling = await invoke('devices.startSampling', { siteId })
  if (!sampling.ok) return { ok: false, ...sampling.error }
  const status = await invoke('telemetry.start', { siteId })
  if (!status.ok) return { ok: false, ...status.error }
  return { ok: true, status: status.value }
}

/** One line: time, controller state, export limit, site and DER power, buffer depth, reporting. */
export function storedSiteStatusLine(now: number, status: TelemetryStatus | undefined, last: TelemetryPoint | undefined): string {
  const w = (v: number | null | undefined): string => (v === null || v === undefined ? '?' : `${Math.round(v)} W`)
  return [
    new Date(now).toISOString().slice(11, 19),
    status?.controller?.text ?? 'controller not running',
    `exp limit ${last?.exportLimitW === null ? 'none' : w(last?.exportLimitW)}`,
    `site ${w(last?.siteW.total)}`,
    `DER ${w(last?.derW)}`,
    `buffer ${status?.buffer.readings ?? 0}`,
    status?.link.state === 'reporting' ? `reporting every ${status.link.postRateS} s` : (status?.link.state ?? 'not live'),
  ].join(' | ')
}
