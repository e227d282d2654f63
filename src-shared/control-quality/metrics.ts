/**
 * How well a site follows its envelope (issue 11: the controller benchmark and the verification run's advisory
 * figures). Pure arithmetic on time series given as parallel arrays (times in ms, values in W, ascending times); each
 * sample holds until the next one, the last one for `lastDtMs` (default: the spacing before it).
 *
 * - overshoot: how far and how long a measured value (e.g. site export) went above the ramped envelope (handbook
 *   11.3: "values above the ramped value are non-compliant"), and the energy above it;
 * - curtailedBeyondNeed: generation given up beyond what the envelope required, against an oracle (the best feasible
 *   generation under the envelope: min(available, what keeps export <= limit));
 * - setpointReversals: direction changes of a setpoint, with hysteresis so rounding jitter is not counted – a limit
 *   cycle shows as many of them;
 * - settleTimeMs: time after a limit step until the value stays within a band of its target;
 * - correctiveWriteDelays: time from the start of each exceedance to the first corrective write (P4).
 */

export interface TimeSeries {
  tMs: ArrayLike<number>
  valueW: ArrayLike<number>
}

function dtAt(tMs: ArrayLike<number>, k: number): number {
  const next = tMs[k + 1]
  const here = tMs[k] ?? 0
  if (next !== undefined) return next - here
  const prev = tMs[k - 1]
  return prev === undefined ? 0 : here - prev
}

const MS_PER_HOUR = 3_600_000

export interface OvershootStats {
  /** Largest excess above the envelope, W (0 when never above). */
  worstW: number
  worstAtMs: number | undefined
  /** Longest continuous stretch above envelope + tolerance, ms. */
  longestMs: number
  /** Energy above the envelope itself, Wh. */
  energyWh: number
  /** Stretches above envelope + tolerance. */
  excursions: number
  /** Stretches above envelope + tolerance lasting longer than the grace. */
  beyondGrace: number
}

/** `limitW` per sample (non-finite = no limit); tolerance and grace as the compliance judge takes them. */
export function overshoot(series: TimeSeries, limitW: ArrayLike<number>, tolerance: { toleranceW: number; graceMs: number }): OvershootStats {
  const stats: OvershootStats = { worstW: 0, worstAtMs: undefined, longestMs: 0, energyWh: 0, excursions: 0, beyondGrace: 0 }
  let openSinceMs: number | undefined
  const close = (endMs: number): void => {
    if (openSinceMs === undefined) return
    const lengthMs = endMs - openSinceMs
    stats.longestMs = Math.max(stats.longestMs, lengthMs)
    if (lengthMs > tolerance.graceMs) stats.beyondGrace++
    openSinceMs = undefined
  }
  for (let k = 0; k < series.tMs.length; k++) {
    const t = series.tMs[k] ?? 0
    const limit = limitW[k] ?? Infinity
    const excess = Number.isFinite(limit) ? (series.valueW[k] ?? 0) - limit : -Infinity
    if (excess > 0) stats.energyWh += (excess * dtAt(series.tMs, k)) / MS_PER_HOUR
    if (excess > stats.worstW) Object.assign(stats, { worstW: excess, worstAtMs: t })
    if (excess > tolerance.toleranceW) {
      if (openSinceMs === undefined) Object.assign(stats, { excursions: stats.excursions + 1 })
      openSinceMs ??= t
    } else close(t)
  }
  const last = series.tMs.length - 1
  close((series.tMs[last] ?? 0) + dtAt(series.tMs, last))
  return stats
}

export interface CurtailmentStats {
  /** Energy the oracle generated and the site did not, Wh (where the site made more, nothing is counted). */
  beyondNeedWh: number
  oracleWh: number
  availableWh: number
  actualWh: number
  /** beyondNeedWh as % of the oracle's energy (0 when the oracle made none). */
  pctOfOracle: number
  /** beyondNeedWh as % of the available energy (0 when none was available). */
  pctOfAvailable: number
}

/** Generation `actualW` against the oracle's `oracleW` and the PV `availableW`, all on the times of `tMs`. */
export function curtailedBeyondNeed(input: { tMs: ArrayLike<number>; actualW: ArrayLike<number>; oracleW: ArrayLike<number>; availableW: ArrayLike<number> }): CurtailmentStats {
  let beyond = 0
  let oracle = 0
  let available = 0
  let actual = 0
  for (let k = 0; k < input.tMs.length; k++) {
    const hours = dtAt(input.tMs, k) / MS_PER_HOUR
    const o = input.oracleW[k] ?? 0
    const a = input.actualW[k] ?? 0
    beyond += Math.max(0, o - a) * hours
    oracle += o * hours
    available += (input.availableW[k] ?? 0) * hours
    actual += a * hours
  }
  const pct = (part: number, whole: number): number => (whole > 0 ? (100 * part) / whole : 0)
  return { beyondNeedWh: beyond, oracleWh: oracle, availableWh: available, actualWh: actual, pctOfOracle: pct(beyond, oracle), pctOfAvailable: pct(beyond, available) }
}

export interface ReversalStats {
  reversals: number
  /** Over the window's length; 0 for an empty window. */
  perMinute: number
}

/**
 * Direction changes of a setpoint between fromMs and toMs (default: the whole series). A move counts once the value
 * has gone `hysteresisW` or more against the current direction from the last extreme, so sub-hysteresis jitter is
 * not a reversal. Non-finite values ("no limit") must be mapped to a number (e.g. the rating) by the caller.
 */
export function setpointReversals(series: TimeSeries, options: { hysteresisW: number; fromMs?: number; toMs?: number }): ReversalStats {
  const fromMs = options.fromMs ?? -Infinity
  const toMs = options.toMs ?? Infinity
  let direction = 0
  let extreme: number | undefined
  let reversals = 0
  let first: number | undefined
  let last: number | undefined
  for (let k = 0; k < series.tMs.length; k++) {
    const t = series.tMs[k] ?? 0
    if (t < fromMs || t > toMs) continue
    first ??= t
    last = t
    const v = series.valueW[k] ?? 0
    extreme ??= v
    // Further in the current direction: a new extreme. Back by the hysteresis or more: a new direction.
    if ((direction > 0 && v > extreme) || (direction < 0 && v < extreme)) extreme = v
    else if (Math.abs(v - extreme) >= options.hysteresisW) {
      if (direction !== 0) reversals++
      direction = Math.sign(v - extreme)
      extreme = v
    }
  }
  const minutes = first === undefined || last === undefined ? 0 : (last - first) / 60_000
  return { reversals, perMinute: minutes > 0 ? reversals / minutes : 0 }
}

/**
 * Time from `fromMs` until the value stays within `bandW` of its target for the rest of the window (to `toMs`,
 * default the end); undefined when it never does.
 */
export function settleTimeMs(series: TimeSeries, targetW: ArrayLike<number>, options: { fromMs: number; toMs?: number; bandW: number }): number | undefined {
  const toMs = options.toMs ?? Infinity
  let settledAt: number | undefined
  let seen = false
  for (let k = 0; k < series.tMs.length; k++) {
    const t = series.tMs[k] ?? 0
    if (t < options.fromMs || t > toMs) continue
    seen = true
    const within = Math.abs((series.valueW[k] ?? 0) - (targetW[k] ?? 0)) <= options.bandW
    if (!within) settledAt = undefined
    else settledAt ??= t
  }
  return seen && settledAt !== undefined ? settledAt - options.fromMs : undefined
}

export interface CorrectiveWriteStats {
  /** Exceedances (value above limit + tolerance) lasting at least minDurationMs. */
  exceedances: number
  /** Largest time from an exceedance's start to the first corrective write at or after it, ms. */
  worstDelayMs: number | undefined
  /** Exceedances that ended (or the series did) without a corrective write. */
  withoutWrite: number
}

/**
 * P4: for each exceedance of `limitW` + toleranceW lasting at least minDurationMs (shorter ones are noise the
 * tolerance covers), the time to the first corrective write (`writesMs`, ascending) at or after its start.
 */
export function correctiveWriteDelays(
  series: TimeSeries,
  limitW: ArrayLike<number>,
  writesMs: ArrayLike<number>,
  options: { toleranceW: number; minDurationMs: number },
): CorrectiveWriteStats {
  const stats: CorrectiveWriteStats = { exceedances: 0, worstDelayMs: undefined, withoutWrite: 0 }
  let w = 0
  let start: number | undefined
  const close = (endMs: number): void => {
    if (start === undefined || endMs - start < options.minDurationMs) return
    stats.exceedances++
    while (w < writesMs.length && (writesMs[w] ?? 0) < start) w++
    const write = writesMs[w]
    if (write === undefined || write > endMs) stats.withoutWrite++
    else stats.worstDelayMs = Math.max(stats.worstDelayMs ?? 0, write - start)
  }
  for (let k = 0; k < series.tMs.length; k++) {
    const t = series.tMs[k] ?? 0
    const limit = limitW[k] ?? Infinity
    const above = Number.isFinite(limit) && (series.valueW[k] ?? 0) > limit + options.toleranceW
    if (above) start ??= t
    else {
      close(t)
      start = undefined
    }
  }
  const last = series.tMs.length - 1
  close((series.tMs[last] ?? 0) + dtAt(series.tMs, last))
  return stats
}
