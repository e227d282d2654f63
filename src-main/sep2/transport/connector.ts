/**
 * The undici connector for SEP2: mutual TLS with full chain verification always on, a connect timeout on the injected
 * Clock, and a record of each TLS session (negotiated version and cipher) so every exchange can show them.
 */
import net from 'node:net'
import tls from 'node:tls'
import type { buildConnector } from 'undici'
import type { Clock } from '../../../src-shared/clock'
import { classifyHandshakeError } from './classify-error'
import type { PresentedCertificate } from './errors'
import { Sep2TimeoutError, Sep2TlsConfigError } from './errors'
import { flattenName, weakPeerKey } from './tls-options'

export interface TlsInfo {
  /** e.g. `TLSv1.2` */
  version: string
  /** OpenSSL name, e.g. `ECDHE-ECDSA-AES128-CCM8` */
  cipher: string
}

/** One TLS connection this transport opened. */
export interface TlsSession extends TlsInfo {
  origin: string
  openedAt: number
  /** Responses received on this connection (0 = the server has not answered anything yet). */
  responses: number
  closed: boolean
  /** The server's end-entity certificate as verified on this connection (the chain check passed: SRV-1). */
  server?: { subject: string; issuer: string; validTo: string }
}

export interface ConnectorOptions {
  cert: string
  key: string
  ca: string[]
  ciphers: string
  checkHostname: boolean
  connectMs: number
  clock: Clock
  expectedAnchors: string[]
  onSession: (session: TlsSession) => void
}

type ConnectCallback = buildConnector.Callback

/** The origin key a URL would give (`URL.origin`): IPv6 in brackets, default port omitted. */
export function originOf(params: { protocol: string; hostname: string; port: string }): string {
  const host = params.hostname.replace(/^\[|\]$/g, '')
  const shown = net.isIPv6(host) ? `[${host}]` : host
  const defaultPort = params.protocol === 'https:' ? '443' : '80'
  return `${params.protocol}//${shown}${params.port && params.port !== defaultPort ? `:${params.port}` : ''}`
}

/** Build the function undici calls to open a connection. */
export function createSep2Connector(options: ConnectorOptions): buildConnector.connector {
  let context: tls.SecureContext | Error | undefined
  const secureContext = (): tls.SecureContext | Error => {
    context ??= buildContext(options)
    return context
  }
  return (params, callback) => {
    const host = params.hostname.replace(/^\[|\]$/g, '')
    const origin = originOf(params)
    const ctx = secureContext()
    if (ctx instanceof Error) return callback(new Sep2TlsConfigError({ url: origin, detail: ctx.message, cause: ctx }), null)
    const socket = tls.connect({
      host,
      port: Number(params.port || 443),
      servername: params.servername ?? (net.isIP(host) ? undefined : host),
      ALPNProtocols: ['http/1.1'],
      secureContext: ctx,
      // SRV-1: the chain is always verified; only the name check can be switched off per server.
      rejectUnauthorized: true,
      checkServerIdentity: (name, cert) => {
        const weak = weakPeerKey(cert)
        if (weak) return new Error(weak)
        return options.checkHostname ? tls.checkServerIdentity(name, cert) : undefined
      },
    })
    let presented: PresentedCertificate | undefined
    // Read what the server presented before Node tears the socket down on a failed verification ('secure' is the
    // TLSSocket's internal handshake-done event; prepending runs us before Node's own verification handler).
    socket.prependListener('secure', () => {
      presented = describePeer(socket.getPeerCertificate(true))
    })
    watchHandshake({ socket, origin, options, callback, presented: () => presented })
  }
}

/** One TLS context for every connection; a bad certificate or key becomes an error, never key text. */
function buildContext(options: ConnectorOptions): tls.SecureContext | Error {
  try {
    return tls.createSecureContext({ cert: options.cert, key: options.key, ca: options.ca, ciphers: options.ciphers, minVersion: 'TLSv1.2' })
  } catch (error) {
    return new Error(firstLine(error))
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  // OpenSSL messages name the failing check ("key values mismatch"); keep only that line.
  return message.split('\n')[0] ?? message
}

function watchHandshake(ctx: {
  socket: tls.TLSSocket
  origin: string
  options: ConnectorOptions
  callback: ConnectCallback
  presented: () => PresentedCertificate | undefined
}): void {
  const { socket, origin, options, callback } = ctx
  let settled = false
  const timer = options.clock.setTimeout(() => {
    socket.destroy(new Sep2TimeoutError({ url: origin, phase: 'connect', timeoutMs: options.connectMs }))
  }, options.connectMs)
  const onError = (error: Error): void => {
    options.clock.clearTimeout(timer)
    if (settled) return
    settled = true
    callback(classifyHandshakeError({ error, url: origin, presented: ctx.presented(), expectedAnchors: options.expectedAnchors, connectMs: options.connectMs }), null)
  }
  socket.once('error', onError)
  socket.once('secureConnect', () => {
    options.clock.clearTimeout(timer)
    socket.removeListener('error', onError)
    settled = true
    const cipher = socket.getCipher()
    const session: TlsSession = {
      origin,
      version: socket.getProtocol() ?? 'unknown',
      cipher: cipher.name,
      openedAt: options.clock.now(),
      responses: 0,
      closed: false,
      ...serverCertificate(socket),
    }
    socket.once('close', () => {
      session.closed = true
    })
    options.onSession(session)
    callback(null, socket)
  })
}

/** The verified peer's subject, issuer and expiry (ISO), for the server-check record. */
function serverCertificate(socket: tls.TLSSocket): Pick<TlsSession, 'server'> {
  const peer = socket.getPeerCertificate()
  if (!peer.subject) return {}
  const validTo = new Date(peer.valid_to)
  return { server: { subject: nameOf(peer.subject), issuer: nameOf(peer.issuer), validTo: Number.isNaN(validTo.getTime()) ? peer.valid_to : validTo.toISOString() } }
}

function describePeer(cert: tls.DetailedPeerCertificate | undefined): PresentedCertificate | undefined {
  if (!cert || !cert.subject) return undefined
  const chainSubjects: string[] = []
  const seen = new Set<string>()
  for (let c: tls.DetailedPeerCertificate | undefined = cert; c && c.subject && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256)
    chainSubjects.push(nameOf(c.subject))
  }
  return { subject: nameOf(cert.subject), issuer: nameOf(cert.issuer), fingerprint256: cert.fingerprint256, chainSubjects }
}

function nameOf(name: tls.Certificate): string {
  return flattenName(Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join('\n'))
}
