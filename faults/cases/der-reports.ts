/**
 * Issue 15 item 6: the server answers 500 to DERCapability and DERSettings for minutes while `run` reports. Expected
 * (handbook 13.2): at most 2 retries within the 300 s DER polling period, >= 10 s apart, per failing resource; no
 * DERStatus flood (one pending PUT per resource); nothing sent after "Stopped."; the process alive throughout.
 */
import type { RecordedRequest } from '../../src-main/sim/utility/core'
import { judge, type FaultCase } from '../lib/case'
import { died, tail } from '../lib/processes'
import { interrupt, startRun, startSite } from '../lib/site'

const FAILING = /\/der\/1\/(dercap|derg)$/
const STATUS = /\/der\/1\/ders$/
/** handbook 10.2 table 2: DER resources every 300 s; 13.2: 2 retries within the period, >= 10 s between attempts. */
const PERIOD_S = 300
const ATTEMPTS_PER_PERIOD = 3
const MIN_GAP_MS = 10_000
const GAP_SLACK_MS = 1000
/** DERStatus: periodic plus on a change of state; the issue saw 460 in 30 s. Allow one per 10 s and a few at start. */
const STATUS_PER_S = 1 / 10

function perResource(requests: readonly RecordedRequest[]): Map<string, number[]> {
  const byPath = new Map<string, number[]>()
  for (const r of requests) if (r.method === 'PUT' && FAILING.test(r.path)) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r.at])
  return byPath
}

function peakPerSecond(times: number[]): number {
  let peak = 0
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= 1000) j++
    peak = Math.max(peak, i - j + 1)
  }
  return peak
}

export function derFloodCase(windowS: number, fast: boolean): FaultCase {
  return {
    id: 'server.der-5xx-for-minutes',
    title: `500 on DERCapability/DERSettings for ${windowS} s while run reports: retries within handbook 13.2, no DERStatus flood, nothing after Stopped.`,
    fast,
    timeoutMs: (windowS + 150) * 1000,
    async run(ctx) {
      const site = await startSite(ctx, { arrange: (s) => s.setFault({ kind: 'status', status: 500 }, { path: FAILING, method: 'PUT', times: Number.POSITIVE_INFINITY }) })
      try {
        const run = startRun(ctx, site)
        await run.waitFor(/Running site/, 90_000)
        const from = Date.now()
        await new Promise((r) => setTimeout(r, windowS * 1000))
        const alive = run.alive()
        const f = await interrupt(run)
        const stoppedAt = run.lines.find((l) => /Stopped\./.test(l.text))?.at ?? Date.now()
        await new Promise((r) => setTimeout(r, 2000))
        const periods = Math.ceil(windowS / PERIOD_S) + 1
        const failing = perResource(site.server.requests.filter((r) => r.at >= from - 60_000))
        const statusTimes = site.server.requests.filter((r) => r.method === 'PUT' && STATUS.test(r.path)).map((r) => r.at)
        const afterStop = site.server.requests.filter((r) => r.at > stoppedAt).length
        const checks: Array<[boolean, string]> = [
          [alive && !died(f), `process ${alive ? '' : 'dead before the end; '}${died(f) ?? ''}`],
          [f.code === 0, `exit ${f.code} after Ctrl+C`],
          [afterStop === 0, `${afterStop} request(s) after "Stopped."`],
          [statusTimes.length <= windowS * STATUS_PER_S + 5, `${statusTimes.length} DERStatus PUTs in ${windowS} s (flood)`],
          [peakPerSecond(statusTimes) <= 2, `DERStatus peak ${peakPerSecond(statusTimes)}/s`],
        ]
        for (const [path, times] of failing) {
          const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0))
          checks.push([times.length <= ATTEMPTS_PER_PERIOD * periods, `${times.length} PUTs to ${path} (allowed ${ATTEMPTS_PER_PERIOD * periods})`])
          checks.push([gaps.every((g) => g >= MIN_GAP_MS - GAP_SLACK_MS), `PUTs to ${path} ${Math.min(...gaps)} ms apart (< ${MIN_GAP_MS} ms)`])
        }
        const counts = [...failing].map(([p, t]) => `${p.split('/').at(-1)} ${t.length}`).join(', ')
        return judge(checks, `${windowS} s: PUTs ${counts || 'none to the failing resources'}, DERStatus ${statusTimes.length}; exit ${f.code}; ${tail(f.stdout, 80)}`)
      } finally {
        await site.close()
      }
    },
  }
}
