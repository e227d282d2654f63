/**
 * Peak-keeping downsampling for charts (issue 14 item 4): the time span is cut into equal buckets and each bucket keeps
 * the points holding the minimum and the maximum of every plotted value, in time order. A spike, a dip or a step is
 * never lost however many samples share a bucket, so hours of 5 Hz samples draw as a few thousand points. Only the
 * display is downsampled: the record and every export keep every sample.
 */
export interface ExtremesOptions<P> {
  buckets: number
  time: (p: P) => number
  /** The plotted values; null or a non-finite value is not a candidate. */
  values: readonly ((p: P) => number | null)[]
}

/** Points sorted by time in; the first, the last and each bucket's extremes of each value out (a subset, in order). */
export function keepExtremes<P>(points: readonly P[], options: ExtremesOptions<P>): P[] {
  const first = points[0]
  const last = points[points.length - 1]
  if (first === undefined || last === undefined) return []
  const t0 = options.time(first)
  const span = options.time(last) - t0 || 1
  const buckets = Math.max(1, Math.floor(options.buckets))
  const keep = new Uint8Array(points.length)
  keep[0] = 1
  keep[points.length - 1] = 1
  let start = 0
  while (start < points.length) {
    const bucket = Math.min(buckets - 1, Math.floor(((options.time(points[start] as P) - t0) / span) * buckets))
    let end = start + 1
    while (end < points.length && Math.min(buckets - 1, Math.floor(((options.time(points[end] as P) - t0) / span) * buckets)) === bucket) end++
    for (const value of options.values) markExtremes(points, start, end, value, keep)
    start = end
  }
  return points.filter((_, i) => keep[i] === 1)
}

function markExtremes<P>(points: readonly P[], start: number, end: number, value: (p: P) => number | null, keep: Uint8Array): void {
  let min = -1
  let max = -1
  let minValue = Number.POSITIVE_INFINITY
  let maxValue = Number.NEGATIVE_INFINITY
  for (let i = start; i < end; i++) {
    const v = value(points[i] as P)
    if (v === null || !Number.isFinite(v)) continue
    if (v < minValue) [min, minValue] = [i, v]
    if (v > maxValue) [max, maxValue] = [i, v]
  }
  if (min >= 0) keep[min] = 1
  if (max >= 0) keep[max] = 1
}

/** How many buckets fit `maxPoints` when each keeps up to two points per value, plus the first and the last point. */
export function bucketsFor(maxPoints: number, valueCount: number): number {
  return Math.max(1, Math.floor((maxPoints - 2) / (2 * Math.max(1, valueCount))))
}
