import { describe, expect, it } from 'vitest'
import { qldClock, qldDateTime, qldTime, utcDateTime } from './qld-time'

// 2026-04-05 15:59:59 UTC: Sydney's daylight time ends that night; Queensland stays UTC+10 either side.
const T = Date.UTC(2026, 3, 5, 15, 59, 59)

describe('Queensland time (AEST, UTC+10, no daylight saving)', () => {
  it.each([
    ['date and time', qldDateTime(T), '2026-04-06 01:59:59 AEST'],
    ['time of day', qldTime(T), '01:59:59 AEST'],
    ['chart tick', qldClock(T), '01:59'],
    ['UTC', utcDateTime(T), '2026-04-05 15:59:59 UTC'],
    ['January (NSW on daylight time)', qldDateTime(Date.UTC(2026, 0, 15, 2, 0)), '2026-01-15 12:00:00 AEST'],
    ['July (no daylight time anywhere)', qldDateTime(Date.UTC(2026, 6, 15, 2, 0)), '2026-07-15 12:00:00 AEST'],
  ])('%s', (_name, got, want) => {
    expect(got).toBe(want)
  })

  it('never formats a non-finite time as a date', () => {
    expect(qldDateTime(Number.NaN)).toBe('unknown time')
    expect(utcDateTime(Number.POSITIVE_INFINITY)).toBe('unknown time')
    expect(qldClock(Number.NaN)).toBe('')
  })
})
