/**
 * SRV-1 trust and identity over REAL mutual TLS on 127.0.0.1: the server chain is always verified (system CAs plus the
 * configured anchors); only the host-name check can be switched off; a client the server does not trust gets the FAQ's
 * "remote end closed connection" explanation; the negotiated version and cipher are reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { MutualTlsServer } from '../../sim/utility/core'
import { Sep2TlsServerUntrustedError } from './errors'
import type { Sep2Exchange } from './exchange'
import { createTestPki } from './testing/openssl-pki'
import type { TestPki } from './testing/openssl-pki'
import { makeTransport, startSim } from './testing/transport-fixture'
import type { ProbeOptions, TransportProbe } from './testing/transport-fixture'
import { SEP2_CCM8_CIPHER, runtimeHasCipher } from './tls-options'

const signal = (): AbortSignal => new AbortController().signal

let pki: TestPki
const clock = new FakeClock()
const sims: Record<'tls12' | 'tls13' | 'noName' | 'impostor', MutualTlsServer | undefined> = { tls12: undefined, tls13: undefined, noName: undefined, impostor: undefined }
const probes: TransportProbe[] = []
const exchanges: Sep2Exchange[] = []

function sim(name: keyof typeof sims): MutualTlsServer {
  const s = sims[name]
  if (!s) throw new Error(`sim ${name} not started`)
  return s
}

function probe(extra: Partial<ProbeOptions> & { url: string }): TransportProbe {
  const p = makeTransport({ clock, identity: pki.client, anchors: [pki.serca], tap: (e) => exchanges.push(e), ...extra })
  probes.push(p)
  return p
}

beforeAll(async () => {
  pki = createTestPki()
  sims.tls12 = await startSim(pki, clock, { tls: { maxVersion: 'TLSv1.2' } })
  sims.tls13 = await startSim(pki, clock, { tls: { minVersion: 'TLSv1.3' } })
  sims.noName = await startSim(pki, clock, { serverCert: pki.serverNoName.chain, serverKey: pki.serverNoName.key })
  sims.impostor = await startSim(pki, clock, { serverCert: pki.unknownServer.chain, serverKey: pki.unknownServer.key })
})

afterAll(async () => {
  await Promise.all(probes.map((p) => p.transport.close()))
  await Promise.all(Object.values(sims).map((s) => s?.close()))
  pki.cleanup()
})

describe('negotiated TLS version and cipher', () => {
  it('prefers ECDHE-ECDSA-AES128-CCM8 over TLS 1.2 where the runtime has it, and reports it per exchange', async () => {
    const { transport, exchanges: seen } = probe({ url: sim('tls12').url })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    const expected = runtimeHasCipher(SEP2_CCM8_CIPHER) ? SEP2_CCM8_CIPHER : 'ECDHE-ECDSA-AES128-GCM-SHA256'
    expect(r.ok && r.value.tls).toEqual({ version: 'TLSv1.2', cipher: expected })
    expect((await seen.next()).tls).toEqual({ version: 'TLSv1.2', cipher: expected })
    expect(transport.sessions()[0]).toMatchObject({ version: 'TLSv1.2', cipher: expected })
  })

  it('records the verified server certificate (subject, issuer, expiry) per session', async () => {
    const { transport } = probe({ url: sim('tls12').url })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(r.ok).toBe(true)
    const server = transport.sessions()[0]?.server
    expect(server?.subject).toContain('CN=Test Utility Server')
    expect(server?.issuer).toMatch(/CN=.+/)
    expect(Date.parse(server?.validTo ?? '')).toBeGreaterThan(Date.now())
  })

  it('reports TLS 1.3 and its suite when the server only speaks TLS 1.3', async () => {
    const { transport } = probe({ url: sim('tls13').url })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(r.ok && r.value.tls?.version).toBe('TLSv1.3')
    expect(r.ok && r.value.tls?.cipher).toMatch(/^TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)$/)
  })

  it('uses a configured cipher list', async () => {
    const { transport } = probe({ url: sim('tls12').url, ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(r.ok && r.value.tls?.cipher).toBe('ECDHE-ECDSA-AES256-GCM-SHA384')
  })
})

describe('client certificate not accepted by the server (FAQ: remote end closed connection)', () => {
  it.each(['tls12', 'tls13'] as const)('a client certificate from an unknown CA is refused with SEP2_TLS_CLIENT_REJECTED (%s)', async (name) => {
    const { transport } = probe({ url: sim(name).url, identity: pki.unknownClient })
    const before = sim(name).requests.length
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('SEP2_TLS_CLIENT_REJECTED')
    expect(r.error.hint).toMatch(/did not accept the client certificate/)
    expect(sim(name).requests.length).toBe(before)
  })
})

describe('server certificate verification (always on)', () => {
  it('a server chain not signed by the configured anchor is refused with SEP2_TLS_SERVER_UNTRUSTED, naming both sides', async () => {
    const { transport } = probe({ url: sim('impostor').url })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('SEP2_TLS_SERVER_UNTRUSTED')
    expect(r.error).toBeInstanceOf(Sep2TlsServerUntrustedError)
    expect(r.error.message).toContain('CN=Impostor Server')
    expect(r.error.message).toContain('CN=Unknown CA')
    expect(r.error.hint).toContain('CN=Test SERCA')
    expect(sim('impostor').requests).toHaveLength(0)
  })

  it('trusting only a different anchor refuses the genuine server too', async () => {
    const { transport } = probe({ url: sim('tls12').url, anchors: [pki.unknownCa] })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_TLS_SERVER_UNTRUSTED')
    expect(!r.ok && r.error.hint).toContain('CN=Unknown CA')
  })

  it('checkHostname true refuses a trusted server certificate without a matching name (SEP2_TLS_HOSTNAME)', async () => {
    const { transport } = probe({ url: sim('noName').url, checkHostname: true })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_TLS_HOSTNAME')
  })

  it('checkHostname false accepts that certificate because its chain is trusted', async () => {
    const { transport } = probe({ url: sim('noName').url, checkHostname: false })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(r.ok && r.value.status).toBe(200)
  })

  it('checkHostname false still verifies the chain: an untrusted server is still refused', async () => {
    const { transport } = probe({ url: sim('impostor').url, checkHostname: false })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_TLS_SERVER_UNTRUSTED')
  })
})

describe('client certificate configuration', () => {
  it('a private key that does not belong to the certificate -> SEP2_TLS_CONFIG, without key text in the message', async () => {
    const { transport } = probe({ url: sim('tls12').url, identity: { ...pki.client, key: pki.unknownClient.key } })
    const r = await transport.get('/api/v2/dcap', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_TLS_CONFIG')
    expect(!r.ok && r.error.describe()).not.toContain('PRIVATE KEY')
  })
})

describe('exchange records', () => {
  it('contain no private key material', () => {
    expect(exchanges.length).toBeGreaterThan(3)
    const text = JSON.stringify(exchanges)
    expect(text).not.toContain('PRIVATE KEY')
    for (const key of [pki.client.key, pki.unknownClient.key]) {
      const body = key.split('\n').filter((l) => l && !l.startsWith('-----'))
      for (const line of body) expect(text).not.toContain(line)
    }
  })
})
