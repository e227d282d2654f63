/**
 * One HTTP attempt over the shared undici Agent, with the Clock-driven header and body deadlines and the caller's
 * AbortSignal. Returns an outcome; never throws for expected failures.
 */
import type { Agent, Dispatcher } from 'undici'
import type { Clock, TimerId } from '../../../src-shared/clock'
import { classifyRequestError, errorCode } from './classify-error'
import type { TlsInfo } from './connector'
import type { Sep2TransportError, TimeoutPhase } from './errors'
import { Sep2AbortedError, Sep2ResponseTooLargeError, Sep2TimeoutError } from './errors'
import type { Sep2Method } from './exchange'
import type { SessionTracker } from './sessions'
import type { Sep2Timeouts } from './timeouts'

export const SEP2_MEDIA_TYPE = 'application/sep+xml'

export interface AttemptContext {
  agent: Agent
  clock: Clock
  timeouts: Sep2Timeouts
  sessions: SessionTracker
  /** Largest response body read; past it the download is stopped (issue 15: a 50 MB list took 1.18 GB). */
  maxResponseBytes: number
}

export interface AttemptRequest {
  method: Sep2Method
  url: URL
  body: string | undefined
  signal: AbortSignal
}

export type AttemptOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string; tls: TlsInfo | undefined }
  | { kind: 'error'; error: Sep2TransportError; tls: TlsInfo | undefined; staleConnection?: boolean }

/** The peer hung up without answering (RST, FIN, undici's "other side closed"). */
const HANG_UP_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])

interface Deadline {
  timer: TimerId | undefined
  fired: { phase: TimeoutPhase; ms: number } | undefined
}

export async function sendAttempt(ctx: AttemptContext, req: AttemptRequest): Promise<AttemptOutcome> {
  const origin = req.url.origin
  const controller = new AbortController()
  const onCallerAbort = (): void => controller.abort(req.signal.reason)
  req.signal.addEventListener('abort', onCallerAbort, { once: true })
  const deadline: Deadline = { timer: undefined, fired: undefined }
  const reused = ctx.sessions.open(origin)
  const hadConnection = reused !== undefined
  // A connection that has answered before may have been closed by the server while idle (keep-alive race).
  const answeredOnReused = (reused?.responses ?? 0) > 0
  let headersArrived = false
  // A new connection gets its own connect budget on top of the header budget.
  const headersBudget = ctx.timeouts.headersMs + (hadConnection ? 0 : ctx.timeouts.connectMs)
  arm(ctx, deadline, controller, () => ({ phase: ctx.sessions.open(origin) ? 'headers' : 'connect', ms: headersBudget }), headersBudget)
  try {
    const res = await ctx.agent.request({
      origin,
      path: req.url.pathname + req.url.search,
      method: req.method,
      headers: { accept: SEP2_MEDIA_TYPE, 'content-type': SEP2_MEDIA_TYPE },
      body: req.body,
      signal: controller.signal,
    })
    headersArrived = true
    const session = ctx.sessions.latest(origin)
    if (session) session.responses++
    arm(ctx, deadline, controller, () => ({ phase: 'body', ms: ctx.timeouts.bodyMs }), ctx.timeouts.bodyMs)
    const body = await readCapped(res, { limit: ctx.maxResponseBytes, url: req.url.href, stop: () => controller.abort() })
    return { kind: 'response', status: res.statusCode, headers: flattenHeaders(res.headers), body, tls: tlsOf(session) }
  } catch (error) {
    const url = req.url.href
    const tls = tlsOf(ctx.sessions.latest(origin))
    if (deadline.fired) return { kind: 'error', error: new Sep2TimeoutError({ url, ...deadline.fired, timeoutMs: deadline.fired.ms, cause: error }), tls }
    if (req.signal.aborted) return { kind: 'error', error: new Sep2AbortedError({ url }), tls }
    const answeredBefore = (ctx.sessions.latest(origin)?.responses ?? 0) > 0
    const classified = classifyRequestError({ error, url, answeredBefore, timeouts: ctx.timeouts })
    const staleConnection = answeredOnReused && !headersArrived && HANG_UP_CODES.has(errorCode(error) ?? '')
    return { kind: 'error', error: classified, tls, staleConnection }
  } finally {
    if (deadline.timer !== undefined) ctx.clock.clearTimeout(deadline.timer)
    req.signal.removeEventListener('abort', onCallerAbort)
  }
}

/**
 * The body as text, counted while it streams: a declared or actual size over the limit stops the download at once
 * (the connection is dropped), so memory stays within the limit plus one chunk.
 */
async function readCapped(res: Dispatcher.ResponseData, o: { limit: number; url: string; stop: () => void }): Promise<string> {
  const declared = Number(res.headers['content-length'])
  if (Number.isFinite(declared) && declared > o.limit) {
    o.stop()
    throw new Sep2ResponseTooLargeError({ url: o.url, limitBytes: o.limit, receivedBytes: 0, declaredBytes: declared })
  }
  const chunks: Buffer[] = []
  let received = 0
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    received += chunk.length
    if (received > o.limit) {
      o.stop()
      throw new Sep2ResponseTooLargeError({ url: o.url, limitBytes: o.limit, receivedBytes: received })
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, received).toString('utf8')
}

function arm(ctx: AttemptContext, deadline: Deadline, controller: AbortController, what: () => { phase: TimeoutPhase; ms: number }, ms: number): void {
  if (deadline.timer !== undefined) ctx.clock.clearTimeout(deadline.timer)
  deadline.timer = ctx.clock.setTimeout(() => {
    deadline.fired = what()
    controller.abort()
  }, ms)
}

function tlsOf(session: { version: string; cipher: string } | undefined): TlsInfo | undefined {
  return session ? { version: session.version, cipher: session.cipher } : undefined
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
