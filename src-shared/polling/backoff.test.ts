import { describe, expect, it } from 'vitest'
import { JUST_CREATED_RETRY, SERVER_RETRY_POLICY, backoffDelayMs, parseRetryAfterMs, planJustCreatedRetry, planRetry } from './backoff'

const PERIOD = 300_000

describe('handbook 13.2: exponential backoff with jitter, >= 10 s apart', () => {
  it.each([
    [1, 0, 10_000],
    [1, 0.5, 15_000],
    [1, 0.999, 19_990],
    [2, 0, 20_000],
    [2, 0.5, 30_000],
    [2, 0.999, 39_980],
  ])('retry %i with draw %s waits %i ms', (n, r, ms) => {
    expect(backoffDelayMs(n, r)).toBeCloseTo(ms, 0)
  })

  it('never waits less than 10 s whatever the draw', () => {
    for (const r of [0, 0.1, 0.9, -1, 2, Number.NaN]) {
      for (const n of [1, 2]) expect(backoffDelayMs(n, r)).toBeGreaterThanOrEqual(SERVER_RETRY_POLICY.minGapMs)
    }
  })

  it('allows two retries, not three', () => {
    expect(planRetry({ retryNumber: 1, random: 0, elapsedMs: 0, periodMs: PERIOD }).kind).toBe('retry')
    expect(planRetry({ retryNumber: 2, random: 0, elapsedMs: 10_000, periodMs: PERIOD }).kind).toBe('retry')
    expect(planRetry({ retryNumber: 3, random: 0, elapsedMs: 30_000, periodMs: PERIOD })).toEqual({ kind: 'give-up', reason: 'max-retries' })
  })

  it('keeps retries inside the poll period (clamped to its end, or given up when even 10 s does not fit)', () => {
    expect(planRetry({ retryNumber: 2, random: 0.9, elapsedMs: 50_000, periodMs: 60_000 })).toEqual({ kind: 'retry', delayMs: 10_000 })
    expect(planRetry({ retryNumber: 1, random: 0, elapsedMs: 55_000, periodMs: 60_000 })).toEqual({ kind: 'give-up', reason: 'beyond-period' })
  })
})

describe('Retry-After', () => {
  it('is honoured as "not before", with jitter on top', () => {
    const plan = planRetry({ retryNumber: 1, random: 0.5, elapsedMs: 0, periodMs: PERIOD, retryAfterMs: 20_000 })
    expect(plan).toEqual({ kind: 'retry', delayMs: 20_000 + 0.5 * SERVER_RETRY_POLICY.retryAfterJitterMs })
  })

  it('never brings attempts closer than 10 s', () => {
    expect(planRetry({ retryNumber: 1, random: 0, elapsedMs: 0, periodMs: PERIOD, retryAfterMs: 2_000 })).toEqual({ kind: 'retry', delayMs: 10_000 })
  })

  it('beyond the poll period means no retry in this period', () => {
    expect(planRetry({ retryNumber: 1, random: 0, elapsedMs: 0, periodMs: PERIOD, retryAfterMs: 400_000 })).toEqual({ kind: 'give-up', reason: 'beyond-period' })
  })

  it.each([
    ['20', 20_000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
    // Neither delay-seconds nor an HTTP-date: Date.parse would read these as dates in 2001.
    ['-5', undefined],
    ['1.5', undefined],
    ['abc 3', undefined],
    // obsolete RFC 850 and asctime forms (RFC 9110 5.6.7)
    ['Thursday, 01-Jan-26 00:00:30 GMT', 30_000],
    ['Thu Jan  1 00:00:45 2026', 45_000],
  ])('parses %j as %s ms', (value, ms) => {
    expect(parseRetryAfterMs(value, Date.UTC(2026, 0, 1))).toBe(ms)
  })
})

describe('handbook FAQ: 404 on a newly created resource', () => {
  it('retries after a few seconds, twice at most', () => {
    expect(planJustCreatedRetry(1, 0)).toEqual({ kind: 'retry', delayMs: JUST_CREATED_RETRY.delayMs })
    const second = planJustCreatedRetry(2, 0.999)
    expect(second.kind === 'retry' && second.delayMs).toBeLessThanOrEqual(5_000)
    expect(planJustCreatedRetry(3, 0)).toEqual({ kind: 'give-up', reason: 'max-retries' })
  })
})
