/** The compliance judge (CTL-5, APP-3): below the ramped limit is fine, above it beyond tolerance and grace is not. */
import { describe, it, expect } from 'vitest'
import { buildRampEnvelope, type TargetStep } from '../ramp/envelope'
import { judgeCompliance, rampedLimit, type Sample } from './judge'

const FIG6: TargetStep[] = [
  { at: 0, value: 1_500, kind: 'default' },
  { at: 30, value: 5_000, kind: 'event' },
  { at: 350, value: 10_000, kind: 'event' },
  { at: 650, value: 1_500, kind: 'default' },
]
const fig6 = buildRampEnvelope({ steps: FIG6, capacityW: 10_000 })
const limit = rampedLimit(fig6)
const seconds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const series = (f: (t: number) => number, from = 0, to = 1_000): Sample[] => seconds(from, to).map((t) => ({ t, w: f(t) }))
const TOL = { toleranceW: 100, graceS: 5 }

describe('compliant runs', () => {
  it('following the figure 6 ramp exactly passes', () => {
    const v = judgeCompliance({ samples: series(limit), limitAt: limit, tolerance: { toleranceW: 0, graceS: 0 } })
    expect(v).toEqual({ pass: true, violations: [], worstViolation: undefined, samplesJudged: 1_001, samplesSkipped: 0 })
  })

  it('a fast drop at 650 s (well below the ramped fall) passes', () => {
    const w = (t: number) => (t < 650 ? limit(t) - 20 : 1_400)
    expect(judgeCompliance({ samples: series(w), limitAt: limit, tolerance: { toleranceW: 0, graceS: 0 } }).pass).toBe(true)
  })
})

describe('violations', () => {
  it('an overshoot is flagged with its size and duration', () => {
    // envelope is 5000 W from 155 s; the DER sits at 5600 W from 200 s to 230 s, with a 5800 W peak at 210 s
    const w = (t: number) => (t === 210 ? 5_800 : t >= 200 && t <= 230 ? 5_600 : Math.min(limit(t), 4_900))
    const v = judgeCompliance({ samples: series(w), limitAt: limit, tolerance: TOL })
    expect(v.pass).toBe(false)
    expect(v.violations).toEqual([{ start: 200, end: 231, durationS: 31, worstExcessW: 800, at: 210 }])
    expect(v.worstViolation).toEqual(v.violations[0])
  })

  it('a short excursion within the grace passes, one just longer fails', () => {
    const within = (t: number) => (t >= 200 && t < 205 ? 5_600 : 4_900) // above at 200..204, back at 205: 5 s
    const longer = (t: number) => (t >= 200 && t < 206 ? 5_600 : 4_900) // back at 206: 6 s
    expect(judgeCompliance({ samples: series(within, 160, 300), limitAt: limit, tolerance: TOL }).pass).toBe(true)
    expect(judgeCompliance({ samples: series(longer, 160, 300), limitAt: limit, tolerance: TOL }).violations).toEqual([
      { start: 200, end: 206, durationS: 6, worstExcessW: 600, at: 200 },
    ])
  })

  it('a late response to a stepped limit is a violation; the same delay within the grace is not', () => {
    // setGradW 0: the limit steps from 10 kW to 2 kW at 100 s; the DER stays at 8 kW until 108 s
    const step = buildRampEnvelope({
      steps: [{ at: 0, value: 10_000, kind: 'event' }, { at: 100, value: 2_000, kind: 'default' }], capacityW: 10_000, setGradW: 0,
    })
    const w = (t: number) => (t < 108 ? 8_000 : 1_900)
    const late = judgeCompliance({ samples: series(w, 0, 200), limitAt: rampedLimit(step), tolerance: TOL })
    expect(late.violations).toEqual([{ start: 100, end: 108, durationS: 8, worstExcessW: 6_000, at: 100 }])
    const lenient = judgeCompliance({ samples: series(w, 0, 200), limitAt: rampedLimit(step), tolerance: { ...TOL, graceS: 10 } })
    expect(lenient.pass).toBe(true)
  })

  it('an excursion still open at the end of the series is measured to the last sample', () => {
    const v = judgeCompliance({ samples: series(() => 5_600, 200, 220), limitAt: () => 5_000, tolerance: TOL })
    expect(v.violations).toEqual([{ start: 200, end: 220, durationS: 20, worstExcessW: 600, at: 200 }])
  })
})

describe('tolerance edges (grace 0)', () => {
  const one = (w: number, tolerancePct?: number) =>
    judgeCompliance({
      samples: [{ t: 0, w: 4_000 }, { t: 1, w }, { t: 2, w: 4_000 }],
      limitAt: () => 5_000,
      tolerance: tolerancePct === undefined ? { toleranceW: 50, graceS: 0 } : { toleranceW: 50, tolerancePct, graceS: 0 },
    }).pass

  it('exactly at the tolerance passes', () => expect(one(5_050)).toBe(true))
  it('1 W over the tolerance fails', () => expect(one(5_051)).toBe(false))
  it('the larger of toleranceW and tolerancePct applies (2 % of 5000 = 100 W)', () => {
    expect(one(5_100, 2)).toBe(true)
    expect(one(5_101, 2)).toBe(false)
    expect(one(5_050, 0.5)).toBe(true) // 0.5 % = 25 W < 50 W
    expect(one(5_051, 0.5)).toBe(false)
  })
})

describe('inputs', () => {
  it('no limit (Infinity) never violates; non-finite samples are skipped and counted', () => {
    const v = judgeCompliance({
      samples: [{ t: 2, w: 1e9 }, { t: 1, w: Number.NaN }, { t: Number.NaN, w: 1 }],
      limitAt: () => Infinity,
      tolerance: { toleranceW: 0, graceS: 0 },
    })
    expect(v).toMatchObject({ pass: true, samplesJudged: 1, samplesSkipped: 2 })
  })

  it('unsorted samples are judged in time order', () => {
    const v = judgeCompliance({
      samples: [{ t: 3, w: 0 }, { t: 1, w: 6_000 }, { t: 2, w: 6_000 }, { t: 0, w: 0 }],
      limitAt: () => 5_000,
      tolerance: { toleranceW: 0, graceS: 0 },
    })
    expect(v.violations).toEqual([{ start: 1, end: 3, durationS: 2, worstExcessW: 1_000, at: 1 }])
  })
})
