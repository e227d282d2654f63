import { describe, expect, it } from 'vitest'
import { createPrng } from '../prng'
import { LOAD_SMOOTHING, nextLoadEstimate, noiseDeadbandW, type LoadEstimate } from './load-estimate'

describe('the load estimate under the export cap (issue 11)', () => {
  it('starts at the first sample and ignores a sample it has already taken in', () => {
    const first = nextLoadEstimate(undefined, 800, 1000, 50)
    expect(first).toEqual({ loadW: 800, deviationW: 0, atMs: 1000 })
    expect(nextLoadEstimate(first, 5000, 1000, 50)).toBe(first)
  })

  it('averages noise: a sample within the step threshold moves the estimate by the smoothing share only', () => {
    const previous: LoadEstimate = { loadW: 800, deviationW: 80, atMs: 1000 }
    const next = nextLoadEstimate(previous, 1000, 1200, 50) // 200 W < 4 x 80 W
    expect(next.loadW).toBeCloseTo(800 + LOAD_SMOOTHING * 200, 9)
  })

  it('takes a step at once: a battery that stops charging 3 kW shows in the very next decision', () => {
    const previous: LoadEstimate = { loadW: 4000, deviationW: 80, atMs: 1000 }
    expect(nextLoadEstimate(previous, 1000, 1200, 50).loadW).toBe(1000)
  })

  it('learns the noise level from the samples, so noise is not taken for steps', () => {
    const random = createPrng(7)
    let estimate: LoadEstimate | undefined
    let jumps = 0
    for (let k = 0; k < 3000; k++) {
      const sample = 800 + (random() * 2 - 1) * 300
      const next: LoadEstimate = nextLoadEstimate(estimate, sample, k * 200, 50)
      if (k > 200 && next.loadW === sample) jumps++
      estimate = next
    }
    expect(jumps).toBe(0)
    expect(estimate?.loadW).toBeGreaterThan(700)
    expect(estimate?.loadW).toBeLessThan(900)
    // Uniform ±300 W: mean absolute deviation 150 W.
    expect(estimate?.deviationW).toBeGreaterThan(100)
    expect(noiseDeadbandW(estimate, 50)).toBeGreaterThan(50)
  })

  it('the deadband is the configured one for a quiet load', () => {
    expect(noiseDeadbandW({ loadW: 800, deviationW: 5, atMs: 0 }, 50)).toBe(50)
    expect(noiseDeadbandW(undefined, 50)).toBe(50)
  })
})
