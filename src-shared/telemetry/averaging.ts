/**
 * Interval statistics of 200 ms samples (REQUIREMENTS TEL-3; handbook 10.8.1, table 4; AS/NZS 61000.4.30).
 *
 * Why time-weighted: AS/NZS 61000.4.30 aggregates contiguous, equal-length sub-intervals (10/12-cycle values), so every
 * moment of the interval counts once. Our samples come off a Modbus bus shared with other devices: spacing jitters,
 * retries bunch samples up and a dropped bus leaves gaps. A plain sample mean would over-weight the bunched moments;
 * integrating the samples as a step function over time is the continuous equivalent of equal sub-intervals.
 *
 * Step rule: a sample's value holds over the time BEFORE its time tag (a 200 ms measurement describes the window that
 * ends at its tag, the same reading of time as the interval boundary rule in rtc-intervals.ts) back to the previous
 * sample, but never more than `maxHoldMs`: a gap is left empty instead of being filled with a stale value, and shows
 * up as coverage < 1. Only samples inside (start, end] carry weight, clipped at the interval start.
 *
 * Voltage is aggregated as 61000.4.30 aggregates RMS quantities: the square root of the (time-weighted) mean of the
 * squared values. W, var and Hz use the arithmetic mean (for W that is the interval's energy divided by its length).
 * Maximum and minimum are over the individual samples in the interval (table 4 frequency max/min).
 */
import { inInterval, type RtcInterval } from './rtc-intervals'
import { CHANNELS, channelValue, type Channel, type MeterSample, type Scope, type TelemetrySample } from './telemetry-types'

/** `sample-mean` is the plain mean of the samples in the interval, for comparison or a device that samples evenly. */
export type AveragingMethod = 'time-weighted' | 'sample-mean'

/** Twice the slowest sampling handbook 10.8.1 accepts (1 s), so jitter at 1 s sampling is not counted as a gap. */
export const DEFAULT_MAX_HOLD_MS = 2000
/** An interval with data for less than this fraction of its length is flagged (the reading is still produced). */
export const DEFAULT_MIN_COVERAGE = 0.9

export interface AveragingOptions {
  method?: AveragingMethod
  maxHoldMs?: number
  minCoverage?: number
}

export interface TimedValue {
  t: number
  value: number
}

export interface ChannelStats {
  average: number
  maximum: number
  minimum: number
  /** Fraction (0..1) of the interval covered by this channel's samples under the step rule. */
  coverage: number
  sampleCount: number
}

export interface ChannelAggregate extends Channel {
  stats: ChannelStats
}

export interface ScopeAggregate {
  /** Only channels that had at least one sample in the interval, in CHANNELS order. */
  channels: ChannelAggregate[]
  /** Fraction of the interval covered by samples of this scope (any channel). */
  coverage: number
  /** coverage < minCoverage: show it, and say so in the report (DEV-5 "gaps flagged"). */
  lowCoverage: boolean
  sampleCount: number
}

export interface IntervalAggregate {
  interval: RtcInterval
  site: ScopeAggregate
  der: ScopeAggregate
}

/**
 * Site and DER statistics for one interval. `samples` may be in any order and may reach outside the interval; pass the
 * interval's samples plus the last one or two before its start (they bound the first hold), not a whole day's buffer.
 */
export function aggregateInterval(
  samples: readonly TelemetrySample[],
  interval: RtcInterval,
  options: AveragingOptions = {},
): IntervalAggregate {
  const sorted = [...samples].sort((x, y) => x.t - y.t)
  return {
    interval,
    site: aggregateScope(sorted, 'site', interval, options),
    der: aggregateScope(sorted, 'der', interval, options),
  }
}

/** Statistics of one scope over `interval`; `sorted` must be in time order. */
export function aggregateScope(
  sorted: readonly TelemetrySample[],
  scope: Scope,
  interval: RtcInterval,
  options: AveragingOptions = {},
): ScopeAggregate {
  const meterPoints = sorted.flatMap((s) => {
    const meter = s[scope]
    return meter ? [{ t: s.t, meter }] : []
  })
  const channels: ChannelAggregate[] = []
  for (const channel of CHANNELS) {
    const stats = channelStats(channelSeries(meterPoints, channel), interval, { ...options, rms: channel.quantity === 'v' })
    if (stats) channels.push({ ...channel, stats })
  }
  const weights = holdWeights(meterPoints.map((p) => p.t), interval, options.maxHoldMs ?? DEFAULT_MAX_HOLD_MS)
  const coverage = sum(weights.map((w) => w.weight)) / (interval.endMs - interval.startMs)
  return {
    channels,
    coverage,
    lowCoverage: coverage < (options.minCoverage ?? DEFAULT_MIN_COVERAGE),
    sampleCount: weights.length,
  }
}

/**
 * Statistics of one series over `interval`, or undefined when no sample falls inside it. `rms` aggregates as root of
 * the mean square (61000.4.30 for RMS voltage). `series` must be in time order.
 */
export function channelStats(
  series: readonly TimedValue[],
  interval: RtcInterval,
  options: AveragingOptions & { rms?: boolean } = {},
): ChannelStats | undefined {
  const weights = holdWeights(series.map((p) => p.t), interval, options.maxHoldMs ?? DEFAULT_MAX_HOLD_MS)
  if (weights.length === 0) return undefined
  const values = weights.map((w) => series[w.index]?.value ?? Number.NaN)
  const shaped = options.rms ? values.map((v) => v * v) : values
  const totalWeight = sum(weights.map((w) => w.weight))
  const timeWeighted = (options.method ?? 'time-weighted') === 'time-weighted' && totalWeight > 0
  const mean = timeWeighted
    ? sum(weights.map((w, i) => w.weight * (shaped[i] ?? 0))) / totalWeight
    : sum(shaped) / shaped.length
  return {
    average: options.rms ? Math.sqrt(mean) : mean,
    maximum: values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY),
    minimum: values.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY),
    coverage: totalWeight / (interval.endMs - interval.startMs),
    sampleCount: values.length,
  }
}

/** The samples of `points` that carry `channel`, in the same order. */
function channelSeries(points: readonly { t: number; meter: MeterSample }[], channel: Channel): TimedValue[] {
  return points.flatMap((p) => {
    const value = channelValue(p.meter, channel)
    return value === undefined ? [] : [{ t: p.t, value }]
  })
}

/**
 * For each time in (start, end] (times sorted): its index and the length of time it holds for inside the interval,
 * back to the previous time (in or before the interval) but at most maxHoldMs, clipped at the interval start.
 */
function holdWeights(times: readonly number[], interval: RtcInterval, maxHoldMs: number): { index: number; weight: number }[] {
  const out: { index: number; weight: number }[] = []
  let previous = Number.NEGATIVE_INFINITY
  times.forEach((t, index) => {
    if (inInterval(t, interval)) {
      const from = Math.max(previous, t - maxHoldMs, interval.startMs)
      out.push({ index, weight: Math.max(0, t - from) })
    }
    previous = t
  })
  return out
}

function sum(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0)
}
