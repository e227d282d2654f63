/**
 * One error class per transport failure kind, each with a stable code and an installer-facing hint that follows the
 * handbook's FAQ (DESIGN.md layer 3). Messages never contain key material.
 */
import { AppError } from '../../errors'

export type Sep2TransportErrorCode =
  | 'SEP2_TLS_CLIENT_REJECTED'
  | 'SEP2_TLS_SERVER_UNTRUSTED'
  | 'SEP2_TLS_HOSTNAME'
  | 'SEP2_NOT_FOUND'
  | 'SEP2_HTTP_STATUS'
  | 'SEP2_RATE_LIMITED'
  | 'SEP2_SERVER_ERROR'
  | 'SEP2_TIMEOUT'
  | 'SEP2_CONNECT'
  | 'SEP2_ABORTED'
  | 'SEP2_TLS_CONFIG'
  | 'SEP2_RESPONSE_TOO_LARGE'
  | 'SEP2_REDIRECT'
  | 'SEP2_OTHER_ORIGIN'

export type TimeoutPhase = 'connect' | 'headers' | 'body'

/** What the server presented during a failed handshake, for the "untrusted server" message. */
export interface PresentedCertificate {
  subject: string
  issuer: string
  fingerprint256: string
  /** Subjects from the leaf up, as far as the server sent them. */
  chainSubjects: string[]
}

export abstract class Sep2TransportError extends AppError {
  declare readonly code: Sep2TransportErrorCode
  /** The URL (or origin, for connection failures) the failure belongs to. */
  readonly url: string

  constructor(code: Sep2TransportErrorCode, message: string, options: { url: string; hint: string; cause?: unknown }) {
    super(code, message, { hint: options.hint, cause: options.cause })
    this.url = options.url
  }
}

export class Sep2TlsClientRejectedError extends Sep2TransportError {
  constructor(options: { url: string; detail: string; cause?: unknown }) {
    super('SEP2_TLS_CLIENT_REJECTED', `The server closed the connection without a response (${options.detail})`, {
      url: options.url,
      cause: options.cause,
      // handbook FAQ: "Remote end closed connection without response" = no valid PKI certificate was provided.
      hint:
        'The server did not accept the client certificate. Check that the enrolled device certificate is loaded with ' +
        'its full chain (device + MICA) and the matching private key, and that the utility has registered it.',
    })
  }
}

export class Sep2TlsServerUntrustedError extends Sep2TransportError {
  readonly presented: PresentedCertificate | undefined
  readonly expectedAnchors: string[]

  constructor(options: { url: string; reason: string; presented?: PresentedCertificate; expectedAnchors: string[]; cause?: unknown }) {
    const shown = options.presented
      ? `the server presented "${options.presented.subject}" issued by "${options.presented.issuer}" (SHA-256 ${options.presented.fingerprint256})`
      : 'the server certificate could not be read'
    const expected = options.expectedAnchors.length > 0 ? options.expectedAnchors.map((a) => `"${a}"`).join(', ') : 'none configured'
    super('SEP2_TLS_SERVER_UNTRUSTED', `The server certificate is not trusted (${options.reason}): ${shown}`, {
      url: options.url,
      cause: options.cause,
      hint: `Its chain must lead to a configured trust anchor (expected: ${expected}). Check the server URL and load the utility's SERCA/MICA as trust anchors; verification is never skipped.`,
    })
    this.presented = options.presented
    this.expectedAnchors = options.expectedAnchors
  }
}

export class Sep2TlsHostnameError extends Sep2TransportError {
  constructor(options: { url: string; host: string; detail: string; cause?: unknown }) {
    super('SEP2_TLS_HOSTNAME', `The server certificate does not name ${options.host} (${options.detail})`, {
      url: options.url,
      cause: options.cause,
      hint: 'The chain is trusted but the certificate carries another name. 2030.5 server certificates often carry no host name: turn off the host-name check for this server if the utility confirms that.',
    })
  }
}

export class Sep2NotFoundError extends Sep2TransportError {
  constructor(options: { url: string }) {
    super('SEP2_NOT_FOUND', `404 Not Found: ${options.url}`, {
      url: options.url,
      // handbook FAQ: the server answers 404 where it means 401.
      hint: 'An unexpected 404 most likely means this certificate is not authorised for the resource: check that the LFDI registered with the utility is the one of this certificate.',
    })
  }
}

/** How much of a refusal's body is kept (what the server said, for the installer; not a document). */
export const SERVER_TEXT_MAX = 500

export class Sep2HttpStatusError extends Sep2TransportError {
  readonly status: number
  /** The start of the response body: what the server said (e.g. envoy's "MirrorUsagePoint … has no …"). */
  readonly serverText: string

  constructor(options: { url: string; status: number; body?: string }) {
    super('SEP2_HTTP_STATUS', `Unexpected HTTP status ${options.status} from ${options.url}`, {
      url: options.url,
      hint: 'The server refused the request. The exchange log shows the request and the server response.',
    })
    this.status = options.status
    this.serverText = (options.body ?? '').trim().slice(0, SERVER_TEXT_MAX)
  }
}

export class Sep2RateLimitedError extends Sep2TransportError {
  readonly attempts: number

  constructor(options: { url: string; attempts: number }) {
    super('SEP2_RATE_LIMITED', `429 Too Many Requests from ${options.url} after ${options.attempts} attempts`, {
      url: options.url,
      // handbook 13.2 / FAQ: retried with backoff; the next poll tries again.
      hint: 'The server is busy: the request was retried with backoff within the poll period (handbook 13.2). The app tries again at its next poll; from the command line, run the command again in a few minutes.',
    })
    this.attempts = options.attempts
  }
}

export class Sep2ServerError extends Sep2TransportError {
  readonly status: number
  readonly attempts: number

  constructor(options: { url: string; status: number; attempts: number }) {
    super('SEP2_SERVER_ERROR', `Server error ${options.status} from ${options.url} after ${options.attempts} attempts`, {
      url: options.url,
      // handbook 11.1: an outage or unexpected errors count as loss of communications.
      hint: 'The utility server is failing: the request was retried with backoff within the poll period (handbook 13.2). This counts as a loss of communications: the site follows its scheduled events, then the default control; try again later, and if it persists send the exchange log to the utility.',
    })
    this.status = options.status
    this.attempts = options.attempts
  }
}

export class Sep2TimeoutError extends Sep2TransportError {
  readonly phase: TimeoutPhase
  readonly timeoutMs: number

  constructor(options: { url: string; phase: TimeoutPhase; timeoutMs: number; cause?: unknown }) {
    super('SEP2_TIMEOUT', `No ${options.phase === 'connect' ? 'connection' : `response ${options.phase}`} from ${options.url} within ${options.timeoutMs / 1000} s`, {
      url: options.url,
      cause: options.cause,
      // handbook 6 + FAQ: the Queensland servers are geo-blocked to Australian IP addresses.
      hint: 'The server is not reachable from this network. The Queensland servers only answer Australian IP addresses (handbook 6): check the site internet connection, VPN or proxy, or raise the timeout.',
    })
    this.phase = options.phase
    this.timeoutMs = options.timeoutMs
  }
}

export class Sep2ConnectError extends Sep2TransportError {
  readonly reason: string

  constructor(options: { url: string; reason: string; cause?: unknown }) {
    super('SEP2_CONNECT', `Could not talk to ${options.url}: ${options.reason}`, {
      url: options.url,
      cause: options.cause,
      // The first sentence says what it means, the rest what to do (how the discovery steps and banners split it).
      hint: 'The server could not be reached, which counts as a loss of communications. Check the server URL, the site internet connection and any firewall.',
    })
    this.reason = options.reason
  }
}

export class Sep2AbortedError extends Sep2TransportError {
  constructor(options: { url: string }) {
    super('SEP2_ABORTED', `Request to ${options.url} was cancelled`, {
      url: options.url,
      hint: 'The request was cancelled before it finished.',
    })
  }
}

export class Sep2TlsConfigError extends Sep2TransportError {
  constructor(options: { url: string; detail: string; cause?: unknown }) {
    super('SEP2_TLS_CONFIG', `The client certificate or key could not be used (${options.detail})`, {
      url: options.url,
      cause: options.cause,
      hint: 'A key from another certificate or a damaged file gives this error. Load the device certificate with its chain and the private key that belongs to it (PEM).',
    })
  }
}

export class Sep2ResponseTooLargeError extends Sep2TransportError {
  readonly limitBytes: number
  /** Body bytes read before the download was stopped (0 when the declared Content-Length was already too large). */
  readonly receivedBytes: number
  readonly declaredBytes: number | undefined

  constructor(options: { url: string; limitBytes: number; receivedBytes: number; declaredBytes?: number }) {
    const size = options.declaredBytes === undefined ? `more than ${options.limitBytes} bytes` : `${options.declaredBytes} bytes (declared)`
    super('SEP2_RESPONSE_TOO_LARGE', `The response from ${options.url} is ${size}, over the ${options.limitBytes}-byte limit; it was not read`, {
      url: options.url,
      hint: 'No IEEE 2030.5 document this client reads is that large (a full page of 255 DERControls is about half a megabyte), so the download was stopped. It is tried again at the next poll; if it keeps happening, send the exchange log to the utility.',
    })
    this.limitBytes = options.limitBytes
    this.receivedBytes = options.receivedBytes
    this.declaredBytes = options.declaredBytes
  }
}

export class Sep2RedirectError extends Sep2TransportError {
  readonly status: number
  readonly location: string | undefined

  constructor(options: { url: string; status: number; location: string | undefined }) {
    super('SEP2_REDIRECT', `HTTP ${options.status} from ${options.url} redirects to ${options.location ?? '(no Location)'}; redirects are not followed`, {
      url: options.url,
      // Following it could hand the client certificate's session to another host; 2030.5 servers link, they do not redirect.
      hint: 'A 2030.5 server names its resources with links and does not redirect, so the redirect was not followed. Check the DeviceCapability URL with the utility.',
    })
    this.status = options.status
    this.location = options.location
  }
}

export class Sep2OtherOriginError extends Sep2TransportError {
  readonly origin: string

  constructor(options: { url: string; origin: string }) {
    super('SEP2_OTHER_ORIGIN', `${options.url} is not on the configured server ${options.origin}; it was not requested`, {
      url: options.url,
      hint: 'The server linked to a resource on another host. The client certificate is only presented to the configured server, so the link was not followed: ask the utility whether the server address is right.',
    })
    this.origin = options.origin
  }
}
