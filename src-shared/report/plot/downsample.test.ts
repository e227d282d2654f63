import { describe, expect, it } from 'vitest'
import type { Point } from '../model/common'
import { minMaxPerColumn, splitRuns } from './downsample'

describe('minMaxPerColumn', () => {
  it('leaves a series that already fits untouched', () => {
    const points: Point[] = [[0, 1], [1, 5], [2, 3]]
    expect(minMaxPerColumn(points, { x0: 0, x1: 2, columns: 10 })).toEqual(points)
  })

  it('keeps each column\'s minimum and maximum in time order', () => {
    // 100 samples into 5 columns of 20: each column has one dip and one peak.
    const points: Point[] = Array.from({ length: 100 }, (_, i) => [i, i % 20 === 5 ? -7 : i % 20 === 15 ? 9 : 1] as Point)
    const out = minMaxPerColumn(points, { x0: 0, x1: 100, columns: 5 })
    expect(out).toHaveLength(10)
    expect(out.slice(0, 2)).toEqual([[5, -7], [15, 9]])
    expect(out.map((p) => p[0])).toEqual([...out.map((p) => p[0])].sort((a, b) => a - b))
  })

  it('outputs one point for a flat column', () => {
    const points: Point[] = Array.from({ length: 50 }, (_, i) => [i, 2] as Point)
    expect(minMaxPerColumn(points, { x0: 0, x1: 50, columns: 2 })).toEqual([[0, 2], [25, 2]])
  })
})

describe('splitRuns', () => {
  it('splits at non-finite values and at gaps longer than gapS', () => {
    const points: Point[] = [[0, 1], [1, 1], [2, Infinity], [3, 1], [10, 1], [11, NaN], [12, 1]]
    expect(splitRuns(points, 5)).toEqual([[[0, 1], [1, 1]], [[3, 1]], [[10, 1]], [[12, 1]]])
  })

  it('keeps a gap of exactly gapS joined', () => {
    expect(splitRuns([[0, 1], [5, 1]], 5)).toEqual([[[0, 1], [5, 1]]])
  })
})
