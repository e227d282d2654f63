/**
 * Test-only: a small mutual-TLS HTTPS server on 127.0.0.1 port 0 whose every answer is written by the test, for the
 * misbehaviour the utility simulator does not script (streamed huge bodies, dripped bodies, dropped keep-alive
 * connections, redirects, endless list paging). It counts the body bytes it managed to hand to each socket.
 */
import https from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { TestPki } from './openssl-pki'

export interface HostileRequest {
  method: string
  path: string
  query: URLSearchParams
  /** 1 for the first request on its TLS connection, 2 for the next one on the same (kept-alive) connection ... */
  onConnection: number
  /** Index of the TLS connection it came on (1 = the first connection accepted). */
  connection: number
}

export type HostileHandler = (req: HostileRequest, res: ServerResponse) => void | Promise<void>

export interface HostileServer {
  readonly url: string
  readonly requests: HostileRequest[]
  /** Set the handler for the requests that follow. */
  handle(handler: HostileHandler): void
  close(): Promise<void>
}

export async function startHostileServer(pki: TestPki, handler: HostileHandler): Promise<HostileServer> {
  let current = handler
  const requests: HostileRequest[] = []
  const perSocket = new WeakMap<Socket, { index: number; count: number }>()
  let connections = 0
  const server = https.createServer({ cert: pki.server.chain, key: pki.server.key, ca: [pki.serca], requestCert: true, rejectUnauthorized: true })
  server.on('secureConnection', (socket) => perSocket.set(socket, { index: ++connections, count: 0 }))
  server.on('tlsClientError', () => undefined)
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const seen = perSocket.get(req.socket) ?? { index: 0, count: 0 }
    seen.count++
    const url = new URL(req.url ?? '/', 'https://127.0.0.1')
    const entry: HostileRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, onConnection: seen.count, connection: seen.index }
    requests.push(entry)
    req.resume()
    void Promise.resolve(current(entry, res)).catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    handle: (h) => {
      current = h
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Answer with a small 2030.5 document. */
export function answerXml(res: ServerResponse, xml: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/sep+xml', 'content-length': String(Buffer.byteLength(xml)) })
  res.end(xml)
}

/**
 * Stream `totalBytes` of a never-closing XML element in chunks, honouring back-pressure, and report how many bytes the
 * socket accepted before the client went away (a client that stops reading stops the stream).
 */
export function streamHugeBody(res: ServerResponse, opts: { totalBytes: number; chunkBytes: number; chunked?: boolean }): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/sep+xml' }
  if (!opts.chunked) headers['content-length'] = String(opts.totalBytes)
  res.writeHead(200, headers)
  const chunk = Buffer.alloc(opts.chunkBytes, 'A')
  let written = 0
  return new Promise((resolve) => {
    const done = (): void => resolve(written)
    res.once('close', done)
    const pump = (): void => {
      while (written < opts.totalBytes && !res.destroyed) {
        const n = Math.min(chunk.length, opts.totalBytes - written)
        written += n
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump)
      }
      if (!res.destroyed) res.end()
    }
    pump()
  })
}
