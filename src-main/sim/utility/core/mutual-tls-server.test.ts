/**
 * The simulator's mutual-TLS core over REAL TLS on 127.0.0.1, driven by plain node:https clients (not our transport),
 * with a FakeClock for the timed faults.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import https from 'node:https'
import { join } from 'node:path'
import tls from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../../src-shared/clock'
import { createTestPki } from '../../../sep2/transport/testing/openssl-pki'
import type { TestIdentity, TestPki } from '../../../sep2/transport/testing/openssl-pki'
import { MALFORMED_BODY } from './faults'
import type { MutualTlsServer, SimRequest } from './mutual-tls-server'
import { startMutualTlsServer } from './mutual-tls-server'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

let pki: TestPki
const clock = new FakeClock()
let sim: MutualTlsServer
const seenByHandler: SimRequest[] = []

function request(o: { identity?: TestIdentity; method?: string; path: string; body?: string }): Promise<Reply> {
  const identity = o.identity ?? pki.client
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port: sim.port, method: o.method ?? 'GET', path: o.path, cert: identity.chain, key: identity.key, ca: [pki.serca], agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(o.body)
  })
}

/** A raw TLS 1.2 handshake (the client certificate is checked during it), resolving with the outcome. */
function handshake(identity: TestIdentity | undefined): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: sim.port, ca: [pki.serca], maxVersion: 'TLSv1.2', ...(identity ? { cert: identity.chain, key: identity.key } : {}) })
    socket.once('secureConnect', () => {
      socket.end()
      resolve('connected')
    })
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
  })
}

beforeAll(async () => {
  pki = createTestPki()
  sim = await startMutualTlsServer({
    serverCert: pki.server.chain,
    serverKey: pki.server.key,
    caCerts: [pki.serca],
    clock,
    handler: async (req) => {
      seenByHandler.push(req)
      if (req.path === '/boom') throw new Error('handler bug')
      if (req.method === 'POST') return { status: 201, headers: { Location: '/api/v2/mup/1' } }
      return { status: 200, body: `<Time xmlns="urn:ieee:std:2030.5:ns"><currentTime>${Math.floor(clock.now() / 1000)}</currentTime></Time>` }
    },
  })
})

afterAll(async () => {
  await sim.close()
  pki.cleanup()
})

describe('mutual TLS', () => {
  it('computes the client LFDI from its certificate exactly like the handbook openssl pipeline (Annex B)', async () => {
    await request({ path: '/api/v2/dcap' })
    const der = join(pki.dir, 'client-lfdi.der')
    writeFileSync(join(pki.dir, 'client-only.pem'), pki.client.cert)
    execFileSync('openssl', ['x509', '-outform', 'der', '-in', 'client-only.pem', '-out', der], { cwd: pki.dir })
    const digest = execFileSync('openssl', ['dgst', '-sha256', '-r', der]).toString().slice(0, 40).toUpperCase()
    expect(sim.requests.at(-1)?.clientLfdi).toBe(digest)
    expect(seenByHandler.at(-1)?.clientLfdi).toBe(digest)
  })

  it('refuses a client from an unknown CA during the handshake: no handshake counted, no request seen', async () => {
    const handshakes = sim.handshakes
    const requests = sim.requests.length
    expect(await handshake(pki.unknownClient)).not.toBe('connected')
    expect(await handshake(undefined)).not.toBe('connected')
    expect(sim.handshakes).toBe(handshakes)
    expect(sim.requests.length).toBe(requests)
  })

  it('counts each completed handshake', async () => {
    const before = sim.handshakes
    expect(await handshake(pki.client)).toBe('connected')
    expect(sim.handshakes).toBe(before + 1)
  })
})

describe('requests and the handler', () => {
  it('records method, path, query, body and headers, and answers with application/sep+xml by default', async () => {
    const reply = await request({ method: 'POST', path: '/api/v2/mup?s=0&l=10', body: '<MirrorUsagePoint/>' })
    expect(reply.status).toBe(201)
    expect(reply.headers['location']).toBe('/api/v2/mup/1')
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/v2/mup', query: { s: '0', l: '10' }, body: '<MirrorUsagePoint/>', status: 201, at: clock.now() })
    const get = await request({ path: '/api/v2/tm' })
    expect(get.headers['content-type']).toBe('application/sep+xml')
  })

  it('a handler that throws becomes a 500, not a crash', async () => {
    expect((await request({ path: '/boom' })).status).toBe(500)
  })
})

describe('fault injection', () => {
  it('429 with Retry-After for the next matching request only', async () => {
    sim.setFault({ kind: 'status', status: 429, retryAfter: '30' }, { path: '/api/v2/edev', method: 'GET' })
    expect((await request({ path: '/api/v2/tm' })).status).toBe(200)
    const limited = await request({ path: '/api/v2/edev' })
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toBe('30')
    expect(sim.requests.at(-1)?.fault).toBe('status')
    expect((await request({ path: '/api/v2/edev' })).status).toBe(200)
  })

  it('500 / 503 a given number of times', async () => {
    sim.setFault({ kind: 'status', status: 503 }, { times: 2 })
    expect((await request({ path: '/a' })).status).toBe(503)
    expect((await request({ path: '/b' })).status).toBe(503)
    expect((await request({ path: '/c' })).status).toBe(200)
  })

  it('malformed body', async () => {
    sim.setFault({ kind: 'malformed-body' })
    const reply = await request({ path: '/api/v2/dcap' })
    expect(reply.status).toBe(200)
    expect(reply.body).toBe(MALFORMED_BODY)
  })

  it('connection reset', async () => {
    sim.setFault({ kind: 'reset' })
    await expect(request({ path: '/api/v2/dcap' })).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|socket hang up/) })
  })

  it('a response held until a time on the injected clock', async () => {
    const until = clock.now() + 60_000
    sim.setFault({ kind: 'hang', untilMs: until })
    const before = sim.requests.length
    let settled = false
    const pending = request({ path: '/api/v2/tm' }).finally(() => (settled = true))
    await sim.waitForRequests(before + 1)
    await clock.advanceAsync(59_999)
    expect(settled).toBe(false)
    await clock.advanceAsync(1)
    const reply = await pending
    expect(reply.status).toBe(200)
    expect(reply.body).toContain(`<currentTime>${Math.floor(until / 1000)}</currentTime>`)
  })

  it('a body stalled half-way until a time on the injected clock', async () => {
    const until = clock.now() + 30_000
    sim.setFault({ kind: 'stall-body', untilMs: until })
    const before = sim.requests.length
    const pending = request({ path: '/api/v2/tm' })
    await sim.waitForRequests(before + 1)
    await clock.advanceAsync(30_000)
    const reply = await pending
    expect(reply.status).toBe(200)
    expect(reply.body).toMatch(/^<Time [\s\S]*<\/Time>$/)
  })

  it('server down refuses connections; up listens again on the same port', async () => {
    const port = sim.port
    await sim.down()
    await expect(request({ path: '/api/v2/dcap' })).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await sim.up()
    expect(sim.port).toBe(port)
    expect((await request({ path: '/api/v2/dcap' })).status).toBe(200)
  })

  it('a response held until close is dropped when the server goes down', async () => {
    sim.setFault({ kind: 'hang' })
    const before = sim.requests.length
    const pending = request({ path: '/api/v2/tm' })
    await sim.waitForRequests(before + 1)
    await sim.down()
    await expect(pending).rejects.toBeInstanceOf(Error)
    await sim.up()
  })
})
