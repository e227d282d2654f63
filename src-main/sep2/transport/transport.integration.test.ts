/**
 * SRV-1 / SRV-2 / SRV-5 over REAL mutual TLS on 127.0.0.1 against the utility-server simulator core.
 * Time-dependent behaviour (retries, timeouts) runs on a FakeClock shared by client and server: no wall-clock sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { MutualTlsServer } from '../../sim/utility/core'
import type { Sep2Exchange } from './exchange'
import { createTestPki } from './testing/openssl-pki'
import type { TestPki } from './testing/openssl-pki'
import { makeTransport, startSim } from './testing/transport-fixture'
import type { ProbeOptions, TransportProbe } from './testing/transport-fixture'

const signal = (): AbortSignal => new AbortController().signal

let pki: TestPki
let clock: FakeClock
let sim: MutualTlsServer
const probes: TransportProbe[] = []
const allExchanges: Sep2Exchange[] = []

function probe(extra: ProbeOptions): TransportProbe {
  const p = makeTransport({ ...extra, tap: (e) => allExchanges.push(e) })
  probes.push(p)
  return p
}

function good(extra: Partial<ProbeOptions> = {}): TransportProbe {
  return probe({ url: sim.url, clock, identity: pki.client, anchors: [pki.serca], ...extra })
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

describe('keep-alive and SEP2 requests (SRV-1, SRV-2)', () => {
  it('a discovery walk of GETs through one transport uses ONE TLS handshake', async () => {
    const { transport } = good()
    const before = sim.handshakes
    for (const path of ['/api/v2/dcap', '/api/v2/tm', '/api/v2/edev', '/api/v2/edev/1/fsa', '/api/v2/derp']) {
      const r = await transport.get(path, { signal: signal() })
      expect(r.ok).toBe(true)
    }
    expect(sim.handshakes - before).toBe(1)
    expect(transport.sessions()).toHaveLength(1)
    expect(transport.sessions()[0]?.responses).toBe(5)
  })

  it('sends Accept and Content-Type application/sep+xml, the paging query, and returns Location on create', async () => {
    const { transport } = good()
    const list = await transport.get('/api/v2/edev', { signal: signal(), query: { s: 0, l: 255 } })
    expect(list.ok).toBe(true)
    const seen = sim.requests.at(-1)
    expect(seen?.query).toEqual({ s: '0', l: '255' })
    expect(seen?.headers['accept']).toBe('application/sep+xml')
    expect(seen?.headers['content-type']).toBe('application/sep+xml')
    const created = await transport.post('/api/v2/mup', '<MirrorUsagePoint xmlns="urn:ieee:std:2030.5:ns"/>', { signal: signal() })
    expect(created.ok && created.value.status).toBe(201)
    expect(created.ok && created.value.location).toBe('/api/v2/mup/1')
    expect(sim.requests.at(-1)?.body).toContain('MirrorUsagePoint')
    const put = await transport.put('/api/v2/edev/1/der/1/ders', '<DERStatus/>', { signal: signal() })
    expect(put.ok && put.value.status).toBe(204)
    const del = await transport.delete('/api/v2/mup/1', { signal: signal() })
    expect(del.ok && del.value.status).toBe(204)
    expect(sim.requests.slice(-3).map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE'])
  })

  it('the simulator sees the client LFDI of the certificate used', async () => {
    const { transport } = good()
    await transport.get('/api/v2/dcap', { signal: signal() })
    expect(sim.requests.at(-1)?.clientLfdi).toMatch(/^[0-9A-F]{40}$/)
  })
})

describe('exchange records (SRV-7 input)', () => {
  it('report method, URL, status, duration, bodies and the TLS session of every attempt', async () => {
    const { transport, exchanges } = good()
    await transport.post('/api/v2/rsps/1/rsp', '<DERControlResponse/>', { signal: signal() })
    const e = await exchanges.next()
    expect(e).toMatchObject({ method: 'POST', url: `${sim.url}/api/v2/rsps/1/rsp`, status: 201, attempt: 1, requestBody: '<DERControlResponse/>', location: '/api/v2/rsps/1/rsp/1' })
    expect(e.durationMs).toBeGreaterThanOrEqual(0)
    expect(e.tls?.version).toMatch(/^TLSv1\.[23]$/)
    expect(e.tls?.cipher.length).toBeGreaterThan(0)
  })

  it('never contain private key text', () => {
    expect(allExchanges.length).toBeGreaterThan(5)
    const text = JSON.stringify(allExchanges)
    expect(text).not.toContain('PRIVATE KEY')
    for (const line of pki.client.key.split('\n').filter((l) => l && !l.startsWith('-----'))) expect(text).not.toContain(line)
  })
})
