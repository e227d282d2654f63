import { describe, expect, it } from 'vitest'
import { formatElapsed, niceStep, timeAxis, valueAxis } from './ticks'

describe('ticks', () => {
  it.each([
    [10, 5, 2],
    [7, 7, 1],
    [1000, 6, 200],
    [12_345, 6, 5000],
    [0.3, 3, 0.1],
  ])('niceStep(%d, %d) = %d', (span, count, step) => {
    expect(niceStep(span, count)).toBeCloseTo(step, 10)
  })

  it('widens a value axis to whole steps, and gives a flat series some height', () => {
    expect(valueAxis(-120, 5100, 6)).toEqual({ min: -1000, max: 6000, ticks: [-1000, 0, 1000, 2000, 3000, 4000, 5000, 6000] })
    expect(valueAxis(0, 0, 4).max).toBeGreaterThan(0)
  })

  it('steps elapsed time in seconds, minutes and hours', () => {
    expect(timeAxis(240, 8).ticks).toEqual([0, 30, 60, 90, 120, 150, 180, 210, 240])
    expect(timeAxis(4 * 3600, 8).ticks).toEqual([0, 1800, 3600, 5400, 7200, 9000, 10800, 12600, 14400])
  })

  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [90, '1:30'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
  ])('formatElapsed(%d) = %s', (s, text) => {
    expect(formatElapsed(s)).toBe(text)
  })
})
