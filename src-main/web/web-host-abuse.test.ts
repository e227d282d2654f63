/**
 * Issue 15 item 2: WebSocket protocol abuse, sent as raw frames over a TCP socket. Each error closes that socket only;
 * the host (and the engine behind it) keeps answering a normal client. Before the fix any of these threw an 'error'
 * event nobody listened to, and the process died.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { MAX_API_MESSAGE_BYTES, MAX_API_MESSAGE_TOKENS, MAX_CERTIFICATE_FILE_BYTES, MAX_CERTIFICATE_FILES, MAX_CERTIFICATE_IMPORT_BYTES } from '../../src-shared/contract/message-limits'
import { createEngine, type Engine } from '../engine/create-engine'
import { startWebHost, type WebHost } from './web-host'

let dir: string
let engine: Engine
let host: WebHost
const logged: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sep2-webabuse-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>')
  engine = createEngine({ dataDir: join(dir, 'data'), host: 'web' })
  host = await startWebHost({ engine, rendererDir: join(dir, 'renderer'), log: (l) => logged.push(l) })
})

afterAll(async () => {
  await host.close()
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

const headers = () => ({ cookie: `sep2_session=${host.token}`, origin: `http://127.0.0.1:${host.port}` })

/** Opens the API socket by hand (HTTP upgrade over a plain TCP socket) so any bytes can follow. */
function rawSocket(): Promise<{ socket: Socket; received: () => Buffer; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1')
    let data = Buffer.alloc(0)
    const closed = new Promise<void>((done) => socket.on('close', () => done()))
    socket.on('error', () => undefined)
    socket.once('connect', () => {
      const h = headers()
      socket.write(
        [`GET /api HTTP/1.1`, `Host: 127.0.0.1:${host.port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13', `Cookie: ${h.cookie}`, `Origin: ${h.origin}`, '', ''].join('\r\n'),
      )
    })
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk])
      const text = data.toString('latin1')
      const end = text.indexOf('\r\n\r\n')
      if (end < 0 || !text.startsWith('HTTP/1.1 101')) return
      if (data.length >= end + 4 && !('upgraded' in socket)) {
        Object.assign(socket, { upgraded: true })
        data = data.subarray(end + 4)
        resolve({ socket, received: () => data, closed })
      }
    })
    socket.once('close', () => reject(new Error(`upgrade refused: ${data.toString()}`)))
  })
}

/** A frame header: FIN, opcode, RSV bits, mask bit; payload length as given (the payload itself may follow). */
function frame(o: { opcode: number; payload: Buffer; masked: boolean; rsv1?: boolean; declaredLength?: number }): Buffer {
  const length = o.declaredLength ?? o.payload.length
  const first = 0x80 | (o.rsv1 ? 0x40 : 0) | o.opcode
  const lenBytes = length < 126 ? Buffer.from([length]) : length < 65_536 ? Buffer.from([126, length >> 8, length & 0xff]) : Buffer.concat([Buffer.from([127]), u64(length)])
  lenBytes[0] = (lenBytes[0] ?? 0) | (o.masked ? 0x80 : 0)
  if (!o.masked) return Buffer.concat([Buffer.from([first]), lenBytes, o.payload])
  const mask = randomBytes(4)
  const body = Buffer.from(o.payload.map((b, i) => b ^ (mask[i % 4] ?? 0)))
  return Buffer.concat([Buffer.from([first]), lenBytes, mask, body])
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8)
  b.writeBigUInt64BE(BigInt(n))
  return b
}

/** The close code in the server's close frame (opcode 8), if it sent one. */
function closeCode(bytes: Buffer): number | undefined {
  if (bytes.length < 4 || ((bytes[0] ?? 0) & 0x0f) !== 8) return undefined
  return bytes.readUInt16BE(2)
}

async function normalClientWorks(): Promise<boolean> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: headers() })
  await new Promise<void>((done, fail) => ws.once('open', () => done()).once('error', fail))
  const answer = await new Promise<unknown>((done) => {
    ws.once('message', (data) => done(JSON.parse(String(data))))
    ws.send(JSON.stringify({ type: 'invoke', id: 7, command: 'sites.list', input: {} }))
  })
  ws.close()
  return JSON.stringify(answer) === JSON.stringify({ type: 'result', id: 7, result: { ok: true, value: [] } })
}

const text = Buffer.from('{"type":"invoke"}')
const ABUSE: { name: string; bytes: () => Buffer; code: number }[] = [
  { name: 'a message over the limit', bytes: () => frame({ opcode: 1, payload: Buffer.alloc(0), masked: true, declaredLength: MAX_API_MESSAGE_BYTES + 1 }), code: 1009 },
  { name: 'a reserved opcode', bytes: () => frame({ opcode: 3, payload: text, masked: true }), code: 1002 },
  { name: 'invalid UTF-8 in a text frame', bytes: () => frame({ opcode: 1, payload: Buffer.from([0x22, 0xff, 0xfe, 0x22]), masked: true }), code: 1007 },
  { name: 'an unmasked client frame', bytes: () => frame({ opcode: 1, payload: text, masked: false }), code: 1002 },
  { name: 'RSV1 set without an extension', bytes: () => frame({ opcode: 1, payload: text, masked: true, rsv1: true }), code: 1002 },
]

describe('web host under WebSocket protocol abuse (issue 15 item 2)', () => {
  for (const abuse of ABUSE) {
    it(`${abuse.name}: closes that socket only (${abuse.code}); the host answers the next client`, async () => {
      const bystander = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: headers() })
      await new Promise<void>((done) => bystander.once('open', () => done()))
      const raw = await rawSocket()
      raw.socket.write(abuse.bytes())
      await raw.closed
      expect(closeCode(raw.received())).toBe(abuse.code)
      expect(bystander.readyState).toBe(WebSocket.OPEN)
      bystander.close()
      expect(await normalClientWorks()).toBe(true)
    })
  }

  it('logs each protocol error with its code', () => {
    expect(logged.filter((l) => l.startsWith('[web] socket closed on a protocol error')).length).toBeGreaterThanOrEqual(ABUSE.length)
  })

  it('refuses a message with too many values before parsing it, and keeps the socket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: headers() })
    await new Promise<void>((done) => ws.once('open', () => done()))
    const answer = await new Promise<{ error?: { code: string } }>((done) => {
      ws.once('message', (data) => done(JSON.parse(String(data)) as { error?: { code: string } }))
      ws.send('['.repeat(MAX_API_MESSAGE_TOKENS + 1) + ']'.repeat(MAX_API_MESSAGE_TOKENS + 1))
    })
    expect(answer.error?.code).toBe('API_MESSAGE_TOO_COMPLEX')
    expect(ws.readyState).toBe(WebSocket.OPEN)
    ws.close()
  })
})

/** Median time of JSON.parse of `text` over a few runs (after one warm-up), ms. */
function parseMs(text: string): number {
  JSON.parse(text)
  const times = Array.from({ length: 5 }, () => {
    const start = performance.now()
    JSON.parse(text)
    return performance.now() - start
  })
  return times.sort((a, b) => a - b)[2] ?? Infinity
}

describe('message limits keep parsing short (REL-5, issue 15 item 2)', () => {
  const maxImport = JSON.stringify({
    type: 'invoke',
    id: 1,
    command: 'certificates.import',
    input: {
      siteId: 'x'.repeat(64),
      files: Array.from({ length: MAX_CERTIFICATE_FILES }, (_, k) => ({ name: `f${k}.pem`, dataBase64: randomBytes(MAX_CERTIFICATE_IMPORT_BYTES / MAX_CERTIFICATE_FILES).toString('base64') })),
    },
  })

  it('the largest certificate import fits the message limit, which is far below what the host used to accept', () => {
    expect(MAX_CERTIFICATE_IMPORT_BYTES).toBeGreaterThanOrEqual(2 * MAX_CERTIFICATE_FILE_BYTES)
    expect(Buffer.byteLength(maxImport)).toBeLessThan(MAX_API_MESSAGE_BYTES)
  })

  it('JSON.parse of a maximal message, and of the worst shapes within the value cap, stays well under 50 ms', () => {
    const biggest = JSON.stringify({ type: 'invoke', id: 1, command: 'x', input: 'A'.repeat(MAX_API_MESSAGE_BYTES - 60) })
    const depth = MAX_API_MESSAGE_TOKENS / 2
    const shapes = {
      'maximal import': maxImport,
      'maximal text': biggest,
      'deepest nesting': '['.repeat(depth) + ']'.repeat(depth),
      'most values': JSON.stringify(Array.from({ length: MAX_API_MESSAGE_TOKENS - 10 }, () => 123456.789)),
    }
    const times = Object.fromEntries(Object.entries(shapes).map(([name, text]) => [name, Math.round(parseMs(text) * 10) / 10]))
    console.log(`[REL-5] JSON.parse median ms: ${JSON.stringify(times)}`)
    for (const ms of Object.values(times)) expect(ms).toBeLessThan(50)
  })
})
