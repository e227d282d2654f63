/**
 * What the Limits chart shows (issue 17 item 6): export and import by default, generation and load on request; the
 * y-axis scaled to the series shown (one 30 kW generation event no longer flattens export and import near 0); the
 * time axis zoomed to the next hour, 6 h, 24 h or the next event; reference lines of equal value merged so their
 * labels do not overlap. Pure: no DOM, no recharts.
 */
import type { ChartPoint, LimitsReferences } from '../../../src-shared/contract/limits'

export const LIMIT_SERIES = ['export', 'import', 'generation', 'load'] as const
export type LimitSeries = (typeof LIMIT_SERIES)[number]
export const DEFAULT_SERIES: readonly LimitSeries[] = ['export', 'import']

export const SERIES_LABELS: Record<LimitSeries, string> = { export: 'Export', import: 'Import', generation: 'Generation', load: 'Load' }

/** The ChartPoint fields drawn for each series. */
export const SERIES_KEYS: Record<LimitSeries, readonly (keyof Omit<ChartPoint, 'at'>)[]> = {
  export: ['expLimW', 'expRampedW'],
  import: ['impLimW'],
  generation: ['genLimW'],
  load: ['loadLimW'],
}

export const CHART_WINDOWS = { '1h': 'Next hour', '6h': 'Next 6 h', '24h': 'Next 24 h', 'next-event': 'To the end of the next event' } as const
export type ChartWindow = keyof typeof CHART_WINDOWS
const WINDOW_MS: Record<Exclude<ChartWindow, 'next-event'>, number> = { '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000 }

export interface ReferenceMark {
  y: number
  label: string
}

/** The shown series' default and fixed limits as horizontal lines; lines of equal value become one, labelled once. */
export function referenceMarks(refs: LimitsReferences, shown: readonly LimitSeries[]): ReferenceMark[] {
  const candidates: [LimitSeries, string, number | undefined][] = [
    ['export', 'default export', refs.defaultExpW],
    ['export', 'fixed export', refs.fixedExpW],
    ['import', 'default import', refs.defaultImpW],
    ['import', 'fixed import', refs.fixedImpW],
    ['generation', 'default generation', refs.defaultGenW],
    ['load', 'default load', refs.defaultLoadW],
  ]
  const byValue = new Map<number, string[]>()
  for (const [series, label, y] of candidates) {
    if (y === undefined || !Number.isFinite(y) || !shown.includes(series)) continue
    byValue.set(y, [...(byValue.get(y) ?? []), label])
  }
  return [...byValue.entries()].sort((a, b) => a[0] - b[0]).map(([y, labels]) => ({ y, label: labels.join(' = ') }))
}

/** The first event end after `from`, for the "next event" zoom. */
export function windowEnd(window: ChartWindow, o: { from: number; eventEnds: readonly number[] }): number {
  if (window !== 'next-event') return o.from + WINDOW_MS[window]
  const next = o.eventEnds.filter((end) => end > o.from).sort((a, b) => a - b)[0]
  return next === undefined ? o.from + WINDOW_MS['24h'] : next + Math.max(300_000, (next - o.from) * 0.1)
}

/** The points inside [from, to], with the last point before `from` kept so a step line starts at the left edge. */
export function pointsIn(points: readonly ChartPoint[], o: { from: number; to: number }): ChartPoint[] {
  const inside = points.filter((p) => p.at >= o.from && p.at <= o.to)
  const before = points.filter((p) => p.at < o.from).at(-1)
  return before ? [{ ...before, at: o.from }, ...inside] : inside
}

/** A round top for the y-axis: 1, 2 or 5 x 10^n above the largest value shown (and never 0). */
export function yTop(points: readonly ChartPoint[], o: { shown: readonly LimitSeries[]; marks: readonly ReferenceMark[] }): number {
  let max = 0
  for (const p of points) for (const s of o.shown) for (const k of SERIES_KEYS[s]) max = Math.max(max, p[k] ?? 0)
  for (const m of o.marks) max = Math.max(max, m.y)
  const target = Math.max(max * 1.1, 100)
  const magnitude = 10 ** Math.floor(Math.log10(target))
  const step = [1, 2, 5, 10].find((f) => f * magnitude >= target) ?? 10
  return step * magnitude
}

/** W for small values, kW above 10 kW (tick labels stay short). */
export function wattsTick(w: number): string {
  return Math.abs(w) >= 10_000 ? `${(w / 1000).toFixed(0)} kW` : `${Math.round(w)} W`
}
