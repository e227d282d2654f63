import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import { MAX_API_MESSAGE_BYTES, MAX_API_MESSAGE_TOKENS, structuralCountExceeds } from '../../src-shared/contract/message-limits'
import type { Engine } from '../engine/create-engine'
import { contentSecurityPolicy } from './csp'
import { createSessionGuard } from './session-guard'
import { loadStatic } from './static-files'

export interface WebHostOptions {
  engine: Engine
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  token?: string
  /** Where socket-level problems are logged (default console.error). */
  log?: (line: string) => void
}

export interface WebHost {
  url: string
  /** The URL with the session token, as printed for the installer. */
  urlWithToken: string
  port: number
  token: string
  close(): Promise<void>
}

const clientMessageSchema = z.object({ type: z.literal('invoke'), id: z.number().int(), command: z.string().max(100), input: z.unknown() })

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': contentSecurityPolicy(),
}

/**
 * The web host: the built renderer and the engine's API over a WebSocket, on 127.0.0.1 only, behind a session token.
 * Thin by design: every message goes straight to `engine.invoke`, every engine event straight to the sockets.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const guard = createSessionGuard(options.token)
  const sockets = new Set<WebSocket>()
  const log = options.log ?? ((line: string) => console.error(line))
  // A message over the limit is a protocol error on that socket (close code 1009), never a crash of the host.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_API_MESSAGE_BYTES })
  const server = createServer((req, res) => void serveHttp(req, res))
  // A malformed HTTP request or a socket reset before a response: answer 400 when possible, keep serving (REL-3).
  server.on('clientError', (error, socket) => {
    log(`[web] bad client request: ${errorCode(error)}`)
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  wss.on('error', (error) => log(`[web] WebSocket server: ${errorCode(error)}`))
  let port = 0

  async function serveHttp(req: IncomingMessage, res: ServerResponse) {
    const verdict = guard.check(req, port)
    if (!verdict.allowed) return refuse(res, verdict.status, verdict.status === 401 ? `${verdict.reason}. ${REOPEN_HINT}` : verdict.reason)
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (verdict.viaQuery) {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      url.searchParams.delete('token')
      res.writeHead(302, { ...SECURITY_HEADERS, 'Set-Cookie': guard.cookie, Location: url.pathname + url.search })
      return res.end()
    }
    const file = await loadStatic(options.rendererDir, url.pathname)
    if (!file) return refuse(res, 404, 'not found')
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  server.on('upgrade', (req, socket, head) => {
    const verdict = guard.check(req, port)
    if (!verdict.allowed || new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/api') {
      socket.end(`HTTP/1.1 ${verdict.allowed ? 404 : verdict.status} Refused\r\nConnection: close\r\n\r\n`)
      return
    }
    socket.on('error', () => socket.destroy())
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
  })

  function attach(ws: WebSocket) {
    sockets.add(ws)
    const unsubscribe = options.engine.subscribe((event) => send(ws, { type: 'event', ...event }))
    // Without this listener a protocol error (bad opcode, invalid UTF-8, unmasked frame, RSV1, over maxPayload) was
    // thrown out of the process – engine and site controller with it. ws closes this socket itself (1002 / 1007 / 1009).
    ws.on('error', (error) => log(`[web] socket closed on a protocol error: ${errorCode(error)} ${error.message}`))
    ws.on('message', (data) => void onMessage(ws, data.toString()))
    ws.on('close', () => {
      unsubscribe()
      sockets.delete(ws)
    })
  }

  async function onMessage(ws: WebSocket, text: string) {
    // REL-5: a shape that would cost far more to parse than its size says (deep nesting, a million tiny values) is
    // refused before JSON.parse, which would block the loop that runs the site controller.
    if (structuralCountExceeds(text, MAX_API_MESSAGE_TOKENS)) {
      return send(ws, { type: 'error', error: { code: 'API_MESSAGE_TOO_COMPLEX', message: `An API message may hold at most ${MAX_API_MESSAGE_TOKENS} values` } })
    }
    const parsed = clientMessageSchema.safeParse(safeJson(text))
    if (!parsed.success) return send(ws, { type: 'error', error: { code: 'API_BAD_MESSAGE', message: 'Malformed API message' } })
    const { id, command, input } = parsed.data
    send(ws, { type: 'result', id, result: await options.engine.invoke(command, input) })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/`
  return {
    url,
    urlWithToken: `${url}?token=${guard.token}`,
    port,
    token: guard.token,
    close: () => closeAll(server, wss, sockets),
  }
}

/** What a page without the token says (issue 17 item 6): how to get back in, not only that it was refused. */
export const REOPEN_HINT =
  'Open the address with ?token=… that the app printed when it started (npm run start:web prints it; the same data folder keeps the same address and token across restarts).'

function refuse(res: ServerResponse, status: number, reason: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(`Refused: ${reason}\n`)
}

function send(ws: WebSocket, message: unknown) {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
}

function errorCode(error: Error): string {
  const code = 'code' in error ? (error as { code: unknown }).code : undefined
  return typeof code === 'string' ? code : error.name
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

async function closeAll(server: Server, wss: WebSocketServer, sockets: Set<WebSocket>) {
  for (const ws of sockets) ws.terminate()
  wss.close()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}
