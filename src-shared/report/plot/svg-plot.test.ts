import { describe, expect, it } from 'vitest'
import type { Point } from '../model/common'
import { renderSvgPlot, type PlotSeries } from './svg-plot'

const FOUR_HOURS_S = 4 * 3600
const PERIOD_S = 0.2
const T0 = 1_795_000_000

function series(f: (s: number) => number): Point[] {
  const points: Point[] = []
  for (let i = 0; i * PERIOD_S <= FOUR_HOURS_S; i++) points.push([T0 + i * PERIOD_S, f(i * PERIOD_S)])
  return points
}

const noisy = (s: number) => 3000 + 800 * Math.sin(s / 600) + 150 * Math.sin(s * 7.3)
const fourHours: PlotSeries[] = [
  { name: 'Target limit', points: series((s) => (s < 3600 ? 5000 : 1500)), style: { color: '#b01c1c', dash: '8 4' } },
  { name: 'Ramped envelope', points: series((s) => (s < 3600 ? 5000 : Math.max(1500, 5000 - (s - 3600) * 14))), style: { color: '#e08a00' } },
  { name: 'Measured site export', points: series(noisy), style: { color: '#1f5fbf' } },
  { name: 'Inverter output', points: series((s) => noisy(s) + 500), style: { color: '#2e8b3a', dash: '2 3' } },
]

/** The y pixel of every path vertex of the nth path. */
function pathYs(svg: string, n: number): number[] {
  const d = [...svg.matchAll(/<path d="([^"]*)"/g)][n]?.[1] ?? ''
  return [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => Number(m[2]))
}

describe('renderSvgPlot', () => {
  it('carries no <style> element or style attribute (the in-app preview runs under a CSP without inline styles)', () => {
    const svg = renderSvgPlot({ title: 'T', series: [{ name: 'a', points: [[0, 1], [1, 2]], style: { color: '#000' } }] })
    expect(svg).not.toMatch(/<style|style=/)
  })

  it('keeps 4 hours of 200 ms samples of 4 series small, with the legend names (APP-4/APP-5)', () => {
    expect(fourHours[0]?.points.length).toBe(72_001)
    const svg = renderSvgPlot({ series: fourHours, title: 'Four hours' })
    expect(svg.length).toBeLessThan(100_000)
    for (const s of fourHours) expect(svg).toContain(`>${s.name}</text>`)
    expect(svg.match(/<path /g)).toHaveLength(4)
    expect(svg).toContain('stroke-dasharray="8 4"')
    expect(svg).toContain('stroke-dasharray="2 3"')
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.endsWith('</svg>')).toBe(true)
  })

  it('draws axes with tick labels in elapsed time and W / kW', () => {
    const svg = renderSvgPlot({ series: fourHours })
    expect(svg).toContain('>0 s</text>')
    expect(svg).toContain('>1:00:00</text>')
    expect(svg).toContain('Power (W)')
    const big = renderSvgPlot({ series: [{ name: 'Big', points: [[0, 0], [60, 20_000]], style: { color: 'black' } }] })
    expect(big).toContain('Power (kW)')
    expect(big).toContain('>20</text>')
  })

  it('keeps a single-sample spike among thousands of samples', () => {
    const flat = series(() => 1000)
    flat[40_000] = [flat[40_000]?.[0] ?? 0, 9000]
    const svg = renderSvgPlot({ series: [{ name: 'Spiky', points: flat, style: { color: 'black' } }] })
    const ys = pathYs(svg, 0)
    expect(ys.length).toBeLessThan(2000)
    // 9000 W is the top of the axis (0..10000): the spike's vertex sits well above the flat line.
    expect(Math.min(...ys)).toBeLessThan(Math.max(...ys) - 150)
  })

  it('breaks the line at gaps and at "no limit" (Infinity), and escapes names', () => {
    const points: Point[] = [[0, 1], [1, 2], [2, Infinity], [3, 2], [4, 3], [60, 3], [61, 4]]
    const svg = renderSvgPlot({ series: [{ name: 'A<b>&"c"', points, style: { color: 'red' } }], gapS: 5 })
    const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? ''
    expect(d.match(/M/g)).toHaveLength(3)
    expect(svg).toContain('A&lt;b&gt;&amp;&quot;c&quot;')
    expect(svg).not.toContain('<b>')
  })

  it('shades highlighted spans across the plot height and names them in the legend', () => {
    const points: Point[] = [[0, 0], [100, 1000]]
    const svg = renderSvgPlot({ series: [{ name: 'A', points, style: { color: 'red' } }], highlights: { name: 'Violation', spans: [{ from: 50, to: 60 }] }, width: 400, height: 200 })
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="(\d+)" width="([\d.]+)" height="([\d.]+)" fill="#d62828"/g)]
    expect(rects).toHaveLength(2) // the span and its legend swatch
    const span = rects.find((r) => r[4] !== '10')
    // plot area 64..384 px for 0..100 s: 50..60 s is x 224, 32 px wide
    expect([span?.[1], span?.[3]]).toEqual(['224', '32'])
    expect(svg).toContain('>Violation</text>')
    const none = renderSvgPlot({ series: [{ name: 'A', points, style: { color: 'red' } }], highlights: { name: 'Violation', spans: [] } })
    expect(none).not.toContain('Violation')
  })

  it('renders an empty plot without failing', () => {
    const svg = renderSvgPlot({ series: [{ name: 'Nothing', points: [], style: { color: 'red' } }] })
    expect(svg).toContain('Nothing')
    expect(svg).not.toContain('<path')
    expect(svg).not.toContain('NaN')
  })
})
