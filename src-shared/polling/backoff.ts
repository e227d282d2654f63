/**
 * Retry schedule for SEP2 requests (pure: random draws and times are arguments).
 * handbook 13.2: 429 and 5xx are retried with exponential backoff with jitter, 2 retries within the polling period,
 * at least 10 s between attempts. handbook FAQ: a 404 for a newly created resource is retried after a few seconds.
 */

export interface RetryPolicy {
  maxRetries: number
  /** Smallest gap between the end of one attempt and the start of the next. */
  minGapMs: number
  /** The backoff window of retry n is [base * 2^(n-1), 2 * base * 2^(n-1)). */
  baseMs: number
  /** Spread added on top of a server's Retry-After so clients told the same value do not return together. */
  retryAfterJitterMs: number
}

// handbook 13.2: 2 retries within the poll period, >= 10 s apart.
export const SERVER_RETRY_POLICY: RetryPolicy = { maxRetries: 2, minGapMs: 10_000, baseMs: 10_000, retryAfterJitterMs: 5_000 }

// handbook FAQ: "it may take a few seconds for the resource to become available. The client should retry after a few seconds."
export const JUST_CREATED_RETRY = { maxRetries: 2, delayMs: 3_000, jitterMs: 2_000 } as const

export type RetryPlan =
  | { kind: 'retry'; delayMs: number }
  | { kind: 'give-up'; reason: 'max-retries' | 'beyond-period' }

export interface RetryInput {
  /** 1 for the first retry, 2 for the second ... */
  retryNumber: number
  /** A uniform draw in [0, 1). */
  random: number
  /** Time since the first attempt started. */
  elapsedMs: number
  /** The poll period the request belongs to; retries must start inside it. */
  periodMs: number
  /** The server's Retry-After, already converted to a delay. */
  retryAfterMs?: number
  policy?: RetryPolicy
}

/** Exponential backoff with jitter, never shorter than the minimum gap. */
export function backoffDelayMs(retryNumber: number, random: number, policy: RetryPolicy = SERVER_RETRY_POLICY): number {
  const window = policy.baseMs * 2 ** Math.max(0, retryNumber - 1)
  return Math.max(policy.minGapMs, window + clampUnit(random) * window)
}

/** When (if at all) to retry a 429 / 5xx answer. */
export function planRetry(input: RetryInput): RetryPlan {
  const policy = input.policy ?? SERVER_RETRY_POLICY
  if (input.retryNumber > policy.maxRetries) return { kind: 'give-up', reason: 'max-retries' }
  const latest = input.periodMs - input.elapsedMs
  // Retry-After is honoured as "not before", but the 10 s minimum gap still applies.
  const earliest = Math.max(policy.minGapMs, input.retryAfterMs ?? 0)
  if (earliest > latest) return { kind: 'give-up', reason: 'beyond-period' }
  const wanted =
    input.retryAfterMs === undefined
      ? backoffDelayMs(input.retryNumber, input.random, policy)
      : earliest + clampUnit(input.random) * policy.retryAfterJitterMs
  return { kind: 'retry', delayMs: Math.min(wanted, latest) }
}

/** When to retry a 404 on a resource the caller has just created. */
export function planJustCreatedRetry(retryNumber: number, random: number): RetryPlan {
  if (retryNumber > JUST_CREATED_RETRY.maxRetries) return { kind: 'give-up', reason: 'max-retries' }
  return { kind: 'retry', delayMs: JUST_CREATED_RETRY.delayMs + clampUnit(random) * JUST_CREATED_RETRY.jitterMs }
}

/**
 * Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date. Returns the delay in ms from `nowMs`, or undefined
 * when absent or unreadable. A date in the past gives 0.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // Every HTTP-date form starts with a day name (RFC 9110 5.6.7); anything else is not one, whatever Date.parse says.
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /.test(trimmed)) return undefined
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}

function clampUnit(x: number): number {
  if (!(x >= 0)) return 0
  return x >= 1 ? 1 - Number.EPSILON : x
}
