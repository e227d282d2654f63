/**
 * Telemetry intervals on the real-time-clock tick (REQUIREMENTS TEL-3; handbook 10.8.1, AS/NZS 61000.4.30).
 *
 * Handbook 10.8.1: "the time tag is the time at the conclusion of the 5 min aggregation. Each 5 min interval shall
 * begin on an RTC 5 min tick" – the reading sent at 13:30 averages 13:25 to 13:30.
 *
 * Boundary rule: an interval is the half-open span (start, end]. A sample stamped exactly on a tick belongs to the
 * interval that ENDS at that tick (13:30:00.000 -> interval ending 13:30); anything after the tick belongs to the
 * next one (13:30:00.100 -> interval ending 13:35). A 200 ms measurement describes the window that ends at its time
 * tag, so a value stamped 13:30:00.000 was measured wholly before the tick.
 *
 * Ticks are multiples of the post rate counted from local midnight. `utcOffsetS` is the site's offset from UTC
 * (Queensland: +10 h, no daylight saving); for every post rate that divides 10 h – 300 s included – it makes no
 * difference, for e.g. a daily rate it moves the tick from UTC midnight to local midnight.
 */
import { fail, ok, type Result } from '../result'

/** Handbook table 2 / 10.8: MirrorUsagePoint post rate 300 s. */
export const DEFAULT_POST_RATE_S = 300
const SECONDS_PER_DAY = 86_400
const MS_PER_S = 1000

/** One aggregation interval: (startMs, endMs], tagged with endMs (handbook 10.8.1). */
export interface RtcInterval {
  startMs: number
  endMs: number
}

export interface TickOptions {
  /** Seconds per interval; must divide a day (86400 s). Default 300. */
  postRateS?: number
  /** Site offset from UTC in seconds, e.g. 36000 for Queensland. Default 0. */
  utcOffsetS?: number
}

/**
 * Checks a post rate before it is used for ticks: a whole number of seconds that divides a day, so every day starts
 * on a tick. A server `postRate` that does not (e.g. 301) is an expected failure the caller shows and replaces.
 */
export function checkPostRate(postRateS: number): Result<number> {
  if (!Number.isInteger(postRateS) || postRateS <= 0) {
    return fail('TELEMETRY_POST_RATE', `The post rate must be a whole number of seconds; got ${postRateS}.`)
  }
  if (SECONDS_PER_DAY % postRateS !== 0) {
    return fail('TELEMETRY_POST_RATE', `The post rate ${postRateS} s does not divide a day, so it cannot align to clock ticks.`)
  }
  return ok(postRateS)
}

/** The interval (start, end] that contains `tMs` under the boundary rule above. */
export function intervalContaining(tMs: number, options: TickOptions = {}): RtcInterval {
  const { periodMs, offsetMs } = tickParams(options)
  // Ceiling: a time exactly on a tick is the END of its interval.
  const endMs = Math.ceil((tMs + offsetMs) / periodMs) * periodMs - offsetMs
  return { startMs: endMs - periodMs, endMs }
}

/** The latest interval that has ended at `nowMs` (its end <= now): the one to average and post now. */
export function lastCompletedInterval(nowMs: number, options: TickOptions = {}): RtcInterval {
  const { periodMs, offsetMs } = tickParams(options)
  const endMs = Math.floor((nowMs + offsetMs) / periodMs) * periodMs - offsetMs
  return { startMs: endMs - periodMs, endMs }
}

/** The first tick strictly after `nowMs`: when the current interval closes. */
export function nextTick(nowMs: number, options: TickOptions = {}): number {
  return lastCompletedInterval(nowMs, options).endMs + tickParams(options).periodMs
}

/** Is `tMs` inside (start, end]? */
export function inInterval(tMs: number, interval: RtcInterval): boolean {
  return tMs > interval.startMs && tMs <= interval.endMs
}

/** Every interval that ends in (fromMs, toMs], oldest first – e.g. the ones missed while the app was busy. */
export function intervalsEndingBetween(fromMs: number, toMs: number, options: TickOptions = {}): RtcInterval[] {
  const { periodMs } = tickParams(options)
  const out: RtcInterval[] = []
  for (let end = intervalContaining(fromMs, options).endMs; end <= toMs; end += periodMs) {
    if (end > fromMs) out.push({ startMs: end - periodMs, endMs: end })
  }
  return out
}

function tickParams(options: TickOptions): { periodMs: number; offsetMs: number } {
  const postRateS = options.postRateS ?? DEFAULT_POST_RATE_S
  const checked = checkPostRate(postRateS)
  // A bad rate here is a bug: callers check server-supplied rates with checkPostRate first.
  if (!checked.ok) throw new RangeError(checked.error.message)
  const offsetS = options.utcOffsetS ?? 0
  if (!Number.isInteger(offsetS)) throw new RangeError(`utcOffsetS must be whole seconds; got ${offsetS}.`)
  return { periodMs: postRateS * MS_PER_S, offsetMs: offsetS * MS_PER_S }
}
