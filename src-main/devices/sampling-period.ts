/**
 * How often the sampler can run. Handbook 10.8.1: samples every 200 ms (10 cycles); where the device cannot, 1 s
 * samples may be sufficient. The period follows what the bus achieves, in 100 ms steps, and says why.
 */
export const TARGET_SAMPLE_PERIOD_MS = 200
export const MAX_SAMPLE_PERIOD_MS = 1000
/** Headroom kept between the time a round of reads takes and the period. */
const HEADROOM = 1.25
/** Rounds in a row that must fit a shorter period before the sampler speeds up again (no flapping). */
export const SPEED_UP_AFTER_ROUNDS = 10

export interface PeriodState {
  periodMs: number
  fastRounds: number
}

export function nextPeriod(state: PeriodState, roundMs: number): PeriodState {
  const needed = Math.ceil((roundMs * HEADROOM) / 100) * 100
  const desired = Math.min(MAX_SAMPLE_PERIOD_MS, Math.max(TARGET_SAMPLE_PERIOD_MS, needed))
  if (desired > state.periodMs) return { periodMs: desired, fastRounds: 0 }
  if (desired === state.periodMs) return { periodMs: desired, fastRounds: 0 }
  const fastRounds = state.fastRounds + 1
  return fastRounds >= SPEED_UP_AFTER_ROUNDS ? { periodMs: desired, fastRounds: 0 } : { periodMs: state.periodMs, fastRounds }
}

export function describePeriod(periodMs: number, roundMs: number): string | undefined {
  if (periodMs <= TARGET_SAMPLE_PERIOD_MS) return undefined
  if (roundMs > MAX_SAMPLE_PERIOD_MS) {
    return `A round of reads takes ${Math.round(roundMs)} ms, more than 1 s: samples will have gaps. Use a faster baud rate, fewer devices per bus, or Modbus TCP.`
  }
  return `The bus needs ${Math.round(roundMs)} ms per round of reads, so samples are taken every ${periodMs} ms instead of 200 ms (handbook 10.8.1 allows down to 1 s).`
}
