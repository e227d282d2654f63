/**
 * Raw Node / undici errors -> transport error classes with installer-facing hints (handbook FAQ).
 */
import type { PresentedCertificate } from './errors'
import type { Sep2Timeouts } from './timeouts'
import {
  Sep2ConnectError,
  Sep2TimeoutError,
  Sep2TlsClientRejectedError,
  Sep2TlsHostnameError,
  Sep2TlsServerUntrustedError,
  Sep2TransportError,
} from './errors'

/** OpenSSL verification results that mean "the server chain does not lead to a trusted anchor". */
const CHAIN_VERIFY_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'CERT_CHAIN_TOO_LONG',
])

/** Why a server could not be reached, in the installer's words (the socket code stays on the error's cause). */
const UNREACHABLE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections at that address and port (connection refused)',
  ENOTFOUND: 'the server name is not known (no DNS entry)',
  EAI_AGAIN: 'the server name could not be looked up (no DNS answer)',
  EHOSTUNREACH: 'the network has no route to the server',
  ENETUNREACH: 'this computer has no network route to the server',
  EADDRNOTAVAIL: 'the address cannot be used from this computer',
}
/** The peer hung up: during a handshake or before a first response this is the FAQ's "remote end closed connection". */
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  const code = (error as { code: unknown }).code
  return typeof code === 'string' ? code : undefined
}

function describe(error: Error): string {
  const code = errorCode(error)
  const firstLine = error.message.split('\n')[0] ?? ''
  return code && !firstLine.includes(code) ? `${code}: ${firstLine}` : firstLine
}

/** A failure while opening the TLS connection. */
export function classifyHandshakeError(input: {
  error: Error
  url: string
  presented: PresentedCertificate | undefined
  expectedAnchors: string[]
  connectMs: number
}): Sep2TransportError {
  const { error, url } = input
  if (error instanceof Sep2TransportError) return error
  const code = errorCode(error) ?? ''
  if (CHAIN_VERIFY_CODES.has(code)) {
    return new Sep2TlsServerUntrustedError({ url, reason: describe(error), presented: input.presented, expectedAnchors: input.expectedAnchors, cause: error })
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new Sep2TlsHostnameError({ url, host: hostOf(url), detail: describe(error), cause: error })
  }
  if (/^ERR_SSL_.*ALERT/.test(code) || CLOSED_CODES.has(code) || /disconnected before secure TLS/i.test(error.message)) {
    return new Sep2TlsClientRejectedError({ url, detail: describe(error), cause: error })
  }
  if (code === 'ETIMEDOUT') return new Sep2TimeoutError({ url, phase: 'connect', timeoutMs: input.connectMs, cause: error })
  return new Sep2ConnectError({ url, reason: UNREACHABLE_WORDS[code] ?? `TLS connection failed (${describe(error)})`, cause: error })
}

/**
 * A failure after the connection was handed to undici. `answeredBefore` says whether this connection had already
 * carried a response: if not, a hang-up is the server refusing our certificate after the handshake (TLS 1.3 checks
 * the client certificate after the client considers the handshake done).
 */
export function classifyRequestError(input: { error: unknown; url: string; answeredBefore: boolean; timeouts: Sep2Timeouts }): Sep2TransportError {
  const { error, url } = input
  if (error instanceof Sep2TransportError) return error
  const err = error instanceof Error ? error : new Error(String(error))
  const code = errorCode(err) ?? ''
  if (/^ERR_SSL_.*ALERT/.test(code)) return new Sep2TlsClientRejectedError({ url, detail: describe(err), cause: err })
  if (CLOSED_CODES.has(code)) {
    if (!input.answeredBefore) return new Sep2TlsClientRejectedError({ url, detail: describe(err), cause: err })
    return new Sep2ConnectError({ url, reason: `connection reset by the server (${describe(err)})`, cause: err })
  }
  const t = input.timeouts
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new Sep2TimeoutError({ url, phase: 'headers', timeoutMs: t.headersMs, cause: err })
  if (code === 'UND_ERR_BODY_TIMEOUT') return new Sep2TimeoutError({ url, phase: 'body', timeoutMs: t.bodyMs, cause: err })
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new Sep2TimeoutError({ url, phase: 'connect', timeoutMs: t.connectMs, cause: err })
  return new Sep2ConnectError({ url, reason: describe(err), cause: err })
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return url
  }
}
