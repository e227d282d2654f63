/**
 * Issue 15 item 2: WebSocket protocol abuse against the web host (out/node/web.js) with raw frames over node:net –
 * a message over maxPayload, a reserved opcode, invalid UTF-8, an unmasked client frame, RSV1 without an extension.
 * Expected: that socket is closed, the host stays up and still answers a normal client (the `ws` package).
 */
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import WebSocket from 'ws'
import { judge, type CaseContext, type FaultCase } from '../lib/case'
import { start, type Started } from '../lib/processes'

interface Host {
  proc: Started
  port: number
  token: string
}

async function startHost(ctx: CaseContext): Promise<Host> {
  const proc = start(ctx.root, 'out/node/web.js', ['--no-demo'], { env: { SEP2_DATA_DIR: ctx.tmp, SEP2_DEMO: '0' } })
  const m = await proc.waitFor(/http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)/, 30_000)
  return { proc, port: Number(m[1]), token: m[2] ?? '' }
}

/** A raw client: the HTTP upgrade by hand, then whatever bytes the case sends. Resolves once the upgrade is answered 101. */
function rawSocket(host: Host): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1')
    let head = ''
    const onData = (d: Buffer) => {
      head += d.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      socket.off('data', onData)
      if (/^HTTP\/1\.1 101/.test(head)) resolve(socket)
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`))
    }
    socket.on('data', onData)
    socket.once('error', reject)
    socket.write(
      [`GET /api?token=${host.token} HTTP/1.1`, `Host: 127.0.0.1:${host.port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'),
    )
  })
}

/** A client frame: FIN + opcode (+ RSV bits) in the first byte, masked unless told, with a 16- or 64-bit length. */
function frame(first: number, payload: Buffer, o: { masked?: boolean; claimLength?: number } = {}): Buffer {
  const masked = o.masked ?? true
  const length = o.claimLength ?? payload.length
  const header: number[] = [first]
  const maskBit = masked ? 0x80 : 0
  if (length < 126) header.push(maskBit | length)
  else if (length < 65_536) header.push(maskBit | 126, length >> 8, length & 0xff)
  else {
    const big = Buffer.alloc(8)
    big.writeBigUInt64BE(BigInt(length))
    header.push(maskBit | 127, ...big)
  }
  if (!masked) return Buffer.concat([Buffer.from(header), payload])
  const mask = randomBytes(4)
  const body = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] ?? 0)))
  return Buffer.concat([Buffer.from(header), mask, body])
}

/** Whether the server closed this socket within `ms` (a close frame then FIN, or a reset). */
function closedWithin(socket: net.Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms)
    const done = () => {
      clearTimeout(t)
      resolve(true)
    }
    socket.once('close', done)
    socket.once('end', done)
    socket.on('error', () => undefined)
  })
}

/** A normal client asks app.info; resolves with the round-trip time in ms, or rejects. */
function normalClient(host: Host, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` })
    const t = setTimeout(() => {
      ws.terminate()
      reject(new Error(`no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    let sent = 0
    ws.on('open', () => {
      sent = Date.now()
      ws.send(JSON.stringify({ type: 'invoke', id: 1, command: 'app.info', input: {} }))
    })
    ws.on('message', (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { type?: string; id?: number }
      if (msg.type !== 'result' || msg.id !== 1) return
      clearTimeout(t)
      ws.close()
      resolve(Date.now() - sent)
    })
    ws.on('error', (e) => {
      clearTimeout(t)
      reject(e)
    })
  })
}

function abuse(id: string, title: string, bytes: () => Buffer, fast: boolean): FaultCase {
  return {
    id: `web.ws.${id}`,
    title: `${title}: that socket closed, the host still serves a normal client`,
    fast,
    timeoutMs: 90_000,
    async run(ctx) {
      const host = await startHost(ctx)
      try {
        const before = await normalClient(host).then(() => true, () => false)
        const socket = await rawSocket(host)
        const closed = closedWithin(socket, 5000)
        socket.write(bytes())
        const wasClosed = await closed
        socket.destroy()
        await new Promise((r) => setTimeout(r, 300))
        const after = await normalClient(host).then((ms) => `answered in ${ms} ms`, (e: Error) => `failed: ${e.message}`)
        const alive = host.proc.alive()
        const exit = alive ? 'host up' : `host exited (code ${host.proc.child.exitCode}, signal ${host.proc.child.signalCode})`
        return judge(
          [
            [before, 'the normal client did not work even before the abuse'],
            [wasClosed, 'the abusive socket was not closed within 5 s'],
            [alive, exit],
            [after.startsWith('answered'), `normal client afterwards ${after}`],
          ],
          `${exit}; abusive socket ${wasClosed ? 'closed' : 'left open'}; normal client afterwards ${after}`,
        )
      } finally {
        host.proc.child.kill('SIGTERM')
        await host.proc.done
      }
    },
  }
}

const MIB = 1024 * 1024
const TEXT = 0x81

/** One 10 MB deeply nested JSON message: while the host parses it, a second client's request must not wait long. */
const nestedJson: FaultCase = {
  id: 'web.ws.nested-json-10mb',
  title: 'A 10 MB nested JSON message: the host answers another client within 1 s meanwhile',
  fast: false,
  timeoutMs: 90_000,
  async run(ctx) {
    const host = await startHost(ctx)
    try {
      const depth = 5 * MIB
      const heavy = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` })
      heavy.on('error', () => undefined)
      await new Promise((r) => heavy.once('open', r))
      heavy.send('['.repeat(depth) + ']'.repeat(depth))
      await new Promise((r) => setTimeout(r, 50))
      const began = Date.now()
      const answer = await normalClient(host).then((ms) => `answered in ${ms} ms`, (e: Error) => `got no answer after ${Date.now() - began} ms (${e.message})`)
      heavy.terminate()
      const latency = Date.now() - began
      return judge([[host.proc.alive(), 'the host exited'], [latency <= 1000, `another client ${answer}`]], `another client ${answer}, host ${host.proc.alive() ? 'up' : 'gone'}`)
    } finally {
      host.proc.child.kill('SIGTERM')
      await host.proc.done
    }
  },
}

export const websocketCases: FaultCase[] = [
  abuse('over-max-payload', 'A frame claiming 17 MiB (over the 16 MiB maxPayload)', () => frame(TEXT, Buffer.alloc(1024, 0x20), { claimLength: 17 * MIB }), true),
  abuse('bad-opcode', 'A frame with reserved opcode 3', () => frame(0x83, Buffer.from('x')), false),
  abuse('invalid-utf8', 'A text frame with invalid UTF-8', () => frame(TEXT, Buffer.from([0xff, 0xfe, 0xfd])), false),
  abuse('unmasked', 'An unmasked client frame', () => frame(TEXT, Buffer.from('{}'), { masked: false }), false),
  abuse('rsv1', 'RSV1 set without a negotiated extension', () => frame(0xc1, Buffer.from('{}')), false),
  nestedJson,
]
