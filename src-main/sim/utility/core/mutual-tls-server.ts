/**
 * The utility-server simulator's HTTPS core: mutual TLS on 127.0.0.1 (clients from an unknown CA are refused at the
 * handshake), the client's LFDI from its certificate, a record of every request, and fault injection on demand.
 * The 2030.5 resource tree is a handler plugged in on top (DESIGN.md "Simulators are product features").
 */
import { EventEmitter } from 'node:events'
import https from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import tls from 'node:tls'
import type { SecureVersion, TLSSocket } from 'node:tls'
import type { Clock, TimerId } from '../../../../src-shared/clock'
import { createSystemClock } from '../../../engine/system-clock'
import type { FaultMatch, ServerFault, ServerFaultKind } from './faults'
import { FaultQueue, MALFORMED_BODY } from './faults'
import { lfdiFromCertificateDer } from './lfdi'

export const SEP2_CONTENT_TYPE = 'application/sep+xml'
const CCM8 = 'ECDHE-ECDSA-AES128-CCM8'

export interface SimRequest {
  method: string
  path: string
  query: Record<string, string>
  body: string
  /** Request headers, names in lower case. */
  headers: Record<string, string>
  /** handbook Annex B: SHA-256 of the client certificate DER, first 40 hex digits, upper case. */
  clientLfdi: string
  clientCertDer: Uint8Array
}

export interface SimResponse {
  status: number
  headers?: Record<string, string>
  body?: string
}

export type SimHandler = (req: SimRequest) => Promise<SimResponse>

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  body: string
  headers: Record<string, string>
  clientLfdi: string
  /** Server clock time the request arrived. */
  at: number
  /** Status sent, once answered (undefined while hanging or after a reset). */
  status?: number
  /** Response headers and body as sent, once answered. */
  responseHeaders?: Record<string, string>
  responseBody?: string
  /** Server clock time the response was sent. */
  answeredAt?: number
  fault?: ServerFaultKind
}

export interface MutualTlsServerOptions {
  /** PEM: server certificate followed by its chain. */
  serverCert: string
  serverKey: string
  /** Roots (and intermediates) trusted for client certificates. */
  caCerts: string[]
  /** 0 (default) picks a free port. */
  port?: number
  handler: SimHandler
  clock?: Clock
  /** Called with each exchange once answered (response recorded). */
  onExchange?: (exchange: RecordedRequest) => void
  /** Default: TLS 1.2 only, as IEEE 2030.5 and the utilities use it; `maxVersion: 'TLSv1.3'` allows 1.3 as well. */
  tls?: { minVersion?: SecureVersion; maxVersion?: SecureVersion; ciphers?: string }
}

export interface MutualTlsServer {
  readonly url: string
  readonly port: number
  /** Completed TLS handshakes ('secureConnection' events) since start. */
  readonly handshakes: number
  readonly requests: readonly RecordedRequest[]
  setFault(fault: ServerFault, match?: FaultMatch): void
  clearFaults(): void
  /** Resolves once at least `count` requests have arrived. */
  waitForRequests(count: number): Promise<void>
  /** Server outage: stop listening and drop every connection. */
  down(): Promise<void>
  /** Listen again on the same port. */
  up(): Promise<void>
  close(): Promise<void>
}

interface ServerState {
  options: MutualTlsServerOptions
  clock: Clock
  faults: FaultQueue
  requests: RecordedRequest[]
  events: EventEmitter
  hangs: Set<{ res: ServerResponse; timer: TimerId | undefined }>
  handshakes: number
}

/** Like a 2030.5 utility server: offer ECDHE-ECDSA-AES128-CCM8 (where this runtime has it) besides Node's defaults. */
function simulatorCiphers(): string {
  try {
    tls.createSecureContext({ ciphers: CCM8 })
    // OpenSSL >= 3.2 offers CCM-8 only at security level 0 (see sep2/transport/tls-options.ts).
    return `${CCM8}:${tls.DEFAULT_CIPHERS}:@SECLEVEL=0`
  } catch {
    return tls.DEFAULT_CIPHERS
  }
}

export async function startMutualTlsServer(options: MutualTlsServerOptions): Promise<MutualTlsServer> {
  const state: ServerState = {
    options,
    clock: options.clock ?? createSystemClock(),
    faults: new FaultQueue(),
    requests: [],
    events: new EventEmitter(),
    hangs: new Set(),
    handshakes: 0,
  }
  const server = https.createServer({
    cert: options.serverCert,
    key: options.serverKey,
    ca: options.caCerts,
    requestCert: true,
    // Clients whose chain does not lead to caCerts are refused during the handshake.
    rejectUnauthorized: true,
    ciphers: options.tls?.ciphers ?? simulatorCiphers(),
    // IEEE 2030.5 (and the Queensland servers) speak TLS 1.2: a client that cannot is caught here, not at the utility.
    minVersion: options.tls?.minVersion ?? 'TLSv1.2',
    maxVersion: options.tls?.maxVersion ?? (options.tls?.minVersion === 'TLSv1.3' ? 'TLSv1.3' : 'TLSv1.2'),
  })
  server.on('secureConnection', () => state.handshakes++)
  server.on('tlsClientError', () => undefined)
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void onRequest(state, req, res))
  const port = await listen(server, options.port ?? 0)
  return buildHandle(state, server, port)
}

function buildHandle(state: ServerState, server: https.Server, port: number): MutualTlsServer {
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    get handshakes() {
      return state.handshakes
    },
    requests: state.requests,
    setFault: (fault, match) => state.faults.add(fault, match),
    clearFaults: () => state.faults.clear(),
    waitForRequests: (count) => waitForCount(state, count),
    down: async () => {
      endHangs(state)
      await shutdown(server)
    },
    up: async () => {
      await listen(server, port)
    },
    close: async () => {
      endHangs(state)
      await shutdown(server)
    },
  }
}

function listen(server: https.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function shutdown(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function waitForCount(state: ServerState, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (state.requests.length < count) return
      state.events.removeListener('request', check)
      resolve()
    }
    state.events.on('request', check)
    check()
  })
}

async function onRequest(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req)
  const socket = req.socket as TLSSocket
  const der = new Uint8Array(socket.getPeerCertificate().raw)
  const url = new URL(req.url ?? '/', 'https://127.0.0.1')
  const simReq: SimRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body,
    headers: flatHeaders(req.headers),
    clientLfdi: lfdiFromCertificateDer(der),
    clientCertDer: der,
  }
  const fault = state.faults.take(simReq.method, simReq.path)
  const record: RecordedRequest = { method: simReq.method, path: simReq.path, query: simReq.query, body, headers: simReq.headers, clientLfdi: simReq.clientLfdi, at: state.clock.now(), fault: fault?.kind }
  state.requests.push(record)
  state.events.emit('request')
  await serve(state, { simReq, res, fault, record })
}

async function serve(state: ServerState, ctx: { simReq: SimRequest; res: ServerResponse; fault: ServerFault | undefined; record: RecordedRequest }): Promise<void> {
  const { res, fault, record } = ctx
  if (!fault) return answer(state, res, record, await callHandler(state, ctx.simReq))
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }
      return answer(state, res, record, { status: fault.status, headers, body: fault.body ?? '' })
    }
    case 'malformed-body':
      return answer(state, res, record, { status: 200, body: MALFORMED_BODY })
    case 'reset':
      res.socket?.destroy()
      return
    case 'hang':
      return hang(state, { ...ctx, untilMs: fault.untilMs })
    case 'stall-body':
      return stallBody(state, { res, record, response: await callHandler(state, ctx.simReq), untilMs: fault.untilMs })
  }
}

function stallBody(state: ServerState, ctx: { res: ServerResponse; record: RecordedRequest; response: SimResponse; untilMs: number | undefined }): void {
  const body = ctx.response.body ?? ''
  const half = Math.floor(body.length / 2)
  ctx.record.status = ctx.response.status
  const headers = { 'content-type': SEP2_CONTENT_TYPE, 'content-length': String(Buffer.byteLength(body)) }
  recordAnswer(state, ctx.record, { status: ctx.response.status, headers, body })
  ctx.res.writeHead(ctx.response.status, headers)
  ctx.res.write(body.slice(0, half))
  const entry: { res: ServerResponse; timer: TimerId | undefined } = { res: ctx.res, timer: undefined }
  state.hangs.add(entry)
  if (ctx.untilMs === undefined) return
  entry.timer = state.clock.setTimeout(() => {
    state.hangs.delete(entry)
    if (!ctx.res.destroyed) ctx.res.end(body.slice(half))
  }, ctx.untilMs - state.clock.now())
}

function hang(state: ServerState, ctx: { simReq: SimRequest; res: ServerResponse; record: RecordedRequest; untilMs: number | undefined }): void {
  const entry: { res: ServerResponse; timer: TimerId | undefined } = { res: ctx.res, timer: undefined }
  state.hangs.add(entry)
  if (ctx.untilMs === undefined) return
  entry.timer = state.clock.setTimeout(() => {
    state.hangs.delete(entry)
    void callHandler(state, ctx.simReq).then((r) => answer(state, ctx.res, ctx.record, r))
  }, ctx.untilMs - state.clock.now())
}

function endHangs(state: ServerState): void {
  for (const h of state.hangs) {
    if (h.timer !== undefined) state.clock.clearTimeout(h.timer)
    h.res.socket?.destroy()
  }
  state.hangs.clear()
}

async function callHandler(state: ServerState, req: SimRequest): Promise<SimResponse> {
  try {
    return await state.options.handler(req)
  } catch (error) {
    return { status: 500, headers: { 'content-type': 'text/plain' }, body: `simulator handler failed: ${String(error)}` }
  }
}

/** RFC 9110 8.6: no Content-Length on 1xx and 204; every other response has one (never chunked: small clients need it). */
function sendsLength(status: number): boolean {
  return status >= 200 && status !== 204
}

function answer(state: ServerState, res: ServerResponse, record: RecordedRequest, r: SimResponse): void {
  if (res.destroyed || res.writableEnded) return
  const body = r.status === 204 ? '' : (r.body ?? '')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(r.headers ?? {})) headers[name.toLowerCase()] = value
  if (body && headers['content-type'] === undefined) headers['content-type'] = SEP2_CONTENT_TYPE
  if (sendsLength(r.status)) headers['content-length'] = String(Buffer.byteLength(body))
  recordAnswer(state, record, { status: r.status, headers, body })
  res.writeHead(r.status, headers)
  res.end(body)
}

function recordAnswer(state: ServerState, record: RecordedRequest, r: { status: number; headers: Record<string, string>; body: string }): void {
  record.status = r.status
  record.responseHeaders = r.headers
  record.responseBody = r.body
  record.answeredAt = state.clock.now()
  state.options.onExchange?.(record)
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  return out
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
