/**
 * Bounded resources (issue 15 item 5) over REAL mutual TLS against a hostile test server on 127.0.0.1: response size
 * cap while streaming, a body that drips forever, redirects and links to other hosts. Time is a FakeClock.
 */
import type { ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { Sep2ResponseTooLargeError, Sep2TimeoutError } from './errors'
import { answerXml, startHostileServer, streamHugeBody } from './testing/hostile-server'
import type { HostileServer } from './testing/hostile-server'
import { createTestPki } from './testing/openssl-pki'
import type { TestPki } from './testing/openssl-pki'
import { makeTransport } from './testing/transport-fixture'
import type { TransportProbe } from './testing/transport-fixture'
import { DEFAULT_MAX_RESPONSE_BYTES } from './timeouts'

const signal = (): AbortSignal => new AbortController().signal
const TIMEOUTS = { connectMs: 5_000, headersMs: 20_000, bodyMs: 20_000 }
const MB = 1024 * 1024
const DCAP = '<DeviceCapability xmlns="urn:ieee:std:2030.5:ns" href="/api/v2/dcap"/>'

let pki: TestPki
let clock: FakeClock
let server: HostileServer
const probes: TransportProbe[] = []

function probe(extra: { maxResponseBytes?: number } = {}): TransportProbe {
  const p = makeTransport({ url: server.url, clock, identity: pki.client, anchors: [pki.serca], timeouts: TIMEOUTS, ...extra })
  probes.push(p)
  return p
}

/** Let real I/O run (event-loop turns, no timers) until the condition holds. */
async function untilTrue(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !condition(); i++) await new Promise<void>((resolve) => setImmediate(resolve))
  expect(condition()).toBe(true)
}

beforeAll(async () => {
  pki = createTestPki()
  clock = new FakeClock()
  server = await startHostileServer(pki, (_req, res) => answerXml(res, DCAP))
})

afterAll(async () => {
  await Promise.all(probes.map((p) => p.transport.close()))
  await server.close()
  pki.cleanup()
})

describe('response size cap', () => {
  it('a 50 MB streamed body stops at the 2 MiB cap: SEP2_RESPONSE_TOO_LARGE, bytes read bounded, next GET works', async () => {
    let written: Promise<number> = Promise.resolve(0)
    server.handle((req, res) => {
      if (req.path === '/api/v2/huge') written = streamHugeBody(res, { totalBytes: 50 * MB, chunkBytes: 64 * 1024, chunked: true })
      else answerXml(res, DCAP)
    })
    const { transport } = probe()
    expect((await transport.get('/api/v2/dcap', { signal: signal() })).ok).toBe(true)
    const r = await transport.get('/api/v2/huge', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_RESPONSE_TOO_LARGE')
    const error = !r.ok && r.error instanceof Sep2ResponseTooLargeError ? r.error : undefined
    // Read no more than the cap plus one TLS record / stream chunk (64 KiB).
    expect(error?.receivedBytes).toBeGreaterThan(DEFAULT_MAX_RESPONSE_BYTES)
    expect(error?.receivedBytes).toBeLessThanOrEqual(DEFAULT_MAX_RESPONSE_BYTES + 64 * 1024)
    expect(error?.message).toMatch(/over the 2097152-byte limit/)
    // The server could hand over only what the socket buffers hold once the client stopped reading.
    expect(await written).toBeLessThan(25 * MB)
    server.handle((_req, res) => answerXml(res, DCAP))
    const next = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(next.ok).toBe(true)
  }, 30_000)

  it('a Content-Length over the cap is refused before reading the body', async () => {
    server.handle((_req, res) => void streamHugeBody(res, { totalBytes: 50 * MB, chunkBytes: 64 * 1024 }))
    const { transport } = probe()
    const r = await transport.get('/api/v2/declared', { signal: signal() })
    const error = !r.ok && r.error instanceof Sep2ResponseTooLargeError ? r.error : undefined
    expect(error?.declaredBytes).toBe(50 * MB)
    expect(error?.receivedBytes).toBe(0)
  }, 30_000)

  it('the cap is configurable: 1,000 bytes refuses a 1,001-byte document and takes a 1,000-byte one', async () => {
    const open = '<DeviceCapability xmlns="urn:ieee:std:2030.5:ns" href="/api/v2/dcap">'
    const doc = (n: number): string => `${open}${' '.repeat(n - open.length - 19)}</DeviceCapability>`
    expect(doc(1000)).toHaveLength(1000)
    server.handle((req, res) => answerXml(res, doc(Number(req.query.get('n')))))
    const { transport } = probe({ maxResponseBytes: 1000 })
    const fits = await transport.get('/api/v2/dcap?n=1000', { signal: signal() })
    expect(fits.ok && fits.value.body).toHaveLength(1000)
    const over = await transport.get('/api/v2/dcap?n=1001', { signal: signal() })
    expect(!over.ok && over.error.code).toBe('SEP2_RESPONSE_TOO_LARGE')
  }, 30_000)
})

describe('slow bodies', () => {
  it('a body that keeps dripping a byte a second never finishes -> SEP2_TIMEOUT (body) at the body deadline', async () => {
    let drip: ServerResponse | undefined
    server.handle((req, res) => {
      if (req.path !== '/api/v2/drip') return answerXml(res, DCAP)
      res.writeHead(200, { 'content-type': 'application/sep+xml' })
      res.write('<DeviceCapability xmlns="urn:ieee:std:2030.5:ns" ')
      drip = res
    })
    const { transport } = probe()
    const answered = (): number => transport.sessions().at(-1)?.responses ?? 0
    expect((await transport.get('/api/v2/dcap', { signal: signal() })).ok).toBe(true)
    const before = answered()
    const pending = transport.get('/api/v2/drip', { signal: signal() })
    await untilTrue(() => answered() > before && drip !== undefined)
    // Data keeps coming (an idle timer would never fire); the deadline counts from the headers.
    for (let s = 1; s < TIMEOUTS.bodyMs / 1000; s++) {
      drip?.write(' ')
      await clock.advanceAsync(1_000)
    }
    drip?.write(' ')
    await clock.advanceAsync(1_000)
    const r = await pending
    expect(!r.ok && r.error.code).toBe('SEP2_TIMEOUT')
    expect(!r.ok && r.error instanceof Sep2TimeoutError && r.error.phase).toBe('body')
  }, 30_000)
})

describe('redirects and links to other hosts', () => {
  it.each([301, 302, 307, 308])('%i is not followed: SEP2_REDIRECT naming the Location, nothing sent there', async (status) => {
    server.handle((req, res) => {
      if (req.path !== '/api/v2/moved') return answerXml(res, DCAP)
      res.writeHead(status, { location: `${server.url}/api/v2/moved` })
      res.end()
    })
    const { transport } = probe()
    const before = server.requests.length
    const r = await transport.get('/api/v2/moved', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_REDIRECT')
    expect(!r.ok && r.error.message).toContain(`redirects to ${server.url}/api/v2/moved`)
    // A redirect to itself (a loop) costs one request, not a chain of them.
    expect(server.requests.length - before).toBe(1)
  })

  it('an href on another host (or scheme) is refused before any connection: SEP2_OTHER_ORIGIN', async () => {
    const { transport } = probe()
    const before = server.requests.length
    const port = Number(new URL(server.url).port)
    for (const href of [`https://127.0.0.1:${port === 1 ? 2 : 1}/api/v2/edev`, `http://127.0.0.1:${port}/api/v2/edev`, '//localhost/api/v2/edev']) {
      const r = await transport.get(href, { signal: signal() })
      expect(!r.ok && r.error.code, href).toBe('SEP2_OTHER_ORIGIN')
    }
    expect(server.requests.length).toBe(before)
    expect(transport.sessions()).toHaveLength(0)
  })
})

describe('a keep-alive connection the server has closed (handbook 13.2 retries, issue 15 item 3)', () => {
  it('the next GET on it is retried once at once, on a fresh connection, and succeeds', async () => {
    // The server drops every connection that comes back for a second request, as one that closed it while idle.
    server.handle((req, res) => void (req.onConnection > 1 ? res.socket?.destroy() : answerXml(res, DCAP)))
    const { transport, retries } = probe()
    const before = server.requests.length
    expect((await transport.get('/api/v2/dcap', { signal: signal() })).ok).toBe(true)
    const r = await transport.get('/api/v2/edev', { signal: signal() })
    expect(r.ok && r.value.attempts).toBe(2)
    expect(retries.seen.map((n) => n.reason)).toEqual(['stale-connection'])
    const seen = server.requests.slice(before).map((q) => [q.path, q.onConnection])
    expect(seen).toEqual([['/api/v2/dcap', 1], ['/api/v2/edev', 2], ['/api/v2/edev', 1]])
    expect(transport.sessions()).toHaveLength(2)
  })

  it('a server that drops the fresh connection too -> an error after two attempts, not a loop', async () => {
    server.handle((req, res) => void (req.onConnection > 1 || req.path === '/api/v2/never' ? res.socket?.destroy() : answerXml(res, DCAP)))
    const { transport, retries } = probe()
    expect((await transport.get('/api/v2/dcap', { signal: signal() })).ok).toBe(true)
    const r = await transport.get('/api/v2/never', { signal: signal() })
    expect(r.ok).toBe(false)
    expect(retries.seen).toHaveLength(1)
  })
})
