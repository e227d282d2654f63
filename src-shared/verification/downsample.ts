/**
 * Fewer points for a chart, never hiding a violation: the run is cut into equal time buckets and each bucket keeps
 * the point where the measured value stands highest above the envelope (APP-3: hours of samples stay smooth; the
 * record keeps every point), and the minimum and maximum of the measured value, the envelope and the setpoint (issue 14
 * item 4: peaks, dips and steps stay visible).
 */
import { bucketsFor, keepExtremes } from '../chart/keep-extremes'

export interface ChartPoint {
  t: number
  ramped: number | null
  measured: number | null
  /** The controller's setpoint (issue 11 item 3: plotted as its own series), when the run records it. */
  commandedW?: number | null
}

const VALUES = [(p: ChartPoint) => p.measured, (p: ChartPoint) => p.ramped, (p: ChartPoint) => excessOrNull(p), (p: ChartPoint) => p.commandedW ?? null]

export function downsampleRun<P extends ChartPoint>(points: readonly P[], maxPoints: number): P[] {
  if (points.length <= maxPoints) return [...points]
  return keepExtremes(points, { buckets: bucketsFor(maxPoints, VALUES.length), time: (p) => p.t, values: VALUES })
}

/** How far the measured value stands above the envelope (no envelope: not a candidate). */
function excessOrNull(p: ChartPoint): number | null {
  if (p.measured === null || p.ramped === null) return null
  return p.measured - p.ramped
}
