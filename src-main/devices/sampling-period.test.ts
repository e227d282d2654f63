import { describe, expect, it } from 'vitest'
import { describePeriod, initialPeriodState, nextPeriod, periodForRound, QUORUM_ROUNDS, WINDOW_ROUNDS, type PeriodState } from './sampling-period'

/** Feed round times in order; the period after each round. */
function periods(rounds: readonly number[], from: PeriodState = initialPeriodState()): { state: PeriodState; seen: number[] } {
  let state = from
  const seen = rounds.map((roundMs) => (state = nextPeriod(state, roundMs)).periodMs)
  return { state, seen }
}

const steady = (roundMs: number, n: number) => Array.from({ length: n }, () => roundMs)

describe('sampling period (handbook 10.8.1: 200 ms, 1 s where the device cannot)', () => {
  it.each([
    [0, 200],
    [150, 200],
    [161, 300],
    [450, 600],
    [790, 1000],
    [2000, 1000],
  ])('a %i ms round needs a %i ms period', (roundMs, periodMs) => {
    expect(periodForRound(roundMs)).toBe(periodMs)
    // A bus that is this slow from its first round backs off at once.
    expect(nextPeriod(initialPeriodState(), roundMs).periodMs).toBe(periodMs)
  })

  it('one slow round on a busy machine does not change the period (issue 14 item 3)', () => {
    const { state } = periods(steady(126, WINDOW_ROUNDS))
    expect(state.periodMs).toBe(200)
    const { seen } = periods([320, ...steady(126, WINDOW_ROUNDS)], state)
    expect(seen).toEqual(steady(200, WINDOW_ROUNDS + 1))
  })

  it('a few slow rounds in a window, even together, do not change it either', () => {
    const { state } = periods(steady(126, WINDOW_ROUNDS))
    const { seen } = periods([...steady(400, QUORUM_ROUNDS - 1), ...steady(126, WINDOW_ROUNDS)], state)
    expect(new Set(seen)).toEqual(new Set([200]))
  })

  it(`a sustained slowdown backs off once ${QUORUM_ROUNDS} of the last ${WINDOW_ROUNDS} rounds are slow`, () => {
    const { state } = periods(steady(126, WINDOW_ROUNDS))
    const { seen } = periods(steady(400, QUORUM_ROUNDS), state)
    expect(seen).toEqual([...steady(200, QUORUM_ROUNDS - 1), 500])
  })

  it(`recovers once ${WINDOW_ROUNDS - QUORUM_ROUNDS + 1} of the last ${WINDOW_ROUNDS} rounds are fast again`, () => {
    const { state } = periods(steady(400, WINDOW_ROUNDS))
    expect(state.periodMs).toBe(500)
    const fastToRecover = WINDOW_ROUNDS - QUORUM_ROUNDS + 1
    const { seen } = periods(steady(126, fastToRecover), state)
    expect(seen).toEqual([...steady(500, fastToRecover - 1), 200])
  })

  it('a slow first round (a connection being set up) is forgotten as soon as a fast round follows', () => {
    expect(periods([700, 126]).seen).toEqual([900, 200])
  })

  it('remembers only the last window of rounds', () => {
    const { state } = periods(steady(126, 3 * WINDOW_ROUNDS))
    expect(state.recentMs).toHaveLength(WINDOW_ROUNDS)
  })

  it('explains a slower period and a bus that cannot manage 1 s', () => {
    expect(describePeriod(200, 50)).toBeUndefined()
    expect(describePeriod(600, 450)).toMatch(/450 ms per round.*every 600 ms/)
    expect(describePeriod(1000, 1500)).toMatch(/more than 1 s: samples will have gaps/)
  })
})
