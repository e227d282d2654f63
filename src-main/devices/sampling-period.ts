/**
 * How often the sampler can run. Handbook 10.8.1: samples every 200 ms (10 cycles); where the device cannot, 1 s
 * samples may be sufficient. The period follows what the bus achieves, in 100 ms steps, and says why.
 *
 * The period follows a sustained trend, not one round (issue 14 item 3): it is set by the round time that at least
 * QUORUM of the last WINDOW rounds reached. One slow round on a busy laptop leaves the period alone; six slow rounds
 * out of ten back off; five fast rounds out of ten speed up again. Before QUORUM rounds are known (start-up) the
 * fastest round so far decides, so a bus that is slow from the first round backs off at once and a slow first round
 * (a connection being set up) is forgotten as soon as a fast one follows.
 */
export const TARGET_SAMPLE_PERIOD_MS = 200
export const MAX_SAMPLE_PERIOD_MS = 1000
/** Headroom kept between the time a round of reads takes and the period. */
const HEADROOM = 1.25
/** Round times remembered. */
export const WINDOW_ROUNDS = 10
/** Rounds of the window that must reach a round time before it sets the period (a majority of the window). */
export const QUORUM_ROUNDS = 6

export interface PeriodState {
  periodMs: number
  /** The last WINDOW_ROUNDS round times (ms), oldest first. */
  recentMs: readonly number[]
}

export function initialPeriodState(): PeriodState {
  return { periodMs: TARGET_SAMPLE_PERIOD_MS, recentMs: [] }
}

/** The period a round of `roundMs` needs, with headroom, in 100 ms steps between 200 ms and 1 s. */
export function periodForRound(roundMs: number): number {
  const needed = Math.ceil((roundMs * HEADROOM) / 100) * 100
  return Math.min(MAX_SAMPLE_PERIOD_MS, Math.max(TARGET_SAMPLE_PERIOD_MS, needed))
}

export function nextPeriod(state: PeriodState, roundMs: number): PeriodState {
  const recentMs = [...state.recentMs, roundMs].slice(-WINDOW_ROUNDS)
  const slowestFirst = [...recentMs].sort((a, b) => b - a)
  // The round time reached by QUORUM rounds of the window (by all of them while fewer are known).
  const sustained = slowestFirst[Math.min(QUORUM_ROUNDS, slowestFirst.length) - 1] ?? roundMs
  return { periodMs: periodForRound(sustained), recentMs }
}

export function describePeriod(periodMs: number, roundMs: number): string | undefined {
  if (periodMs <= TARGET_SAMPLE_PERIOD_MS) return undefined
  if (roundMs > MAX_SAMPLE_PERIOD_MS) {
    return `A round of reads takes ${Math.round(roundMs)} ms, more than 1 s: samples will have gaps. Use a faster baud rate, fewer devices per bus, or Modbus TCP.`
  }
  return `The bus needs ${Math.round(roundMs)} ms per round of reads, so samples are taken every ${periodMs} ms instead of 200 ms (handbook 10.8.1 allows down to 1 s).`
}
