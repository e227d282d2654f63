/**
 * Issue 15, the server misbehaving at the HTTP level (items 1, 3, 5): 429 + Retry-After, 500/503, dropped
 * connections, redirects, XXE and entity bombs, a 50 MB body, a slow body, href loops, `all` = 10^9. Expected: no
 * silent death, retries per handbook 13.2 (Retry-After honoured, bounded), a clear message with a code, an exit code
 * that says whether the retries ran out, bounded memory and requests, and never a wrong effective limit.
 */
import type { RecordedRequest, ServerFault } from '../../src-main/sim/utility/core'
import { judge, type FaultCase } from '../lib/case'
import { DCAP_PATH, DEFAULT_EXPORT_W, DERC_LIST_PATH, FIXED_EXPORT_W, type HostileServer, type Override } from '../lib/hostile-server'
import { died, tail } from '../lib/processes'
import { against, runCommand, saidWhy, summary, type Observed } from './server-common'

const EDEV_LIST = '/api/v2/edev'
/** handbook 13.2 retries are bounded: no endless hammering of a failing resource within one command. */
const MAX_ATTEMPTS = 10
/** Memory a `limits` run may peak at, whatever the server sends (the issue saw 1.18 GB for 50 MB). */
const MAX_PEAK_MB = 400

const count = (s: HostileServer, path: string) => s.requests.filter((r) => r.path === path).length
const times = (s: HostileServer, path: string): RecordedRequest[] => s.requests.filter((r) => r.path === path)

/** The right answer once the server recovers: the valid default (3 kW) as the effective export limit, exit 0. */
function recovered(o: Observed): Array<[boolean, string]> {
  const death = died(o.run)
  return [
    [!death, death ?? ''],
    [o.run.code === 0, `exit ${o.run.code}, expected 0 (the retries should get through)`],
    [o.exportW === DEFAULT_EXPORT_W, `effective export limit ${JSON.stringify(o.exportW)}, expected ${DEFAULT_EXPORT_W}`],
  ]
}

/** A server that keeps failing: exit non-zero with a code and words, in bounded time, with bounded attempts. */
function gaveUp(o: Observed, attempts: number, what: string): Array<[boolean, string]> {
  const death = died(o.run)
  return [
    [!death, death ?? ''],
    [o.run.code !== 0, `exit 0 although ${what}`],
    [saidWhy(o), 'no error code and message printed'],
    [attempts <= MAX_ATTEMPTS, `${attempts} attempts (more than ${MAX_ATTEMPTS})`],
  ]
}

function transient(id: string, title: string, fault: ServerFault, path: string, n: number, extra?: (s: HostileServer) => Array<[boolean, string]>, fast = false): FaultCase {
  return {
    id: `server.http.${id}`,
    title,
    fast,
    timeoutMs: 120_000,
    async run(ctx) {
      let checks: Array<[boolean, string]> = []
      const o = await against(ctx, {
        arrange: (s) => s.setFault(fault, { path, times: n }),
        act: async (s) => {
          const r = await runCommand(ctx, s, 'limits', 100_000)
          checks = [...recovered(r), [count(s, path) > n, `${path} asked ${count(s, path)} time(s): no retry after ${n} fault(s)`], ...(extra?.(s) ?? [])]
          return r
        },
      })
      return judge(checks, `${summary(o)}`)
    },
  }
}

const retryAfterHonoured = (s: HostileServer): Array<[boolean, string]> => {
  const [first, second] = times(s, DCAP_PATH)
  const gap = first && second ? second.at - first.at : 0
  return [[gap >= 1900, `retry ${gap} ms after a 429 with Retry-After: 2`]]
}

function persistent(id: string, title: string, fault: ServerFault, path: string, fast = false): FaultCase {
  return {
    id: `server.http.${id}`,
    title,
    fast,
    timeoutMs: 240_000,
    async run(ctx) {
      let attempts = 0
      const o = await against(ctx, {
        arrange: (s) => s.setFault(fault, { path, times: Number.POSITIVE_INFINITY }),
        act: async (s) => {
          const r = await runCommand(ctx, s, 'limits', 220_000, true)
          attempts = count(s, path)
          return r
        },
      })
      return judge(gaveUp(o, attempts, `${path} always fails`), `${summary(o)}, ${attempts} attempt(s) on ${path}, printed "${tail(o.run.stdout + o.run.stderr, 160)}"`)
    },
  }
}

/** A document override; the verdict: no death, bounded memory/time/requests, and a right limit or a clear refusal. */
function hostileBody(id: string, title: string, path: string | RegExp, respond: Override, o2: { fast?: boolean; timeoutMs?: number; allowedW?: unknown[]; maxRequests?: number; leak?: RegExp } = {}): FaultCase {
  return {
    id: `server.body.${id}`,
    title,
    fast: o2.fast ?? false,
    timeoutMs: o2.timeoutMs ?? 120_000,
    async run(ctx) {
      let requests = 0
      const o = await against(ctx, {
        arrange: (s) => s.override(path, respond),
        act: async (s) => {
          const r = await runCommand(ctx, s, 'limits', (o2.timeoutMs ?? 120_000) - 10_000)
          requests = s.requests.length
          return r
        },
      })
      const death = died(o.run)
      const allowed = o2.allowedW ?? [DEFAULT_EXPORT_W, FIXED_EXPORT_W]
      const rightOrRefused = o.run.code === 0 ? allowed.includes(o.exportW) : saidWhy(o)
      return judge(
        [
          [!death, death ?? ''],
          [rightOrRefused, o.run.code === 0 ? `effective export limit ${JSON.stringify(o.exportW)}, expected one of ${JSON.stringify(allowed)}` : 'failed without an error code and message'],
          [o.peakMb <= MAX_PEAK_MB, `peak memory ${o.peakMb} MB (> ${MAX_PEAK_MB} MB)`],
          [requests <= (o2.maxRequests ?? 60), `${requests} requests (> ${o2.maxRequests ?? 60}): unbounded walking`],
          [!(o2.leak?.test(o.run.stdout + o.run.stderr) ?? false), 'the output contains the file the entity pointed at'],
        ],
        `${summary(o)}, ${requests} requests`,
      )
    },
  }
}

const doc = (body: string): Override => () => ({ status: 200, headers: { 'content-type': 'application/sep+xml' }, body })

const XXE = `<?xml version="1.0"?>
<!DOCTYPE DeviceCapability [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<DeviceCapability xmlns="urn:ieee:std:2030.5:ns" href="/api/v2/dcap" pollRate="300"><TimeLink href="/api/v2/tm"/><EndDeviceListLink href="/api/v2/edev" all="1"/><MirrorUsagePointListLink href="/api/v2/mup" all="0"/><customerAccount>&xxe;</customerAccount></DeviceCapability>`

function entityBomb(): string {
  const lines = ['<!ENTITY l0 "lollollollollollollollollollol">']
  for (let i = 1; i <= 9; i++) lines.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`)
  return `<?xml version="1.0"?>\n<!DOCTYPE DeviceCapability [${lines.join('')}]>\n<DeviceCapability xmlns="urn:ieee:std:2030.5:ns" href="/api/v2/dcap" pollRate="300"><TimeLink href="/api/v2/tm"/><EndDeviceListLink href="/api/v2/edev" all="1"/><customerAccount>&l9;</customerAccount></DeviceCapability>`
}

/** A DERControlList of ~50 MB: the normal list padded with a huge description in one event. */
const fiftyMb: Override = async (_req, normal) => {
  const r = await normal()
  const pad = 'x'.repeat(50 * 1024 * 1024)
  return { ...r, body: (r.body ?? '').replace(/(<DERControl [^>]*>[\s\S]*?<mRID>[0-9A-F]+<\/mRID>)/, (head: string) => `${head}<description>${pad}</description>`) }
}

/** Every list page claims 10^9 entries and always returns the same one. */
const billion: Override = async (_req, normal) => {
  const r = await normal()
  return { ...r, body: (r.body ?? '').replace(/ all="\d+"/, ' all="1000000000"') }
}

/** The DERProgram's links all point back at the program list and itself. */
const hrefLoop: Override = async (_req, normal) => {
  const r = await normal()
  return { ...r, body: (r.body ?? '').replace(/<DefaultDERControlLink href="[^"]*"/, '<DefaultDERControlLink href="/api/v2/derp/PROG-A"').replace(/<DERControlListLink href="[^"]*"/, '<DERControlListLink href="/api/v2/edev/_SIMDEV1/fsa/1/derp"') }
}

export const transportCases: FaultCase[] = [
  transient('429-retry-after', '429 with Retry-After: 2 on DeviceCapability: honoured, then through', { kind: 'status', status: 429, retryAfter: '2' }, DCAP_PATH, 1, retryAfterHonoured),
  transient('500-twice', '500 twice on DeviceCapability: backed off, then through', { kind: 'status', status: 500 }, DCAP_PATH, 2),
  transient('503-twice', '503 twice on the EndDeviceList: backed off, then through', { kind: 'status', status: 503 }, EDEV_LIST, 2, undefined, true),
  transient('dropped-connection', 'Connection dropped without an answer on the EndDeviceList: retried on a fresh one', { kind: 'reset' }, EDEV_LIST, 1),
  persistent('503-always', '503 on DeviceCapability for good: a clear message, exit non-zero, bounded attempts', { kind: 'status', status: 503 }, DCAP_PATH),
  persistent('429-always', '429 (Retry-After 1) for good: a clear message, exit non-zero, bounded attempts', { kind: 'status', status: 429, retryAfter: '1' }, DCAP_PATH),
  persistent('slow-body', 'DeviceCapability body stalls half-way: times out with a message, bounded attempts', { kind: 'stall-body' }, DCAP_PATH),
  hostileBody('redirect', '302 from DeviceCapability to another path: no death, a right limit or a clear refusal', DCAP_PATH, () => ({ status: 302, headers: { location: '/api/v2/dcap2' } })),
  hostileBody('redirect-loop', '302 from DeviceCapability to itself: bounded, a clear message', DCAP_PATH, () => ({ status: 302, headers: { location: DCAP_PATH } }), { fast: false, maxRequests: 25 }),
  hostileBody('xxe', 'XXE: an external entity to /etc/passwd in DeviceCapability: never read', DCAP_PATH, doc(XXE), { fast: true, leak: /root:.*:0:0:/ }),
  hostileBody('entity-bomb', 'Entity bomb (10^9 expansions) in DeviceCapability: bounded time and memory', DCAP_PATH, doc(entityBomb()), { timeoutMs: 60_000 }),
  hostileBody('50mb', 'A 50 MB DERControlList: size cap, bounded memory, a right limit or a clear error', DERC_LIST_PATH, fiftyMb, { timeoutMs: 90_000 }),
  hostileBody('all-10^9', 'DERControlList with all = 10^9: paging bounded', DERC_LIST_PATH, billion, { maxRequests: 120 }),
  hostileBody('href-loop', 'DERProgram links pointing back up the tree: the walk ends, a right limit or a clear error', /^\/api\/v2\/(edev\/_SIMDEV1\/fsa\/1\/derp|derp\/PROG-A)$/, hrefLoop, { maxRequests: 60 }),
]
