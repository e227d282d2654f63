/**
 * The SEP2 HTTPS transport (SRV-1, SRV-2, SRV-5): mutual TLS over one keep-alive undici connection per server,
 * SEP2 media types, paging queries, Clock-driven timeouts and retries, and an exchange record per attempt.
 */
import { Agent } from 'undici'
import type { Clock, TimerId } from '../../../src-shared/clock'
import type { TlsInfo, TlsSession } from './connector'
import { createSep2Connector } from './connector'
import type { Sep2TransportError } from './errors'
import { Sep2AbortedError, Sep2OtherOriginError } from './errors'
import type { Sep2Exchange, Sep2Method, Sep2RetryNotice } from './exchange'
import type { AttemptContext, AttemptOutcome } from './http-attempt'
import { sendAttempt } from './http-attempt'
import { decide } from './retry-decision'
import type { Decision } from './retry-decision'
import { SessionTracker } from './sessions'
import type { Sep2Timeouts } from './timeouts'
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUTS, KEEP_ALIVE_IDLE_MS, MAX_HEADER_BYTES, UNDICI_BACKSTOP_FACTOR } from './timeouts'
import { defaultCipherList, describeAnchors, trustStore } from './tls-options'

// handbook 10.2 table 2: 300 s is the default poll period; retries must fit inside the period (13.2).
export const DEFAULT_RETRY_PERIOD_MS = 300_000

export interface Sep2TransportOptions {
  /** e.g. `https://sep2-test.energyq.com.au` (paths such as `/api/v2/dcap` are resolved against it). */
  baseUrl: string
  /** PEM: device (or gateway) certificate followed by its chain (MICA). */
  clientCert: string
  /** PEM private key. Kept inside the TLS context only; never logged or reported. */
  clientKey: string
  /** PEM certificates trusted in addition to the system CAs (e.g. the utility's SERCA). */
  trustAnchors: string[]
  /** Check the server certificate names the host. When false the chain is still fully verified. */
  checkHostname: boolean
  /** OpenSSL cipher string; default prefers ECDHE-ECDSA-AES128-CCM8 where the runtime has it. */
  ciphers?: string
  timeouts?: Partial<Sep2Timeouts>
  /** Largest response body accepted, in bytes (default DEFAULT_MAX_RESPONSE_BYTES, 2 MiB). */
  maxResponseBytes?: number
  clock: Clock
  /** Uniform [0, 1) draws for retry jitter. Default Math.random. */
  random?: () => number
  onExchange?: (exchange: Sep2Exchange) => void
  onRetry?: (notice: Sep2RetryNotice) => void
}

export interface Sep2RequestOptions {
  signal: AbortSignal
  /** Paging (IEEE 2030.5 list queries): start index and limit. */
  query?: { s?: number; l?: number }
  /** The poll period this request belongs to: retries must start within it (handbook 13.2). Default 300 s. */
  periodMs?: number
  /** The caller has just created this resource: a 404 is retried after a few seconds (handbook FAQ). */
  justCreated?: boolean
}

export interface Sep2Response {
  url: string
  status: number
  headers: Record<string, string>
  body: string
  /** The Location header (POST 201 / PUT 204 on creates), as sent by the server. */
  location?: string
  tls?: TlsInfo
  attempts: number
}

export type Sep2Result<T> = { ok: true; value: T } | { ok: false; error: Sep2TransportError }

export interface Sep2Transport {
  get(path: string, options: Sep2RequestOptions): Promise<Sep2Result<Sep2Response>>
  post(path: string, body: string, options: Sep2RequestOptions): Promise<Sep2Result<Sep2Response>>
  put(path: string, body: string, options: Sep2RequestOptions): Promise<Sep2Result<Sep2Response>>
  delete(path: string, options: Sep2RequestOptions): Promise<Sep2Result<Sep2Response>>
  /** TLS connections opened so far (version, cipher, responses carried). */
  sessions(): readonly TlsSession[]
  close(): Promise<void>
}

export function createSep2Transport(options: Sep2TransportOptions): Sep2Transport {
  const timeouts: Sep2Timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  const sessions = new SessionTracker()
  const connect = createSep2Connector({
    cert: options.clientCert,
    key: options.clientKey,
    ca: trustStore(options.trustAnchors),
    ciphers: options.ciphers ?? defaultCipherList(),
    checkHostname: options.checkHostname,
    connectMs: timeouts.connectMs,
    clock: options.clock,
    expectedAnchors: describeAnchors(options.trustAnchors),
    onSession: (s) => sessions.add(s),
  })
  const agent = new Agent({
    connect,
    // One connection per server: a discovery walk shares one TLS handshake, and each exchange knows its session.
    connections: 1,
    pipelining: 1,
    keepAliveTimeout: KEEP_ALIVE_IDLE_MS,
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout: (timeouts.connectMs + timeouts.headersMs) * UNDICI_BACKSTOP_FACTOR,
    bodyTimeout: timeouts.bodyMs * UNDICI_BACKSTOP_FACTOR,
  })
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  const ctx: RunContext = { attempt: { agent, clock: options.clock, timeouts, sessions, maxResponseBytes }, options, random: options.random ?? Math.random }
  const call = (method: Sep2Method, path: string, body: string | undefined, o: Sep2RequestOptions) => execute(ctx, { method, url: resolveUrl(options.baseUrl, path, o.query), body, o })
  return {
    get: (path, o) => call('GET', path, undefined, o),
    post: (path, body, o) => call('POST', path, body, o),
    put: (path, body, o) => call('PUT', path, body, o),
    delete: (path, o) => call('DELETE', path, undefined, o),
    sessions: () => sessions.all(),
    close: () => agent.close(),
  }
}

interface RunContext {
  attempt: AttemptContext
  options: Sep2TransportOptions
  random: () => number
}

interface Prepared {
  method: Sep2Method
  url: URL
  body: string | undefined
  o: Sep2RequestOptions
}

/** Resolve a server href (relative, as 2030.5 links are) and add the paging query. */
export function resolveUrl(baseUrl: string, path: string, query?: { s?: number; l?: number }): URL {
  const url = new URL(path, baseUrl)
  if (query?.s !== undefined) url.searchParams.set('s', String(query.s))
  if (query?.l !== undefined) url.searchParams.set('l', String(query.l))
  return url
}

async function execute(ctx: RunContext, req: Prepared): Promise<Sep2Result<Sep2Response>> {
  const { clock } = ctx.attempt
  // Server hrefs are followed on the configured server only: the client certificate is presented to nobody else.
  const origin = new URL(ctx.options.baseUrl).origin
  if (req.url.origin !== origin) return { ok: false, error: new Sep2OtherOriginError({ url: req.url.href, origin }) }
  const started = clock.monotonic()
  const state = { attempts: 0, serverRetries: 0, createdRetries: 0, staleRetries: 0 }
  for (;;) {
    if (req.o.signal.aborted) return { ok: false, error: new Sep2AbortedError({ url: req.url.href }) }
    state.attempts++
    const attemptStart = { at: clock.now(), mono: clock.monotonic() }
    const outcome = await sendAttempt(ctx.attempt, { method: req.method, url: req.url, body: req.body, signal: req.o.signal })
    const decision = decide(outcome, {
      ...state,
      method: req.method,
      elapsedMs: clock.monotonic() - started,
      periodMs: req.o.periodMs ?? DEFAULT_RETRY_PERIOD_MS,
      justCreated: req.o.justCreated ?? false,
      nowMs: clock.now(),
      random: ctx.random(),
      url: req.url.href,
    })
    report(ctx, req, { outcome, attempt: state.attempts, start: attemptStart, decision })
    if (decision.kind === 'response') {
      const { status, headers, body } = decision
      return { ok: true, value: { url: req.url.href, status, headers, body, location: headers['location'], tls: outcome.tls, attempts: state.attempts } }
    }
    if (decision.kind === 'error') return { ok: false, error: decision.error }
    countRetry(state, decision.reason)
    ctx.options.onRetry?.({ method: req.method, url: req.url.href, retryNumber: state.attempts, delayMs: decision.delayMs, reason: decision.reason, status: decision.status })
    const waited = decision.delayMs > 0 ? await waitFor(clock, decision.delayMs, req.o.signal) : !req.o.signal.aborted
    if (!waited) return { ok: false, error: new Sep2AbortedError({ url: req.url.href }) }
  }
}

function countRetry(state: { serverRetries: number; createdRetries: number; staleRetries: number }, reason: Sep2RetryNotice['reason']): void {
  if (reason === 'not-found-after-create') state.createdRetries++
  else if (reason === 'stale-connection') state.staleRetries++
  else state.serverRetries++
}

function report(
  ctx: RunContext,
  req: Prepared,
  r: { outcome: AttemptOutcome; attempt: number; start: { at: number; mono: number }; decision: Decision },
): void {
  if (!ctx.options.onExchange) return
  const { outcome } = r
  const exchange: Sep2Exchange = {
    method: req.method,
    url: req.url.href,
    attempt: r.attempt,
    startedAt: r.start.at,
    durationMs: ctx.attempt.clock.monotonic() - r.start.mono,
    requestBody: req.body,
    tls: outcome.tls,
  }
  if (outcome.kind === 'response') {
    exchange.status = outcome.status
    exchange.responseBody = outcome.body
    exchange.location = outcome.headers['location']
  }
  if (r.decision.kind === 'error') exchange.errorCode = r.decision.error.code
  ctx.options.onExchange(exchange)
}

/** Wait on the injected Clock; false when the caller aborted first. */
function waitFor(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: TimerId | undefined = undefined
    const onAbort = (): void => {
      if (timer !== undefined) clock.clearTimeout(timer)
      resolve(false)
    }
    if (signal.aborted) return resolve(false)
    signal.addEventListener('abort', onAbort, { once: true })
    timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
  })
}
