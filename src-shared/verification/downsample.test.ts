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
