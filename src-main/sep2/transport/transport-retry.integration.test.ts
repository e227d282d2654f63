/**
 * SRV-5 (handbook 13.2, FAQ) and timeouts over REAL mutual TLS, timed by a FakeClock shared with the simulator:
 * 429 / 5xx retried with backoff >= 10 s apart, at most 2 retries in the poll period, Retry-After honoured, 404 after a
 * create retried after a few seconds, timeouts and outages mapped to stable codes.
 */
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { MutualTlsServer } from '../../sim/utility/core'
import { Sep2TimeoutError } from './errors'
import { createTestPki } from './testing/openssl-pki'
import type { TestPki } from './testing/openssl-pki'
import { makeTransport, startSim } from './testing/transport-fixture'
import type { ProbeOptions, TransportProbe } from './testing/transport-fixture'

const signal = (): AbortSignal => new AbortController().signal
const TIMEOUTS = { connectMs: 5_000, headersMs: 20_000, bodyMs: 20_000 }

/** Let real I/O run (event-loop turns, no timers) until the condition holds. */
async function untilTrue(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise<void>((resolve) => setImmediate(resolve))
  expect(condition()).toBe(true)
}

let pki: TestPki
let clock: FakeClock
let sim: MutualTlsServer
const probes: TransportProbe[] = []

function good(extra: Partial<ProbeOptions> = {}): TransportProbe {
  const p = makeTransport({ url: sim.url, clock, identity: pki.client, anchors: [pki.serca], timeouts: TIMEOUTS, ...extra })
  probes.push(p)
  return p
}

beforeAll(async () => {
  pki = createTestPki()
  clock = new FakeClock()
  sim = await startSim(pki, clock)
})

afterAll(async () => {
  await Promise.all(probes.map((p) => p.transport.close()))
  await sim.close()
  pki.cleanup()
})

describe('429 and 5xx (handbook 13.2)', () => {
  it('429 with Retry-After: 20 is retried no earlier than 20 s later, then succeeds', async () => {
    const { transport, retries, exchanges } = good()
    sim.setFault({ kind: 'status', status: 429, retryAfter: '20' }, { path: '/api/v2/rl' })
    const pending = transport.get('/api/v2/rl', { signal: signal() })
    const notice = await retries.next()
    expect(notice).toMatchObject({ reason: 'rate-limited', status: 429, retryNumber: 1 })
    expect(notice.delayMs).toBeGreaterThanOrEqual(20_000)
    expect(notice.delayMs).toBeLessThanOrEqual(25_000)
    await clock.advanceAsync(notice.delayMs - 1)
    expect(sim.requests.filter((r) => r.path === '/api/v2/rl')).toHaveLength(1)
    await clock.advanceAsync(1)
    const r = await pending
    expect(r.ok && r.value.status).toBe(200)
    expect(r.ok && r.value.attempts).toBe(2)
    const seen = sim.requests.filter((q) => q.path === '/api/v2/rl')
    expect(seen.map((q) => q.status)).toEqual([429, 200])
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(20_000)
    expect(exchanges.seen.map((e) => [e.attempt, e.status])).toEqual([[1, 429], [2, 200]])
  })

  it('Retry-After as an HTTP date is honoured', async () => {
    const { transport, retries } = good()
    const at = new Date(clock.now() + 45_000).toUTCString()
    sim.setFault({ kind: 'status', status: 503, retryAfter: at }, { path: '/api/v2/date' })
    const pending = transport.get('/api/v2/date', { signal: signal() })
    const notice = await retries.next()
    expect(notice.delayMs).toBeGreaterThanOrEqual(44_000)
    await clock.advanceAsync(notice.delayMs)
    expect((await pending).ok).toBe(true)
  })

  it('Retry-After shorter than 10 s still waits at least 10 s', async () => {
    const { transport, retries } = good()
    sim.setFault({ kind: 'status', status: 429, retryAfter: '1' }, { path: '/api/v2/short' })
    const pending = transport.get('/api/v2/short', { signal: signal() })
    expect((await retries.next()).delayMs).toBeGreaterThanOrEqual(10_000)
    await clock.advanceAsync(15_000)
    expect((await pending).ok).toBe(true)
  })

  it('5xx past the two retries -> SEP2_SERVER_ERROR, three attempts each >= 10 s apart', async () => {
    const { transport, retries } = good()
    sim.setFault({ kind: 'status', status: 500 }, { path: '/api/v2/down', times: Infinity })
    const pending = transport.get('/api/v2/down', { signal: signal() })
    for (let i = 1; i <= 2; i++) {
      const notice = await retries.next()
      expect(notice).toMatchObject({ reason: 'server-error', retryNumber: i })
      await clock.advanceAsync(notice.delayMs)
    }
    const r = await pending
    sim.clearFaults()
    expect(!r.ok && r.error.code).toBe('SEP2_SERVER_ERROR')
    expect(!r.ok && r.error.hint).toMatch(/loss of communications/)
    const times = sim.requests.filter((q) => q.path === '/api/v2/down').map((q) => q.at)
    expect(times).toHaveLength(3)
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(10_000)
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(10_000)
    expect((times[2] ?? 0) - (times[0] ?? 0)).toBeLessThanOrEqual(300_000)
  })

  it('429 throughout -> SEP2_RATE_LIMITED; a Retry-After beyond the poll period is not waited for', async () => {
    const { transport, retries } = good()
    sim.setFault({ kind: 'status', status: 429, retryAfter: '600' }, { path: '/api/v2/busy' })
    const r = await transport.get('/api/v2/busy', { signal: signal(), periodMs: 300_000 })
    expect(!r.ok && r.error.code).toBe('SEP2_RATE_LIMITED')
    expect(retries.seen).toHaveLength(0)
  })

  it('aborting while waiting for a retry ends with SEP2_ABORTED', async () => {
    const { transport, retries } = good()
    sim.setFault({ kind: 'status', status: 503 }, { path: '/api/v2/abort' })
    const ctl = new AbortController()
    const pending = transport.get('/api/v2/abort', { signal: ctl.signal })
    await retries.next()
    ctl.abort()
    const r = await pending
    expect(!r.ok && r.error.code).toBe('SEP2_ABORTED')
  })
})

describe('404 (handbook FAQ)', () => {
  it('a 404 right after creating a resource is retried after a few seconds', async () => {
    const { transport, retries } = good()
    sim.setFault({ kind: 'status', status: 404 }, { path: '/api/v2/mup/9' })
    const pending = transport.get('/api/v2/mup/9', { signal: signal(), justCreated: true })
    const notice = await retries.next()
    expect(notice.reason).toBe('not-found-after-create')
    expect(notice.delayMs).toBeGreaterThanOrEqual(2_000)
    expect(notice.delayMs).toBeLessThanOrEqual(10_000)
    await clock.advanceAsync(notice.delayMs)
    const r = await pending
    expect(r.ok && r.value.status).toBe(200)
  })

  it('an unexpected 404 is SEP2_NOT_FOUND at once, with the "not authorised" hint', async () => {
    const { transport, retries } = good()
    sim.setFault({ kind: 'status', status: 404 }, { path: '/api/v2/edev/7' })
    const r = await transport.get('/api/v2/edev/7', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_NOT_FOUND')
    expect(!r.ok && r.error.hint).toMatch(/not authorised/)
    expect(retries.seen).toHaveLength(0)
  })

  it('other 4xx is SEP2_HTTP_STATUS without retry', async () => {
    const { transport } = good()
    sim.setFault({ kind: 'status', status: 400 }, { path: '/api/v2/bad' })
    const r = await transport.get('/api/v2/bad', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_HTTP_STATUS')
  })
})

describe('timeouts, resets and outages', () => {
  it('a response slower than the header timeout -> SEP2_TIMEOUT (geo-block hint)', async () => {
    const { transport } = good()
    await transport.get('/api/v2/dcap', { signal: signal() })
    sim.setFault({ kind: 'hang', untilMs: clock.now() + 120_000 }, { path: '/api/v2/slow' })
    const before = sim.requests.length
    const pending = transport.get('/api/v2/slow', { signal: signal() })
    await sim.waitForRequests(before + 1)
    await clock.advanceAsync(TIMEOUTS.headersMs)
    const r = await pending
    expect(!r.ok && r.error.code).toBe('SEP2_TIMEOUT')
    expect(!r.ok && r.error instanceof Sep2TimeoutError && r.error.phase).toBe('headers')
    expect(!r.ok && r.error.hint).toMatch(/Australian/)
  })

  it('a body that stops half-way -> SEP2_TIMEOUT (body)', async () => {
    const { transport } = good()
    await transport.get('/api/v2/dcap', { signal: signal() })
    const answered = (): number => transport.sessions().at(-1)?.responses ?? 0
    const before = answered()
    sim.setFault({ kind: 'stall-body' }, { path: '/api/v2/half' })
    const pending = transport.get('/api/v2/half', { signal: signal() })
    await untilTrue(() => answered() > before) // the headers have arrived; the body deadline is armed
    await clock.advanceAsync(TIMEOUTS.bodyMs)
    const r = await pending
    expect(!r.ok && r.error.code).toBe('SEP2_TIMEOUT')
    expect(!r.ok && r.error instanceof Sep2TimeoutError && r.error.phase).toBe('body')
  })

  it('a server that accepts TCP but never completes the handshake -> SEP2_TIMEOUT (connect)', async () => {
    const silent = net.createServer(() => undefined)
    const accepted = new Promise<void>((resolve) => silent.once('connection', () => resolve()))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { transport } = good({ url: `https://127.0.0.1:${(silent.address() as AddressInfo).port}` })
    const pending = transport.get('/api/v2/dcap', { signal: signal() })
    await accepted
    await clock.advanceAsync(TIMEOUTS.connectMs)
    const r = await pending
    await new Promise<void>((resolve) => silent.close(() => resolve()))
    expect(!r.ok && r.error.code).toBe('SEP2_TIMEOUT')
    expect(!r.ok && r.error instanceof Sep2TimeoutError && r.error.phase).toBe('connect')
  })

  it('a POST reset after earlier answers -> SEP2_CONNECT (not a certificate problem), and not repeated', async () => {
    const { transport, retries } = good()
    expect((await transport.get('/api/v2/dcap', { signal: signal() })).ok).toBe(true)
    sim.setFault({ kind: 'reset' }, { path: '/api/v2/reset' })
    const r = await transport.post('/api/v2/reset', '<x/>', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_CONNECT')
    expect(!r.ok && r.error.message).toMatch(/reset|closed/)
    expect(retries.seen).toHaveLength(0)
  })

  it('a GET reset on a kept-alive connection is retried once at once on a fresh connection', async () => {
    const { transport, retries } = good()
    expect((await transport.get('/api/v2/dcap', { signal: signal() })).ok).toBe(true)
    sim.setFault({ kind: 'reset' }, { path: '/api/v2/reset-get' })
    const r = await transport.get('/api/v2/reset-get', { signal: signal() })
    expect(r.ok && r.value.attempts).toBe(2)
    expect(retries.seen.map((n) => [n.reason, n.delayMs])).toEqual([['stale-connection', 0]])
  })

  it('server down -> SEP2_CONNECT (refused); back up on the same port -> success', async () => {
    const { transport } = good()
    await sim.down()
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_CONNECT')
    expect(!r.ok && r.error.message).toMatch(/connection refused/)
    await sim.up()
    const again = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(again.ok).toBe(true)
  })

  it('a malformed body is delivered as text for the codec to reject', async () => {
    const { transport } = good()
    sim.setFault({ kind: 'malformed-body' }, { path: '/api/v2/mangled' })
    const r = await transport.get('/api/v2/mangled', { signal: signal() })
    expect(r.ok && r.value.body).toMatch(/<TimeLink href="\/api\/v2\/t$/)
  })

  it('an already aborted signal -> SEP2_ABORTED without a request', async () => {
    const { transport } = good()
    const ctl = new AbortController()
    ctl.abort()
    const before = sim.requests.length
    const r = await transport.get('/api/v2/dcap', { signal: ctl.signal })
    expect(!r.ok && r.error.code).toBe('SEP2_ABORTED')
    expect(sim.requests.length).toBe(before)
  })
})
