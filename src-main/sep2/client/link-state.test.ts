/** handbook 11.1: which failures count as a loss of communications, and the state's transitions. */
import { describe, expect, it } from 'vitest'
import type { LinkState } from '../../../src-shared/contract/server'
import { LinkTracker, isLossOfCommunications } from './link-state'

describe('loss of communications (handbook 11.1)', () => {
  it.each([
    ['SEP2_SERVER_ERROR', true],
    ['SEP2_RATE_LIMITED', true],
    ['SEP2_TIMEOUT', true],
    ['SEP2_CONNECT', true],
    ['SEP2_TLS_CLIENT_REJECTED', true],
    ['SEP2_NOT_FOUND', true],
    ['SEP2_XML_MALFORMED', true],
    ['SEP2_RESPONSE_TOO_LARGE', true],
    ['SEP2_REDIRECT', true],
    ['SEP2_OTHER_ORIGIN', true],
    ['SEP2_LIST_TOO_LONG', true],
    ['SEP2_LIST_PAGING', true],
    ['SEP2_WALK_TOO_LARGE', true],
    ['SEP2_ABORTED', false],
    ['SEP2_TLS_CONFIG', false],
  ])('%s counts: %s', (code, lost) => {
    expect(isLossOfCommunications(code)).toBe(lost)
  })

  it('goes lost once (since the first failure), then ok on the next success', () => {
    const seen: LinkState[] = []
    const link = new LinkTracker(0, (s) => seen.push(s))
    link.success(10)
    link.failure(20, { code: 'SEP2_TIMEOUT', message: 'no response' })
    link.failure(30, { code: 'SEP2_SERVER_ERROR', message: '500' })
    link.failure(35, { code: 'SEP2_ABORTED', message: 'cancelled' })
    link.success(40)
    expect(seen).toEqual([
      { state: 'lost', since: 20, reason: 'no response', code: 'SEP2_TIMEOUT' },
      { state: 'ok', since: 40 },
    ])
    expect(link.state).toEqual({ state: 'ok', since: 40 })
  })
})
