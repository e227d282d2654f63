/** Named transport timeouts (DESIGN.md: every I/O call has a timeout). */
export interface Sep2Timeouts {
  /** TCP connect + TLS handshake. */
  connectMs: number
  /** From sending a request until the response headers arrive (plus connectMs when a new connection is needed). */
  headersMs: number
  /** From the response headers until the whole body has arrived. */
  bodyMs: number
}

// handbook FAQ: a timeout set too low is a common cause of failures from within Australia, so these are generous.
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000
export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000
export const DEFAULT_BODY_TIMEOUT_MS = 30_000

export const DEFAULT_TIMEOUTS: Sep2Timeouts = {
  connectMs: DEFAULT_CONNECT_TIMEOUT_MS,
  headersMs: DEFAULT_HEADERS_TIMEOUT_MS,
  bodyMs: DEFAULT_BODY_TIMEOUT_MS,
}

/** undici's own (wall-clock) timers stay as a backstop behind the Clock-driven ones. */
export const UNDICI_BACKSTOP_FACTOR = 2

/** How long an idle keep-alive connection is kept for the next request of a discovery walk. */
export const KEEP_ALIVE_IDLE_MS = 30_000
