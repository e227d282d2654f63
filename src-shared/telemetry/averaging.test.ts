import { describe, it, expect } from 'vitest'
import { aggregateInterval, channelStats, type ScopeAggregate } from './averaging'
import type { MeterSample, TelemetrySample } from './telemetry-types'

const START = Date.UTC(2026, 2, 2, 13, 25)
const END = Date.UTC(2026, 2, 2, 13, 30)
const INTERVAL = { startMs: START, endMs: END }

/** Samples every `stepMs` in (fromMs, toMs], each built by `make`. */
function series(fromMs: number, toMs: number, stepMs: number, make: (t: number) => MeterSample): TelemetrySample[] {
  const out: TelemetrySample[] = []
  for (let t = fromMs + stepMs; t <= toMs; t += stepMs) out.push({ t, site: make(t) })
  return out
}
const phaseA = (w: number): MeterSample => ({ a: { w } })
const stat = (scope: ScopeAggregate, phase: string, quantity: string) =>
  scope.channels.find((c) => c.phase === phase && c.quantity === quantity)?.stats

describe('time-weighted interval averages (TEL-3, handbook 10.8.1)', () => {
  it('steady 200 ms samples: the average is the value and the interval is fully covered', () => {
    const agg = aggregateInterval(series(START, END, 200, () => phaseA(1500)), INTERVAL)
    expect(stat(agg.site, 'a', 'w')).toMatchObject({ average: 1500, maximum: 1500, minimum: 1500, sampleCount: 1500 })
    expect(agg.site.coverage).toBe(1)
    expect(agg.site.lowCoverage).toBe(false)
  })

  it('irregular spacing: each sample counts for the time it holds, not once per sample', () => {
    // 150 s of 1 s samples at 1000 W, then 150 s of 200 ms samples at 4000 W.
    const mid = START + 150_000
    const samples = [...series(START, mid, 1000, () => phaseA(1000)), ...series(mid, END, 200, () => phaseA(4000))]
    const timeWeighted = aggregateInterval(samples, INTERVAL)
    expect(stat(timeWeighted.site, 'a', 'w')?.average).toBeCloseTo(2500, 6)
    const sampleMean = aggregateInterval(samples, INTERVAL, { method: 'sample-mean' })
    // 150 samples at 1000 and 750 at 4000: the plain mean over-weights the fast stretch.
    expect(stat(sampleMean.site, 'a', 'w')?.average).toBeCloseTo((150 * 1000 + 750 * 4000) / 900, 6)
  })

  it('a gap is not filled with the stale value: coverage drops and the interval is flagged', () => {
    const samples = [
      ...series(START, START + 120_000, 200, () => phaseA(1000)),
      ...series(START + 180_000, END, 200, () => phaseA(3000)),
    ]
    const agg = aggregateInterval(samples, INTERVAL)
    // The first sample after the gap vouches for at most 2 s (DEFAULT_MAX_HOLD_MS) before it.
    const covered3000 = 2 + 599 * 0.2
    const expected = (1000 * 120 + 3000 * covered3000) / (120 + covered3000)
    expect(stat(agg.site, 'a', 'w')?.average).toBeCloseTo(expected, 6)
    expect(agg.site.coverage).toBeCloseTo((120 + covered3000) / 300, 9)
    expect(agg.site.lowCoverage).toBe(true)
    // A zero-order hold across the gap would have given 1000 W for 60 s more and a lower average.
    expect(expected).toBeGreaterThan((1000 * 180 + 3000 * 120) / 300)
  })

  it('the coverage threshold is a setting', () => {
    const samples = series(START, START + 285_000, 200, () => phaseA(1))
    expect(aggregateInterval(samples, INTERVAL).site.lowCoverage).toBe(false)
    expect(aggregateInterval(samples, INTERVAL, { minCoverage: 0.99 }).site.lowCoverage).toBe(true)
  })

  it('interval boundaries: 13:30:00.000 is in the interval ending 13:30, 13:30:00.100 is not', () => {
    const samples: TelemetrySample[] = [
      ...series(START, END - 200, 200, () => phaseA(1000)),
      { t: END, site: phaseA(2000) },
      { t: END + 100, site: phaseA(99_000) },
    ]
    const w = stat(aggregateInterval(samples, INTERVAL).site, 'a', 'w')
    expect(w?.maximum).toBe(2000)
    expect(w?.sampleCount).toBe(1500)
    const next = aggregateInterval(samples, { startMs: END, endMs: END + 300_000 })
    expect(stat(next.site, 'a', 'w')).toMatchObject({ maximum: 99_000, sampleCount: 1 })
  })

  it('a sample before the start only bounds the first hold; the first hold is clipped at the start', () => {
    const samples: TelemetrySample[] = [
      { t: START - 1000, site: phaseA(50_000) },
      { t: START + 500, site: phaseA(100) },
      { t: START + 1000, site: phaseA(300) },
    ]
    const w = channelStats(
      samples.map((s) => ({ t: s.t, value: s.site?.a?.w ?? 0 })),
      INTERVAL,
    )
    expect(w).toMatchObject({ average: 200, maximum: 300, minimum: 100, sampleCount: 2 })
    expect(w?.coverage).toBeCloseTo(1 / 300, 9)
  })

  it('an empty interval has no channels, zero coverage, and is flagged', () => {
    const outside = series(END, END + 60_000, 200, () => phaseA(1))
    for (const samples of [[], outside]) {
      const agg = aggregateInterval(samples, INTERVAL)
      expect(agg.site).toEqual({ channels: [], coverage: 0, lowCoverage: true, sampleCount: 0 })
      expect(agg.der.channels).toEqual([])
    }
  })

  it('single-phase site: phase A and the totals it implies, no B or C', () => {
    const agg = aggregateInterval(series(START, END, 1000, () => ({ a: { w: -2000, var: 300, v: 241 }, hz: 50 })), INTERVAL)
    const names = agg.site.channels.map((c) => `${c.phase}.${c.quantity}`)
    expect(names).toEqual(['a.w', 'a.var', 'a.v', 'total.w', 'total.var', 'total.v', 'total.hz'])
    expect(stat(agg.site, 'total', 'w')?.average).toBe(-2000)
  })

  it('three phases: totals are the phase sum unless the meter gives its own', () => {
    const three = (t: number): MeterSample => ({ a: { w: 1000 }, b: { w: 2000 }, c: { w: -500 + (t % 2) } })
    const agg = aggregateInterval(series(START, END, 1000, three), INTERVAL)
    expect(stat(agg.site, 'total', 'w')?.average).toBeCloseTo(2500, 6)
    const own = aggregateInterval(series(START, END, 1000, (t) => ({ ...three(t), total: { w: 2400 } })), INTERVAL)
    expect(stat(own.site, 'total', 'w')?.average).toBe(2400)
  })

  it('site and DER are aggregated separately, each with its own coverage', () => {
    const samples = series(START, END, 200, () => phaseA(-3000)).map((s, i) =>
      i % 2 === 0 ? { ...s, der: { a: { w: 3500 } } } : s,
    )
    const agg = aggregateInterval(samples, INTERVAL)
    expect(stat(agg.der, 'a', 'w')?.average).toBe(3500)
    // Every other 200 ms sample: 400 ms spacing is within the 2 s hold; the last DER sample is at 13:29:59.8 and
    // nothing vouches for the 200 ms after it.
    expect(agg.der.coverage).toBeCloseTo(299.8 / 300, 9)
    expect(stat(agg.site, 'a', 'w')?.average).toBe(-3000)
  })

  it('frequency maximum and minimum are over the individual samples (table 4)', () => {
    const hz = [50.0, 50.02, 49.97, 50.01]
    const samples = hz.map((value, i) => ({ t: START + (i + 1) * 60_000, site: { hz: value } }))
    expect(stat(aggregateInterval(samples, INTERVAL).site, 'total', 'hz')).toMatchObject({ maximum: 50.02, minimum: 49.97 })
  })

  it('voltage is aggregated as RMS (61000.4.30): root of the mean square', () => {
    const samples = series(START, END, 1000, (t) => ({ a: { v: (t - START) % 2000 === 0 ? 250 : 230 } }))
    const v = stat(aggregateInterval(samples, INTERVAL).site, 'a', 'v')
    expect(v?.average).toBeCloseTo(Math.sqrt((230 ** 2 + 250 ** 2) / 2), 9)
    expect(v?.average).not.toBeCloseTo(240, 3)
  })

  it('input order does not matter', () => {
    const samples = series(START, END, 700, (t) => phaseA((t / 7) % 1000))
    const shuffled = [...samples].reverse()
    expect(aggregateInterval(shuffled, INTERVAL)).toEqual(aggregateInterval(samples, INTERVAL))
  })

  it('a channel missing from some samples gets its own (lower) coverage', () => {
    const samples = series(START, END, 200, (t) => (t < START + 150_000 ? { a: { w: 1, v: 240 } } : { a: { w: 1 } }))
    const agg = aggregateInterval(samples, INTERVAL)
    // The last voltage sample is at start + 149.8 s.
    expect(stat(agg.site, 'a', 'v')?.coverage).toBeCloseTo(149.8 / 300, 9)
    expect(stat(agg.site, 'a', 'w')?.coverage).toBe(1)
  })
})
