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

/**
 * Largest response body read (bytes). The largest list in Annex D is the DERControlList (19-derc-list.xml: 4,818 bytes
 * for 5 DERControls, ~1 KB each with four modes set). A full page at Annex D's l=255, every DERControl carrying all
 * the modes at ~2 KB, is ~0.5 MB; 2 MiB leaves four times that.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024

/** Response header block limit (undici's maxHeaderSize; Node's default, named here so it is not forgotten). */
export const MAX_HEADER_BYTES = 16 * 1024
