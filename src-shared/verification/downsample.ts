/**
 * Fewer points for a chart, never hiding a violation: the run is cut into equal time buckets and each bucket keeps
 * the point where the measured value stands highest above the envelope (APP-3: hours of samples stay smooth; the
 * record keeps every point).
 */
export interface ChartPoint {
  t: number
  ramped: number | null
  measured: number | null
}

export function downsampleRun<P extends ChartPoint>(points: readonly P[], maxPoints: number): P[] {
  if (points.length <= maxPoints) return [...points]
  const first = points[0]
  const last = points[points.length - 1]
  if (!first || !last) return []
  const buckets = Math.max(1, maxPoints - 2)
  const span = last.t - first.t || 1
  const kept: P[] = [first]
  let bucket = -1
  let best: P | undefined
  for (const point of points.slice(1, -1)) {
    const index = Math.min(buckets - 1, Math.floor(((point.t - first.t) / span) * buckets))
    if (index !== bucket && best) kept.push(best)
    if (index !== bucket) best = undefined
    bucket = index
    if (!best || excess(point) > excess(best)) best = point
  }
  if (best) kept.push(best)
  kept.push(last)
  return kept
}

function excess(p: ChartPoint): number {
  if (p.measured === null) return Number.NEGATIVE_INFINITY
  return p.measured - (p.ramped ?? Number.POSITIVE_INFINITY)
}
