import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
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
}

export interface WebHost {
  url: string
  /** The URL with the session token, as printed for the installer. */
  urlWithToken: string
  port: number
  token: string
  close(): Promise<void>
}

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024
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
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const server = createServer((req, res) => void serveHttp(req, res))
  let port = 0

  async function serveHttp(req: IncomingMessage, res: ServerResponse) {
    const verdict = guard.check(req, port)
    if (!verdict.allowed) return refuse(res, verdict.status, verdict.reason)
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
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
  })

  function attach(ws: WebSocket) {
    sockets.add(ws)
    const unsubscribe = options.engine.subscribe((event) => send(ws, { type: 'event', ...event }))
    ws.on('message', (data) => void onMessage(ws, data.toString()))
    ws.on('close', () => {
      unsubscribe()
      sockets.delete(ws)
    })
  }

  async function onMessage(ws: WebSocket, text: string) {
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

function refuse(res: ServerResponse, status: number, reason: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(`Refused: ${reason}\n`)
}

function send(ws: WebSocket, message: unknown) {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
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
