/**
 * A hostile IEEE 2030.5 server: the utility simulator's mutual-TLS core and Annex D resource tree (src-main/sim/utility)
 * with the practice PKI (src-main/pki), plus per-path overrides that serve what no utility should – raw XML with bad
 * values, entity bombs, huge or slow bodies, redirects, loops. Binds 127.0.0.1 on a free port.
 */
import { join } from 'node:path'
import { createSystemClock } from '../../src-main/engine/system-clock'
import { generateTestPki } from '../../src-main/pki'
import { startMutualTlsServer, type FaultMatch, type RecordedRequest, type ServerFault, type SimRequest, type SimResponse } from '../../src-main/sim/utility/core'
import { API } from '../../src-main/sim/utility/documents'
import { createResourceTree, type ReceivedDocument, type TreeState } from '../../src-main/sim/utility/resource-tree'
import { parseScenario } from '../../src-main/sim/utility/scenario-loader'
import { alignedStart } from '../../src-main/sim/utility/scenario-runtime'
import { readPkiFiles } from '../../src-main/sim/utility/simulator-pki'

export type Override = (req: SimRequest, normal: () => Promise<SimResponse>) => SimResponse | Promise<SimResponse>

export interface HostileServer {
  url: string
  dcapUrl: string
  /** PEM files for the client: chain, key, the SERCA to trust. */
  files: { chain: string; key: string; serca: string; dir: string }
  lfdi: string
  /** The server's record of every request (method, path, time, status, fault). */
  requests: readonly RecordedRequest[]
  received: readonly ReceivedDocument[]
  /** Serve `respond` for GET/PUT/POST on paths matching `path` (first match wins). */
  override(path: string | RegExp, respond: Override): void
  setFault(fault: ServerFault, match?: FaultMatch): void
  /** Paths the client asked for (GET), in order. */
  paths(method?: string): string[]
  close(): Promise<void>
}

export const PROGRAM = 'PROG-A'
export const DDERC_PATH = `${API}/derp/${PROGRAM}/dderc`
export const DERC_LIST_PATH = `${API}/derp/${PROGRAM}/derc`
export const DCAP_PATH = `${API}/dcap`
/** The valid default export limit the scenario serves. */
export const DEFAULT_EXPORT_W = 3000
/** The connection agreement's fixed export limit the suite gives `limits` and `run`. */
export const FIXED_EXPORT_W = 1500

/** One program with a valid default (export 3 kW, import 4 kW) and one event an hour ahead (export 2 kW). */
export function baseScenario(extra: { controls?: unknown[] } = {}) {
  return parseScenario(
    {
      name: 'faults',
      description: 'Fault suite base scenario',
      pin: 111115,
      programs: [
        {
          id: PROGRAM,
          description: 'Program A',
          primacy: 1,
          default: { modes: { opModExpLimW: DEFAULT_EXPORT_W, opModImpLimW: 4000 } },
          controls: extra.controls ?? [{ startS: 3600, durationS: 600, modes: { opModExpLimW: 2000 } }],
        },
      ],
    },
    'fault suite',
  )
}

export async function startHostileServer(o: { dir: string; scenario?: ReturnType<typeof baseScenario> }): Promise<HostileServer> {
  const clock = createSystemClock()
  const pkiDir = join(o.dir, 'pki')
  await generateTestPki({ now: new Date(), dir: pkiDir })
  const pki = await readPkiFiles(pkiDir)
  const device = pki.devices[0]
  if (!device) throw new Error('the practice PKI has no device')
  const lfdi = device.lfdi.toUpperCase()
  const scenario = o.scenario ?? baseScenario()
  const state: TreeState = {
    clock,
    scenario,
    startMs: alignedStart(clock.now()),
    devices: [{ id: '_SIMDEV1', lfdi, sfdi: Number(device.sfdi), pin: scenario.pin ?? 111115, owner: lfdi, registeredAt: clock.now() - 86_400_000 }],
    clockOffsetMs: 0,
    received: [],
    stored: new Map(),
    readings: new Map(),
    meterReadings: new Map(),
    nextId: 1,
  }
  const tree = createResourceTree(state)
  const overrides: Array<{ path: string | RegExp; respond: Override }> = []
  const server = await startMutualTlsServer({
    serverCert: pki.server.chainPem,
    serverKey: pki.server.keyPem,
    caCerts: [pki.sercaPem, pki.micaPem],
    clock,
    handler: async (req) => {
      const hit = overrides.find((x) => (typeof x.path === 'string' ? x.path === req.path : x.path.test(req.path)))
      return hit ? hit.respond(req, () => tree(req)) : tree(req)
    },
  })
  return {
    url: server.url,
    dcapUrl: `${server.url}${DCAP_PATH}`,
    files: { chain: join(pkiDir, 'device-1.chain.pem'), key: join(pkiDir, 'device-1.key.pem'), serca: join(pkiDir, 'serca.pem'), dir: pkiDir },
    lfdi,
    requests: server.requests,
    received: state.received,
    override: (path, respond) => overrides.push({ path, respond }),
    setFault: (fault, match) => server.setFault(fault, match),
    paths: (method = 'GET') => server.requests.filter((r) => r.method === method).map((r) => r.path),
    close: () => server.close(),
  }
}

/** The normal document at this path with `edit` applied to its XML text. */
export function edited(edit: (xml: string) => string): Override {
  return async (_req, normal) => {
    const r = await normal()
    return { ...r, body: edit(r.body ?? '') }
  }
}

export const connectArgs = (s: HostileServer): string[] => ['--dcap', s.dcapUrl, '--cert', s.files.chain, '--key', s.files.key, '--ca', s.files.serca]
