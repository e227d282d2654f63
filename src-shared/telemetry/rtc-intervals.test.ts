import { describe, it, expect } from 'vitest'
import {
  checkPostRate,
  inInterval,
  intervalContaining,
  intervalsEndingBetween,
  lastCompletedInterval,
  nextTick,
} from './rtc-intervals'

/** 2026-03-02 in UTC at hh:mm:ss.ms */
const at = (h: number, m: number, s = 0, ms = 0): number => Date.UTC(2026, 2, 2, h, m, s, ms)

describe('RTC 5-minute intervals (handbook 10.8.1, TEL-3)', () => {
  it('the reading sent at 13:30 covers 13:25 to 13:30 (handbook example)', () => {
    expect(lastCompletedInterval(at(13, 30))).toEqual({ startMs: at(13, 25), endMs: at(13, 30) })
  })

  it('a sample exactly on the tick belongs to the interval ending at that tick: (start, end]', () => {
    expect(intervalContaining(at(13, 30, 0, 0))).toEqual({ startMs: at(13, 25), endMs: at(13, 30) })
  })

  it('a sample 100 ms after the tick belongs to the next interval (ending 13:35)', () => {
    expect(intervalContaining(at(13, 30, 0, 100))).toEqual({ startMs: at(13, 30), endMs: at(13, 35) })
  })

  it('a sample 1 ms after the start is inside, the start itself is not', () => {
    const interval = { startMs: at(13, 25), endMs: at(13, 30) }
    expect(inInterval(at(13, 25, 0, 1), interval)).toBe(true)
    expect(inInterval(at(13, 25), interval)).toBe(false)
    expect(inInterval(at(13, 30), interval)).toBe(true)
    expect(inInterval(at(13, 30, 0, 1), interval)).toBe(false)
  })

  it('between ticks, the last completed interval ends at the previous tick and the next tick is the coming one', () => {
    expect(lastCompletedInterval(at(13, 32, 17))).toEqual({ startMs: at(13, 25), endMs: at(13, 30) })
    expect(nextTick(at(13, 32, 17))).toBe(at(13, 35))
    expect(nextTick(at(13, 30))).toBe(at(13, 35))
  })

  it('lists the intervals that ended in a span, oldest first', () => {
    const ends = intervalsEndingBetween(at(13, 29), at(13, 40)).map((i) => i.endMs)
    expect(ends).toEqual([at(13, 30), at(13, 35), at(13, 40)])
    expect(intervalsEndingBetween(at(13, 30), at(13, 34))).toEqual([])
  })

  it('aligns any post rate that divides a day (60 s isolated networks 10.10, 900 s, 3600 s)', () => {
    expect(intervalContaining(at(13, 30, 0, 1), { postRateS: 60 })).toEqual({ startMs: at(13, 30), endMs: at(13, 31) })
    expect(intervalContaining(at(13, 31), { postRateS: 900 })).toEqual({ startMs: at(13, 30), endMs: at(13, 45) })
    expect(intervalContaining(at(13, 31), { postRateS: 3600 })).toEqual({ startMs: at(13, 0), endMs: at(14, 0) })
  })

  it('ticks count from local midnight: a daily interval in Queensland (UTC+10) ends at 14:00 UTC', () => {
    const interval = intervalContaining(at(13, 0), { postRateS: 86_400, utcOffsetS: 36_000 })
    expect(interval).toEqual({ startMs: Date.UTC(2026, 2, 1, 14), endMs: Date.UTC(2026, 2, 2, 14) })
    // 5-minute ticks are the same in UTC and in Queensland time.
    expect(intervalContaining(at(13, 31), { utcOffsetS: 36_000 })).toEqual(intervalContaining(at(13, 31)))
  })

  it('rejects post rates that do not divide a day (the DERList pollRate 301 of Annex D)', () => {
    expect(checkPostRate(300)).toEqual({ ok: true, value: 300 })
    expect(checkPostRate(301)).toMatchObject({ ok: false, error: { code: 'TELEMETRY_POST_RATE' } })
    expect(checkPostRate(0).ok).toBe(false)
    expect(checkPostRate(1.5).ok).toBe(false)
    expect(() => intervalContaining(at(13, 0), { postRateS: 301 })).toThrow(RangeError)
  })
})
