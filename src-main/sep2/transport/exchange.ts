/** What the transport reports about every HTTP attempt (SRV-7 exchange log). Never key material. */
import type { TlsInfo } from './connector'
import type { Sep2TransportErrorCode } from './errors'

export type Sep2Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface Sep2Exchange {
  method: Sep2Method
  url: string
  /** 1 for the first attempt, 2 and 3 for retries (handbook 13.2). */
  attempt: number
  /** Clock.now() when the attempt started. */
  startedAt: number
  durationMs: number
  status?: number
  requestBody?: string
  responseBody?: string
  location?: string
  tls?: TlsInfo
  errorCode?: Sep2TransportErrorCode
}

export interface Sep2RetryNotice {
  method: Sep2Method
  url: string
  /** The retry about to happen: 1 or 2. */
  retryNumber: number
  delayMs: number
  /** `stale-connection`: the server had closed the idle keep-alive connection; retried at once on a new one. */
  reason: 'rate-limited' | 'server-error' | 'not-found-after-create' | 'stale-connection'
  /** The HTTP status that caused the retry (none for a stale connection). */
  status?: number
}
