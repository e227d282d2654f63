/**
 * Loss of communications (SRV-5, handbook 11.1): "an outage of the Utility Server, or unexpected error messages from
 * the Utility Server, should be considered as equivalent to a loss of communications". Back to ok on the next success.
 */
import type { LinkState } from '../../../src-shared/contract/server'

/** Failures that mean the server cannot be relied on right now (after the transport's retries). */
const LOSS_CODES = new Set([
  'SEP2_SERVER_ERROR',
  'SEP2_RATE_LIMITED',
  'SEP2_TIMEOUT',
  'SEP2_CONNECT',
  'SEP2_TLS_CLIENT_REJECTED',
  'SEP2_TLS_SERVER_UNTRUSTED',
  'SEP2_HTTP_STATUS',
  'SEP2_NOT_FOUND',
  'SEP2_XML_MALFORMED',
  'SEP2_XML_INVALID',
  'SEP2_XML_UNEXPECTED_ROOT',
  // issue 15 item 5: a server sending what no 2030.5 server should (huge bodies, redirects, links elsewhere, endless lists)
  'SEP2_RESPONSE_TOO_LARGE',
  'SEP2_REDIRECT',
  'SEP2_OTHER_ORIGIN',
  'SEP2_LIST_TOO_LONG',
  'SEP2_LIST_PAGING',
  'SEP2_WALK_TOO_LARGE',
])

export function isLossOfCommunications(code: string): boolean {
  return LOSS_CODES.has(code)
}

export class LinkTracker {
  private current: LinkState

  constructor(
    now: number,
    private readonly onChange?: (state: LinkState) => void,
  ) {
    this.current = { state: 'ok', since: now }
  }

  get state(): LinkState {
    return this.current
  }

  success(now: number): void {
    if (this.current.state === 'ok') return
    this.set({ state: 'ok', since: now })
  }

  failure(now: number, failure: { code: string; message: string }): void {
    if (!isLossOfCommunications(failure.code) || this.current.state === 'lost') return
    this.set({ state: 'lost', since: now, reason: failure.message, code: failure.code })
  }

  private set(state: LinkState): void {
    this.current = state
    this.onChange?.(state)
  }
}
