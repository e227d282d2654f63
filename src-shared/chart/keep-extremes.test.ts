import { describe, expect, it } from 'vitest'
import { createPrng } from '../prng'
import { keepExtremes } from './keep-extremes'

interface P {
  t: number
  a: number | null
  b: number
}

/** A noisy random walk at 5 Hz with spikes, dips, steps and a few missing values. */
function series(seed: number, n: number): P[] {
  const random = createPrng(seed)
  let level = 0
  return Array.from({ length: n }, (_, i) => {
    level += (random() - 0.5) * 50
    const r = random()
    const spike = r < 0.002 ? 5000 : r < 0.004 ? -5000 : 0
    return { t: i * 0.2 + (random() < 0.01 ? 0.05 : 0), a: random() < 0.01 ? null : level + spike, b: i > n / 2 ? 1000 : 0 }
  })
}

/** Indices whose value is the extreme of every point within `radius` seconds: a local extreme at the bucket's scale. */
function localExtremes(points: readonly P[], value: (p: P) => number | null, radius: number): number[] {
  const found: number[] = []
  points.forEach((p, i) => {
    const v = value(p)
    if (v === null) return
    const near = points.filter((q) => Math.abs(q.t - p.t) <= radius).map(value).filter((x): x is number => x !== null)
    if (v >= Math.max(...near) || v <= Math.min(...near)) found.push(i)
  })
  return found
}

describe('keepExtremes (issue 14 item 4: display downsampling that keeps peaks)', () => {
  const values = [(p: P) => p.a, (p: P) => p.b]

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('keeps every local extreme at the bucket scale of a random series (seed %i)', (seed) => {
    const input = series(seed, 3000)
    const buckets = 40
    const out = keepExtremes(input, { buckets, time: (p) => p.t, values })
    const kept = new Set(out)
    const radius = (input.at(-1)!.t - input[0]!.t) / buckets
    for (const value of values) {
      const missing = localExtremes(input, value, radius).filter((i) => !kept.has(input[i]!))
      // A tie keeps one of the equal points: what must hold is that the extreme value itself is drawn.
      for (const i of missing) {
        const p = input[i]!
        const bucketMates = out.filter((q) => Math.abs(q.t - p.t) <= radius)
        expect(bucketMates.map(value), `t=${p.t}`).toContain(value(p))
      }
    }
  })

  it('keeps the global extremes, the first and the last point, a subset of the input in time order, within budget', () => {
    const input = series(42, 20_000)
    const out = keepExtremes(input, { buckets: 100, time: (p) => p.t, values })
    expect(out.length).toBeLessThanOrEqual(2 + 2 * values.length * 100)
    expect(out[0]).toBe(input[0])
    expect(out.at(-1)).toBe(input.at(-1))
    const indices = out.map((p) => input.indexOf(p))
    expect(indices.every((i, k) => i >= 0 && (k === 0 || i > (indices[k - 1] ?? -1)))).toBe(true)
    const finite = input.map((p) => p.a).filter((v): v is number => v !== null)
    const keptA = out.map((p) => p.a).filter((v): v is number => v !== null)
    expect(Math.max(...keptA)).toBe(Math.max(...finite))
    expect(Math.min(...keptA)).toBe(Math.min(...finite))
  })

  it('keeps a one-sample spike and a one-sample dip among 432 000 samples (24 h at 5 Hz)', () => {
    const input: P[] = Array.from({ length: 432_000 }, (_, i) => ({ t: i * 0.2, a: i === 123_457 ? 9000 : i === 300_001 ? -9000 : 100, b: 0 }))
    const out = keepExtremes(input, { buckets: 300, time: (p) => p.t, values })
    expect(out.length).toBeLessThanOrEqual(1202)
    expect(out).toContain(input[123_457])
    expect(out).toContain(input[300_001])
  })

  it('handles no points, one point and values that are never finite', () => {
    expect(keepExtremes([], { buckets: 10, time: (p: P) => p.t, values })).toEqual([])
    const one = [{ t: 0, a: 1, b: 1 }]
    expect(keepExtremes(one, { buckets: 10, time: (p) => p.t, values })).toEqual(one)
    const empty = Array.from({ length: 100 }, (_, i) => ({ t: i, a: null, b: Number.NaN }))
    expect(keepExtremes(empty, { buckets: 10, time: (p) => p.t, values })).toEqual([empty[0], empty[99]])
  })
})
