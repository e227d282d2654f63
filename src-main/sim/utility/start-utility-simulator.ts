/**
 * The utility-server simulator (DESIGN.md "Simulators are product features"): the mutual-TLS core with the Annex D
 * resource tree, a scenario of programs and controls, the test PKI (generated when none is given), and faults on
 * demand (429 + Retry-After, 500/503, slow responses, reset, malformed XML, server down, a wrong clock).
 */
import { join } from 'node:path'
import type { Clock } from '../../../src-shared/clock'
import { sfdiFromLfdi } from '../../../src-shared/identity'
import { generateTestPki } from '../../pki'
import { startMutualTlsServer, type FaultMatch, type MutualTlsServer, type RecordedRequest, type ServerFault, type SimHandler, type SimRequest } from './core'
import { API, type SimDevice } from './documents'
import { createResourceTree, type MirroredReading, type ReceivedDocument, type TreeState } from './resource-tree'
import { ActionRunner, type FiredAction } from './scenario-actions'
import type { ImmediateActionInput } from './scenario-actions-schema'
import { DEFAULT_SCENARIO, loadScenario, parseScenario } from './scenario-loader'
import { alignedStart } from './scenario-runtime'
import type { Scenario, ScenarioInput } from './scenario-schema'
import { hasPkiFiles, readPkiFiles, type SimulatorPki } from './simulator-pki'

const DEFAULT_PIN = 111115

export interface UtilitySimulatorOptions {
  clock: Clock
  /** A generated test PKI, or one read back with readPkiFiles. Default: the one in `pkiDir`, else a new one. */
  pki?: SimulatorPki
  /** A PKI folder: reused when it already holds one (so its files stay valid across runs), else written there. */
  pkiDir?: string
  port?: number
  /** A built-in name, a JSON file path, or a scenario object (validated; the simulator works on its own copy). */
  scenario?: string | ScenarioInput
  /** Extra generated EndDevices visible to the first device's certificate (a cloud proxy's sites). */
  endDeviceCount?: number
  /** More EndDevices for the first device's certificate, e.g. a site's virtual LFDI (handbook 9.1.2). */
  extraDevices?: { lfdi: string; sfdi?: number; id?: string }[]
  /** Registration pIN for every device (default: the scenario's, else 111115). */
  pin?: number
  /** Cap on entries per list page, whatever the client asks (real servers may page in smaller pieces). */
  pageLimit?: number
  /** Called once a mirrored reading is stored, before its 201 is sent. */
  onReading?: (reading: MirroredReading) => void
  /** Start with the PKI devices not registered yet (cactus init phase, issue 20): `register()` adds them later. */
  unregistered?: boolean
  /** Accept POST /edev from a client that registers itself (cactus ALL-02/03); default off, as in Queensland. */
  inBandRegistration?: boolean
  /** Refuse what the reference server refuses (default: the scenario's `referenceStrict`, else false). */
  referenceStrict?: boolean
  /** Also offer TLS 1.3 (default: the scenario's `tls13`, else TLS 1.2 only, as IEEE 2030.5 servers speak). */
  tls13?: boolean
  /** Called with every exchange once answered (the recording, as it happens: e.g. `sim server --record`). */
  onExchange?: (exchange: RecordedRequest) => void
  /**
   * Called with every request before it is served, and awaited: what it changes (e.g. a conformance procedure's
   * actions on a "request received" event) is what this very request sees.
   */
  beforeServe?: (req: SimRequest) => Promise<void> | void
}

export interface SimulatorFiles {
  deviceCert: string
  deviceChain: string
  deviceKey: string
  serca: string
  serverCert: string
}

export interface UtilitySimulator {
  url: string
  dcapUrl: string
  pki: SimulatorPki
  /** Paths of the PEM files, when the PKI lives in a folder. */
  files: SimulatorFiles | null
  scenario: Scenario
  /** The scenario's time zero (Unix ms, 5-minute aligned). */
  startMs: number
  devices: readonly SimDevice[]
  pin: number
  /**
   * Every request handled and its response (method, path, status, request and response bodies and headers, times on
   * the server clock), in arrival order: the recording checks are evaluated on.
   */
  requests: readonly RecordedRequest[]
  received: readonly ReceivedDocument[]
  /** Apply a scenario action now (the same actions a scenario times); resolves with what it did. */
  act(action: ImmediateActionInput): Promise<FiredAction>
  /** The scenario actions applied so far (timed, triggered or by `act`). */
  readonly firedActions: readonly FiredAction[]
  /** Mirrored readings by identity (MirrorMeterReading mRID + interval): a re-post updates one, it never adds one. */
  mirroredReadings(): MirroredReading[]
  /** POSTs of a reading the server already had (the same mRID and interval again). */
  readonly readingReposts: number
  readonly handshakes: number
  faults: {
    set(fault: ServerFault, match?: FaultMatch): void
    clear(): void
    /** Serve Time this far off the real clock (handbook Annex C: a client must notice over a minute). */
    clockOffset(ms: number): void
    down(): Promise<void>
    up(): Promise<void>
  }
  waitForRequests(count: number): Promise<void>
  /** The utility registers the devices held back by `unregistered` (out of band, handbook 9). */
  register(): void
  close(): Promise<void>
}

export async function startUtilitySimulator(options: UtilitySimulatorOptions): Promise<UtilitySimulator> {
  // Actions change the scenario as they fire: the simulator works on its own copy.
  const scenario = typeof options.scenario === 'object' ? parseScenario(structuredClone(options.scenario), options.scenario.name) : loadScenario(options.scenario ?? DEFAULT_SCENARIO)
  const pki = options.pki ?? (await pkiFor(options))
  const pin = options.pin ?? scenario.pin ?? DEFAULT_PIN
  const all = simDevices({ pki, scenario, options, pin, now: options.clock.now() })
  const state: TreeState = {
    clock: options.clock,
    scenario,
    startMs: alignedStart(options.clock.now()),
    devices: options.unregistered ? [] : [...all],
    clockOffsetMs: 0,
    received: [],
    stored: new Map(),
    nextId: 1,
    pageLimit: options.pageLimit,
    readings: new Map(),
    meterReadings: new Map(),
    onReading: options.onReading,
    inBandRegistration: options.inBandRegistration ?? scenario.inBandRegistration ?? false,
    referenceStrict: options.referenceStrict ?? scenario.referenceStrict ?? false,
    defaultPin: pin,
    pollRates: {},
  }
  const tree = createResourceTree(state)
  // The outage action switches the server started below.
  const link: { server?: MutualTlsServer } = {}
  const outage = { down: async () => link.server?.down(), up: async () => link.server?.up() }
  const runner = new ActionRunner({ state, pin, pkiLfdis: pki.devices.map((d) => d.lfdi.toUpperCase()), ...outage }, scenario.actions)
  const handler: SimHandler = async (req) => {
    await options.beforeServe?.(req)
    const response = await tree(req)
    // Not awaited: an outage it triggers must not cut off the answer to the request that triggered it.
    void runner.afterRequest(req.method, req.path)
    return response
  }
  const server = await startMutualTlsServer({
    serverCert: pki.server.chainPem,
    serverKey: pki.server.keyPem,
    caCerts: [pki.sercaPem, pki.micaPem],
    port: options.port,
    handler,
    clock: options.clock,
    tls: { maxVersion: (options.tls13 ?? scenario.tls13) === true ? 'TLSv1.3' : 'TLSv1.2' },
    ...(options.onExchange ? { onExchange: options.onExchange } : {}),
  })
  link.server = server
  const register = (): void => {
    for (const d of all) if (!state.devices.some((x) => x.id === d.id)) state.devices.push({ ...d, registeredAt: options.clock.now() })
  }
  return handle({ server, state, pki, pin, runner, register, files: options.pkiDir && !options.pki ? filesIn(options.pkiDir) : null })
}

function handle(ctx: { server: MutualTlsServer; state: TreeState; pki: SimulatorPki; pin: number; runner: ActionRunner; register: () => void; files: SimulatorFiles | null }): UtilitySimulator {
  const { server, state, runner } = ctx
  return {
    url: server.url,
    dcapUrl: `${server.url}${API}/dcap`,
    pki: ctx.pki,
    files: ctx.files,
    scenario: state.scenario,
    startMs: state.startMs,
    devices: state.devices,
    pin: ctx.pin,
    requests: server.requests,
    received: state.received,
    act: (action) => runner.act(action),
    firedActions: runner.fired,
    mirroredReadings: () => [...state.readings.values()],
    get readingReposts() {
      let reposts = 0
      for (const r of state.readings.values()) reposts += r.posts - 1
      return reposts
    },
    get handshakes() {
      return server.handshakes
    },
    faults: {
      set: (fault, match) => server.setFault(fault, match),
      clear: () => server.clearFaults(),
      clockOffset: (ms) => (state.clockOffsetMs = ms),
      down: () => server.down(),
      up: () => server.up(),
    },
    waitForRequests: (count) => server.waitForRequests(count),
    register: ctx.register,
    close: async () => {
      runner.stop()
      await server.close()
    },
  }
}

async function pkiFor(options: UtilitySimulatorOptions): Promise<SimulatorPki> {
  if (options.pkiDir && hasPkiFiles(options.pkiDir)) return readPkiFiles(options.pkiDir)
  return generateTestPki({ now: new Date(options.clock.now()), dir: options.pkiDir })
}

function filesIn(dir: string): SimulatorFiles {
  return {
    deviceCert: join(dir, 'device-1.pem'),
    deviceChain: join(dir, 'device-1.chain.pem'),
    deviceKey: join(dir, 'device-1.key.pem'),
    serca: join(dir, 'serca.pem'),
    serverCert: join(dir, 'server.pem'),
  }
}

/** Each PKI device sees itself; the first one (a gateway or cloud proxy) also sees the extra and generated devices. */
function simDevices(ctx: { pki: SimulatorPki; scenario: Scenario; options: UtilitySimulatorOptions; pin: number; now: number }): SimDevice[] {
  const registeredAt = ctx.now - 86_400_000
  // An unregistered scenario starts with no EndDevice for the client certificates (register-end-device adds them).
  const pkiDevices = ctx.scenario.unregistered ? [] : ctx.pki.devices
  const devices: SimDevice[] = pkiDevices.map((d, i) => ({ id: `_SIMDEV${i + 1}`, lfdi: d.lfdi.toUpperCase(), sfdi: Number(d.sfdi), pin: ctx.pin, owner: d.lfdi.toUpperCase(), registeredAt }))
  const owner = ctx.pki.devices[0]?.lfdi.toUpperCase() ?? ''
  const add = (id: string, lfdi: string, sfdi: number): void => {
    devices.push({ id, lfdi: lfdi.toUpperCase(), sfdi, pin: ctx.pin, owner, registeredAt })
  }
  for (const d of ctx.scenario.extraDevices) add(d.id, d.lfdi, d.sfdi)
  ;(ctx.options.extraDevices ?? []).forEach((d, i) => add(d.id ?? `_SITE${i + 1}`, d.lfdi, d.sfdi ?? Number(sfdiFromLfdi(d.lfdi))))
  for (let i = 1; i <= (ctx.options.endDeviceCount ?? 0); i++) {
    const lfdi = `${i.toString(16).toUpperCase().padStart(8, '0')}${'AB'.repeat(12)}00057269`
    add(`_GEN${i}`, lfdi, Number(sfdiFromLfdi(lfdi)))
  }
  return devices
}
