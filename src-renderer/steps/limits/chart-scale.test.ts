import { describe, expect, it } from 'vitest'
import type { ChartPoint } from '../../../src-shared/contract/limits'
import { DEFAULT_SERIES, pointsIn, referenceMarks, wattsTick, windowEnd, yTop } from './chart-scale'

const T = Date.UTC(2026, 0, 15, 2)
const point = (minutes: number, o: Partial<ChartPoint> = {}): ChartPoint => ({ at: T + minutes * 60_000, expLimW: 1500, impLimW: 1500, genLimW: null, loadLimW: null, expRampedW: 1500, ...o })
// A day at 1.5 kW each way with one 30 kW generation event (the unreadable chart).
const day = [point(0), point(60, { genLimW: 30_000 }), point(120), point(180, { expLimW: 5000, expRampedW: 4000 }), point(240)]
const refs = { fixedExpW: 1500, fixedImpW: 1500, defaultExpW: 1500, defaultImpW: 1500 }

describe('Limits chart scaling (issue 17 item 6)', () => {
  it('scales to export and import by default, not to a generation event', () => {
    const marks = referenceMarks(refs, DEFAULT_SERIES)
    expect(yTop(day, { shown: DEFAULT_SERIES, marks })).toBe(10_000)
    expect(yTop(day, { shown: [...DEFAULT_SERIES, 'generation'], marks })).toBe(50_000)
  })

  it('gives a round top above every value shown, never 0', () => {
    expect(yTop([point(0, { expLimW: 0, impLimW: 0, expRampedW: 0 })], { shown: DEFAULT_SERIES, marks: [] })).toBe(100)
    expect(yTop([point(0, { expLimW: 1800, expRampedW: 1800 })], { shown: ['export'], marks: [] })).toBe(2000)
  })

  it('merges reference lines of equal value into one label, and shows only those of the series shown', () => {
    expect(referenceMarks(refs, DEFAULT_SERIES)).toEqual([{ y: 1500, label: 'default export = fixed export = default import = fixed import' }])
    expect(referenceMarks({ ...refs, fixedImpW: 10_000 }, ['import'])).toEqual([
      { y: 1500, label: 'default import' },
      { y: 10_000, label: 'fixed import' },
    ])
    expect(referenceMarks(refs, ['generation'])).toEqual([])
  })

  it('zooms the time axis to the next hour, 6 h, 24 h or the end of the next event', () => {
    const from = T
    expect(windowEnd('1h', { from, eventEnds: [] })).toBe(T + 3_600_000)
    expect(windowEnd('next-event', { from, eventEnds: [T - 1, T + 7_200_000, T + 3_600_000] })).toBe(T + 3_600_000 + 360_000)
    expect(windowEnd('next-event', { from, eventEnds: [] })).toBe(T + 86_400_000)
  })

  it('keeps the value in force at the left edge of a zoomed window', () => {
    const shown = pointsIn(day, { from: T + 200 * 60_000, to: T + 300 * 60_000 })
    expect(shown.map((p) => [(p.at - T) / 60_000, p.expLimW])).toEqual([
      [200, 5000],
      [240, 1500],
    ])
  })

  it('writes tick labels short', () => {
    expect([wattsTick(1500), wattsTick(30_000)]).toEqual(['1500 W', '30 kW'])
  })
})
