/**
 * `all-polls-at-correct-time` (REQUIREMENTS SRV-4, as the CSIP-AUS harness checks it – cactus-runner check.py, read
 * for meaning): for each concrete path matching the endpoints, requests of the method on the first page only –
 * - under-polling: a gap longer than 1.5 x the interval is a missed poll; at most one miss in any complete window of
 *   5 x the interval (windows counted from the procedure's start);
 * - over-polling: at most floor(1.5 x 3 + 2) = 6 requests in any window of 3 x the interval.
 */
import { failed, passed, type CheckResult, type RecordedRequest } from '../record'
import { endpointMatches, type HttpMethod } from '../step-machine'

const MISS_FACTOR = 1.5
const MISS_WINDOW = 5
const MAX_MISSES = 1
const BURST_WINDOW = 3
const MAX_IN_BURST_WINDOW = Math.floor(1.5 * BURST_WINDOW + 2)

export function pollTiming(options: {
  requests: readonly RecordedRequest[]
  endpoints: readonly string[]
  method: HttpMethod
  intervalS: number
  startedAtMs: number
}): CheckResult {
  const { intervalS, startedAtMs } = options
  if (!(intervalS > 0)) return failed('no poll interval given')
  const matching = options.requests.filter(
    (r) => r.method === options.method && (r.start === undefined || r.start === 0) && options.endpoints.some((e) => endpointMatches(r.path, e)),
  )
  if (matching.length === 0) return failed(`no ${options.method} request to ${options.endpoints.join(', ')}`)
  const problems: string[] = []
  for (const path of [...new Set(matching.map((r) => r.path))].sort()) {
    const times = matching.filter((r) => r.path === path).map((r) => r.atMs).sort((a, b) => a - b)
    problems.push(...underPolling(path, times, intervalS, startedAtMs), ...overPolling(path, times, intervalS, startedAtMs))
  }
  return problems.length === 0 ? passed(`every ${options.method} of ${options.endpoints.join(', ')} at its ${intervalS} s rate`) : failed(problems.join('; '))
}

function underPolling(path: string, times: readonly number[], intervalS: number, startMs: number): string[] {
  const missEnds = times.slice(1).filter((t, i) => t - (times[i] ?? t) > intervalS * MISS_FACTOR * 1000)
  const last = times[times.length - 1] ?? startMs
  const windowMs = intervalS * MISS_WINDOW * 1000
  const problems: string[] = []
  for (let from = startMs; from + windowMs <= last; from += windowMs) {
    const misses = missEnds.filter((t) => t >= from && t < from + windowMs).length
    if (misses > MAX_MISSES) problems.push(`${path}: ${misses} gaps longer than ${intervalS * MISS_FACTOR} s within ${intervalS * MISS_WINDOW} s from +${(from - startMs) / 1000} s`)
  }
  return problems
}

function overPolling(path: string, times: readonly number[], intervalS: number, startMs: number): string[] {
  const last = times[times.length - 1] ?? startMs
  const windowMs = intervalS * BURST_WINDOW * 1000
  const problems: string[] = []
  for (let from = startMs; from < last; from += windowMs) {
    const count = times.filter((t) => t >= from && t < from + windowMs).length
    if (count > MAX_IN_BURST_WINDOW) problems.push(`${path}: ${count} requests within ${intervalS * BURST_WINDOW} s from +${(from - startMs) / 1000} s (at most ${MAX_IN_BURST_WINDOW})`)
  }
  return problems
}
