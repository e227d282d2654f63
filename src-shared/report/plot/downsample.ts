/**
 * Downsampling for plots: the minimum and the maximum of each pixel column, in time order, so a spike or a step is
 * never lost however many samples fall into one column (hours of 200 ms samples stay a few thousand points).
 */
import type { Point } from '../model/common'

export interface ColumnOptions {
  /** The x range covered by the columns. */
  x0: number
  x1: number
  columns: number
}

/** Split where a value is not finite (Infinity = no limit) or where samples are further apart than gapS. */
export function splitRuns(points: readonly Point[], gapS: number): Point[][] {
  const runs: Point[][] = []
  let current: Point[] = []
  for (const p of points) {
    const previous = current[current.length - 1]
    const gap = previous !== undefined && p[0] - previous[0] > gapS
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || gap) {
      if (current.length > 0) runs.push(current)
      current = Number.isFinite(p[0]) && Number.isFinite(p[1]) ? [p] : []
      continue
    }
    current.push(p)
  }
  if (current.length > 0) runs.push(current)
  return runs
}

function columnOf(t: number, options: ColumnOptions): number {
  const span = options.x1 - options.x0
  if (span <= 0) return 0
  return Math.min(options.columns - 1, Math.max(0, Math.floor(((t - options.x0) / span) * options.columns)))
}

/** Points sorted by time in; at most two points per column out (its minimum and maximum, in time order). */
export function minMaxPerColumn(points: readonly Point[], options: ColumnOptions): Point[] {
  if (points.length <= options.columns * 2) return [...points]
  const out: Point[] = []
  let column = -1
  let min: Point | undefined
  let max: Point | undefined
  const flush = () => {
    if (min === undefined || max === undefined) return
    if (min === max) out.push(min)
    else out.push(...(min[0] <= max[0] ? [min, max] : [max, min]))
  }
  for (const p of points) {
    const c = columnOf(p[0], options)
    if (c !== column) {
      flush()
      column = c
      min = p
      max = p
      continue
    }
    if (min === undefined || p[1] < min[1]) min = p
    if (max === undefined || p[1] > max[1]) max = p
  }
  flush()
  return out
}
