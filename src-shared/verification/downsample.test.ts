import { describe, expect, it } from 'vitest'
import { downsampleRun } from './downsample'

describe('downsampleRun', () => {
  const points = Array.from({ length: 5000 }, (_, i) => ({ t: i * 0.2, ramped: 5000, measured: 4000 }))

  it('keeps at most the requested number of points, first and last included', () => {
    const out = downsampleRun(points, 500)
    expect(out.length).toBeLessThanOrEqual(500)
    expect(out[0]).toBe(points[0])
    expect(out.at(-1)).toBe(points.at(-1))
  })

  it('never drops the worst overshoot', () => {
    const spiky = points.map((p, i) => (i === 2345 ? { ...p, measured: 7000 } : p))
    expect(downsampleRun(spiky, 200)).toContainEqual({ t: 2345 * 0.2, ramped: 5000, measured: 7000 })
  })

  it('returns short series unchanged', () => {
    expect(downsampleRun(points.slice(0, 10), 100)).toHaveLength(10)
  })
})

describe('downsampleRun keeps peaks and dips (issue 14 item 4)', () => {
  it('a one-sample dip and a one-sample spike of the measured value survive a 1000 s run at 5 Hz', () => {
    const run = Array.from({ length: 5001 }, (_, i) => ({ t: i * 0.2, ramped: i < 2500 ? 5000 : 1500, measured: i === 1111 ? -800 : i === 3333 ? 1490.5 : i < 2500 ? 4000 : 1400 }))
    const out = downsampleRun(run, 300)
    expect(out.length).toBeLessThanOrEqual(300)
    expect(out).toContainEqual(run[1111])
    expect(out).toContainEqual(run[3333])
    // the envelope's step stays a step: both its levels are drawn
    expect(new Set(out.map((p) => p.ramped))).toEqual(new Set([5000, 1500]))
  })
})

describe('downsampleRun keeps the setpoint series’ swings (issue 11 item 3: hunting must stay visible)', () => {
  it('a setpoint dip to 0 W in a 1000 s run at 5 Hz survives, as do both of its levels', () => {
    const run = Array.from({ length: 5001 }, (_, i) => ({ t: i * 0.2, ramped: 1500, measured: 1400, commandedW: i === 4000 ? 0 : 5000 }))
    const out = downsampleRun(run, 300)
    expect(out).toContainEqual(run[4000])
    expect(new Set(out.map((p) => p.commandedW))).toEqual(new Set([0, 5000]))
  })
})
