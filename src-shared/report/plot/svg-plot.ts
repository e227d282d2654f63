/**
 * A time-series plot as an SVG string (APP-3, APP-5): axes, ticks, labels, a legend, several series with distinct
 * strokes and dashes. Pure string building, so the same plot goes into the HTML preview, Chromium's PDF and Electron's
 * printToPDF as vector graphics.
 */
import { escapeHtml } from '../escape'
import type { Point } from '../model/common'
import { minMaxPerColumn, splitRuns } from './downsample'
import { formatElapsed, timeAxis, valueAxis, type Axis } from './ticks'

export interface SeriesStyle {
  color: string
  /** SVG stroke-dasharray, e.g. "6 3"; absent = solid. */
  dash?: string
  width?: number
}

export interface PlotSeries {
  name: string
  points: readonly Point[]
  style: SeriesStyle
}

export interface PlotOptions {
  series: readonly PlotSeries[]
  title?: string
  /** Label of the y axis; values are watts (shown as kW beyond 10 kW). */
  yLabel?: string
  width?: number
  height?: number
  /** Time zero of the x axis (UTC s); default the earliest sample. */
  t0?: number
  /** Samples further apart than this (s) are not joined by a line. */
  gapS?: number
  /** Time spans to shade (e.g. the judge's violations), with their legend name. */
  highlights?: { name: string; spans: readonly { from: number; to: number }[] }
}

const DEFAULT_WIDTH = 720
const DEFAULT_HEIGHT = 320
const DEFAULT_GAP_S = 5
const MARGIN = { left: 64, right: 16, top: 40, bottom: 44 }
const KW_FROM_W = 10_000

interface Frame {
  x: Axis
  y: Axis
  t0: number
  left: number
  top: number
  plotW: number
  plotH: number
  kw: boolean
}

const round = (n: number): string => String(Math.round(n * 10) / 10)

function extent(series: readonly PlotSeries[]): { tMin: number; tMax: number; vMin: number; vMax: number } {
  let tMin = Infinity, tMax = -Infinity, vMin = 0, vMax = 0
  for (const s of series)
    for (const [t, v] of s.points) {
      if (!Number.isFinite(t) || !Number.isFinite(v)) continue
      tMin = Math.min(tMin, t)
      tMax = Math.max(tMax, t)
      vMin = Math.min(vMin, v)
      vMax = Math.max(vMax, v)
    }
  return Number.isFinite(tMin) ? { tMin, tMax, vMin, vMax } : { tMin: 0, tMax: 1, vMin, vMax }
}

function frameOf(options: PlotOptions, width: number, height: number): Frame {
  const e = extent(options.series)
  const t0 = options.t0 ?? e.tMin
  const plotW = width - MARGIN.left - MARGIN.right
  const plotH = height - MARGIN.top - MARGIN.bottom
  return {
    x: timeAxis(e.tMax - t0, 8),
    y: valueAxis(e.vMin, e.vMax, 6),
    t0,
    left: MARGIN.left,
    top: MARGIN.top,
    plotW,
    plotH,
    kw: Math.max(Math.abs(e.vMin), Math.abs(e.vMax)) >= KW_FROM_W,
  }
}

const xOf = (f: Frame, t: number): number => f.left + ((t - f.t0 - f.x.min) / (f.x.max - f.x.min)) * f.plotW
const yOf = (f: Frame, v: number): number => f.top + f.plotH - ((v - f.y.min) / (f.y.max - f.y.min)) * f.plotH

function formatValue(v: number, kw: boolean): string {
  return kw ? `${Number((v / 1000).toPrecision(6))}` : `${Number(v.toPrecision(6))}`
}

function axes(f: Frame, yLabel: string): string {
  const bottom = f.top + f.plotH
  const xTicks = f.x.ticks.map((t) => {
    const x = round(xOf(f, f.t0 + t))
    return `<line x1="${x}" y1="${f.top}" x2="${x}" y2="${bottom}" stroke="#ddd" stroke-width="0.5"/><text x="${x}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(formatElapsed(t))}</text>`
  })
  const yTicks = f.y.ticks.map((v) => {
    const y = round(yOf(f, v))
    return `<line x1="${f.left}" y1="${y}" x2="${f.left + f.plotW}" y2="${y}" stroke="#ddd" stroke-width="0.5"/><text x="${f.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatValue(v, f.kw)}</text>`
  })
  const unit = f.kw ? 'kW' : 'W'
  const frame = `<rect x="${f.left}" y="${f.top}" width="${f.plotW}" height="${f.plotH}" fill="none" stroke="#444"/>`
  const xTitle = `<text x="${round(f.left + f.plotW / 2)}" y="${bottom + 34}" text-anchor="middle">Time from start (min:s)</text>`
  const yTitle = `<text transform="translate(14 ${round(f.top + f.plotH / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(`${yLabel} (${unit})`)}</text>`
  return [...xTicks, ...yTicks, frame, xTitle, yTitle].join('')
}

function seriesPath(f: Frame, series: PlotSeries, gapS: number): string {
  const columns = { x0: f.t0 + f.x.min, x1: f.t0 + f.x.max, columns: Math.max(1, Math.round(f.plotW)) }
  const d = splitRuns(series.points, gapS)
    .map((run) => minMaxPerColumn(run, columns).map((p, i) => `${i === 0 ? 'M' : 'L'}${round(xOf(f, p[0]))} ${round(yOf(f, p[1]))}`).join(''))
    .join('')
  if (d === '') return ''
  const dash = series.style.dash ? ` stroke-dasharray="${escapeHtml(series.style.dash)}"` : ''
  return `<path d="${d}" fill="none" stroke="${escapeHtml(series.style.color)}" stroke-width="${series.style.width ?? 1.5}"${dash} stroke-linejoin="round"/>`
}

const HIGHLIGHT_FILL = '#d62828'
const HIGHLIGHT_OPACITY = 0.15

function shading(f: Frame, highlights: PlotOptions['highlights']): string {
  if (highlights === undefined) return ''
  return highlights.spans
    .map((span) => {
      const x1 = xOf(f, span.from)
      const width = Math.max(1, xOf(f, span.to) - x1)
      return `<rect x="${round(x1)}" y="${f.top}" width="${round(width)}" height="${f.plotH}" fill="${HIGHLIGHT_FILL}" fill-opacity="${HIGHLIGHT_OPACITY}"/>`
    })
    .join('')
}

function legend(series: readonly PlotSeries[], left: number, highlights: PlotOptions['highlights']): string {
  let x = left
  const swatch = (name: string) => {
    const entry = `<rect x="${x}" y="21" width="24" height="10" fill="${HIGHLIGHT_FILL}" fill-opacity="${HIGHLIGHT_OPACITY}"/><text x="${x + 30}" y="26" dominant-baseline="middle">${escapeHtml(name)}</text>`
    x += 40 + name.length * 6.5
    return entry
  }
  const lines = series
    .map((s) => {
      const dash = s.style.dash ? ` stroke-dasharray="${escapeHtml(s.style.dash)}"` : ''
      const entry = `<line x1="${x}" y1="26" x2="${x + 24}" y2="26" stroke="${escapeHtml(s.style.color)}" stroke-width="${s.style.width ?? 1.5}"${dash}/><text x="${x + 30}" y="26" dominant-baseline="middle">${escapeHtml(s.name)}</text>`
      x += 40 + s.name.length * 6.5
      return entry
    })
    .join('')
  return highlights === undefined || highlights.spans.length === 0 ? lines : lines + swatch(highlights.name)
}

/** The plot as a standalone `<svg>` element (with a viewBox, so it scales to the page width). */
export function renderSvgPlot(options: PlotOptions): string {
  const width = options.width ?? DEFAULT_WIDTH
  const height = options.height ?? DEFAULT_HEIGHT
  const f = frameOf(options, width, height)
  const title = options.title ? `<text x="${f.left}" y="12" font-weight="bold" font-size="12">${escapeHtml(options.title)}</text>` : ''
  const label = options.title ? escapeHtml(options.title) : 'Time series plot'
  const paths = options.series.map((s) => seriesPath(f, s, options.gapS ?? DEFAULT_GAP_S)).join('')
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}" font-family="sans-serif" font-size="11">`,
    // Presentation attributes, not a <style> element: the app's CSP refuses inline styles in the preview.
    title,
    legend(options.series, f.left, options.highlights),
    shading(f, options.highlights),
    axes(f, options.yLabel ?? 'Power'),
    `<g>${paths}</g>`,
    '</svg>',
  ].join('')
}
