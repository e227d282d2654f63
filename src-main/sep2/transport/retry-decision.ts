/**
 * What to do after one attempt: finish with a response or an error, or retry later.
 * handbook 13.2 (429 / 5xx: backoff with jitter, 2 retries in the poll period, >= 10 s apart) and FAQ (404 right after
 * a create: retry after a few seconds). The schedule itself is the pure src-shared/polling/backoff.
 * A request that met a keep-alive connection the server had already closed is retried once at once on a new one: it
 * never reached the server's application, so it is not a server failure (RFC 9112 9.3.1, idempotent methods only).
 */
import { parseRetryAfterMs, planJustCreatedRetry, planRetry } from '../../../src-shared/polling/backoff'
import type { AttemptOutcome } from './http-attempt'
import type { Sep2TransportError } from './errors'
import { Sep2HttpStatusError, Sep2NotFoundError, Sep2RateLimitedError, Sep2RedirectError, Sep2ServerError } from './errors'
import type { Sep2Method, Sep2RetryNotice } from './exchange'

export interface RetryState {
  method: Sep2Method
  attempts: number
  serverRetries: number
  createdRetries: number
  staleRetries: number
  elapsedMs: number
  periodMs: number
  justCreated: boolean
  nowMs: number
  random: number
  url: string
}

export type Decision =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'error'; error: Sep2TransportError }
  | { kind: 'retry'; delayMs: number; reason: Sep2RetryNotice['reason']; status?: number }

/** RFC 9110 9.2.2: only these may be repeated automatically. POST (telemetry) waits for its next post instead. */
const IDEMPOTENT: ReadonlySet<Sep2Method> = new Set(['GET', 'PUT', 'DELETE'])
/** One fresh connection is enough: a second hang-up is the server's doing, not a stale socket. */
const MAX_STALE_RETRIES = 1

export function decide(outcome: AttemptOutcome, state: RetryState): Decision {
  if (outcome.kind === 'error') {
    const stale = outcome.staleConnection === true && IDEMPOTENT.has(state.method) && state.staleRetries < MAX_STALE_RETRIES
    return stale ? { kind: 'retry', delayMs: 0, reason: 'stale-connection' } : { kind: 'error', error: outcome.error }
  }
  const { status } = outcome
  if (status >= 200 && status < 300) return { kind: 'response', status, headers: outcome.headers, body: outcome.body }
  // Never followed: across hosts it would carry our client certificate's session elsewhere, and 2030.5 servers link.
  if (status >= 300 && status < 400) return { kind: 'error', error: new Sep2RedirectError({ url: state.url, status, location: outcome.headers['location'] }) }
  if (status === 404) return decideNotFound(state)
  if (status === 429 || status >= 500) return decideServerRetry(outcome.headers['retry-after'], status, state)
  return { kind: 'error', error: new Sep2HttpStatusError({ url: state.url, status, body: outcome.body }) }
}

function decideNotFound(state: RetryState): Decision {
  if (!state.justCreated) return { kind: 'error', error: new Sep2NotFoundError({ url: state.url }) }
  const plan = planJustCreatedRetry(state.createdRetries + 1, state.random)
  if (plan.kind === 'give-up') return { kind: 'error', error: new Sep2NotFoundError({ url: state.url }) }
  return { kind: 'retry', delayMs: plan.delayMs, reason: 'not-found-after-create', status: 404 }
}

function decideServerRetry(retryAfter: string | undefined, status: number, state: RetryState): Decision {
  const plan = planRetry({
    retryNumber: state.serverRetries + 1,
    random: state.random,
    elapsedMs: state.elapsedMs,
    periodMs: state.periodMs,
    retryAfterMs: parseRetryAfterMs(retryAfter, state.nowMs),
  })
  if (plan.kind === 'retry') {
    return { kind: 'retry', delayMs: plan.delayMs, reason: status === 429 ? 'rate-limited' : 'server-error', status }
  }
  const error =
    status === 429
      ? new Sep2RateLimitedError({ url: state.url, attempts: state.attempts })
      : new Sep2ServerError({ url: state.url, status, attempts: state.attempts })
  return { kind: 'error', error }
}
