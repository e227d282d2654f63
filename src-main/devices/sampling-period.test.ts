import { describe, expect, it } from 'vitest'
import { describePeriod, nextPeriod, SPEED_UP_AFTER_ROUNDS } from './sampling-period'

describe('sampling period (handbook 10.8.1: 200 ms, 1 s where the device cannot)', () => {
  it.each([
    [0, 200],
    [150, 200],
    [161, 300],
    [450, 600],
    [790, 1000],
    [2000, 1000],
  ])('a %i ms round gives a %i ms period', (roundMs, periodMs) => {
    expect(nextPeriod({ periodMs: 200, fastRounds: 0 }, roundMs).periodMs).toBe(periodMs)
  })

  it(`speeds up again only after ${SPEED_UP_AFTER_ROUNDS} fast rounds in a row`, () => {
    let state = { periodMs: 600, fastRounds: 0 }
    for (let i = 1; i < SPEED_UP_AFTER_ROUNDS; i++) {
      state = nextPeriod(state, 10)
      expect(state.periodMs).toBe(600)
    }
    expect(nextPeriod(state, 10).periodMs).toBe(200)
    expect(nextPeriod({ periodMs: 600, fastRounds: 5 }, 480).fastRounds).toBe(0)
  })

  it('explains a slower period and a bus that cannot manage 1 s', () => {
    expect(describePeriod(200, 50)).toBeUndefined()
    expect(describePeriod(600, 450)).toMatch(/450 ms per round.*every 600 ms/)
    expect(describePeriod(1000, 1500)).toMatch(/more than 1 s: samples will have gaps/)
  })
})
