/** SRV-7: the exchange log stored per site in SQLite (migration 2), filtered, exported, never holding key material. */
import { Database } from './sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { generateTestPki, type TestPki } from '../pki'
import { exchangesToCsv, exchangesToJson, runDiscovery } from '../sep2/client'
import { probeTransport, startTestSimulator, type Probe } from '../sep2/client/testing/sim-fixture'
import type { UtilitySimulator } from '../sim/utility'
import { createExchangeLogRepo, type ExchangeLogRepo } from './exchange-log-repo'
import { migrate } from './migrations'

let pki: TestPki
let clock: FakeClock
let sim: UtilitySimulator
let probe: Probe
let repo: ExchangeLogRepo

beforeAll(async () => {
  clock = new FakeClock(Date.UTC(2026, 5, 1, 2, 0, 0))
  pki = await generateTestPki({ now: new Date(clock.now()) })
  sim = await startTestSimulator(clock, pki)
  const db = new Database(':memory:')
  migrate(db)
  repo = createExchangeLogRepo(db)
  probe = probeTransport({ clock, url: sim.url, identity: pki.devices[0]!, anchors: [pki.sercaPem], onExchange: (e) => repo.add('site-1', e) })
  await runDiscovery({ transport: probe.transport, dcapUrl: sim.dcapUrl, clock, ourLfdi: pki.devices[0]!.lfdi, mode: 'device' })
  sim.faults.set({ kind: 'status', status: 404 }, { path: '/api/v2/edev/nothing' })
  await probe.transport.get('/api/v2/edev/nothing', { signal: new AbortController().signal })
  await probe.transport.put('/api/v2/edev/_SIMDEV1/der/1/ders', '<DERStatus xmlns="urn:ieee:std:2030.5:ns"><readingTime>1</readingTime></DERStatus>', { signal: new AbortController().signal })
}, 60_000)

afterAll(async () => {
  await probe.transport.close()
  await sim.close()
})

describe('exchange log (SRV-7)', () => {
  it('stores every exchange of the walk with method, URL, status, duration, bodies and TLS', () => {
    const all = repo.list('site-1')
    expect(all.length).toBe(sim.requests.length)
    const dcap = all.find((r) => r.url.endsWith('/api/v2/dcap'))
    expect(dcap).toMatchObject({ method: 'GET', status: 200, siteId: 'site-1', attempt: 1 })
    expect(dcap?.responseBody).toContain('<DeviceCapability')
    expect(dcap?.tlsVersion).toMatch(/^TLSv1\.[23]$/)
    expect(repo.list('another-site')).toEqual([])
  })

  it('filters by method, status (exact, class or error), URL and text', () => {
    expect(repo.list('site-1', { method: 'PUT' }).map((r) => r.status)).toEqual([204])
    expect(repo.list('site-1', { status: '404' })).toHaveLength(1)
    expect(repo.list('site-1', { status: '4xx' })[0]?.url).toMatch(/nothing$/)
    expect(repo.list('site-1', { status: 'error' })[0]?.errorCode).toBe('SEP2_NOT_FOUND')
    expect(repo.list('site-1', { url: 'edev?s=0' })).toHaveLength(1)
  })

  it('filters by text in the URL, either body or the error code: exactly the exchanges holding it, and nothing else', () => {
    const holding = (text: string) =>
      repo
        .list('site-1')
        .filter((r) => [r.url, r.requestBody, r.responseBody, r.errorCode].some((field) => field?.includes(text)))
        .map((r) => r.id)
    const found = repo.list('site-1', { text: 'opModExpLimW' })
    // The walk read the default control and the event lists, each carrying an export limit (Annex D).
    expect(found.map((r) => r.url).some((u) => u.endsWith('/dderc'))).toBe(true)
    expect(found.map((r) => r.url).some((u) => /\/derc(\?|$)/.test(u))).toBe(true)
    expect(found.map((r) => r.id)).toEqual(holding('opModExpLimW'))
    expect(repo.list('site-1', { text: 'SEP2_NOT_FOUND' }).map((r) => r.url)).toEqual([expect.stringMatching(/\/edev\/nothing$/)])
    expect(repo.list('site-1', { text: '<readingTime>1</readingTime>' }).map((r) => r.method)).toEqual(['PUT'])
    // LIKE wildcards in the text are literal: '_' must not match the '/' of '/v2/edev', nor '%' anything.
    expect(repo.list('site-1', { text: 'v2/edev' }).length).toBeGreaterThan(0)
    expect(repo.list('site-1', { text: 'v2_edev' })).toEqual([])
    expect(repo.list('site-1', { text: 'v2%edev' })).toEqual([])
    expect(repo.list('site-1', { text: '100%_' })).toEqual([])
  })

  it('exports JSON and CSV without any key material', () => {
    const records = repo.list('site-1')
    const json = exchangesToJson(records)
    const csv = exchangesToCsv(records)
    expect(JSON.parse(json)).toHaveLength(records.length)
    expect(csv.split('\r\n')[0]).toBe('id,startedAt,method,url,status,durationMs,attempt,tlsVersion,tlsCipher,errorCode,requestBody,responseBody')
    expect(csv).toContain('"<DeviceCapability')
    const keyBody = pki.devices[0]!.keyPem.split('\n').filter((l) => l && !l.startsWith('-----'))
    for (const text of [json, csv]) {
      expect(text).not.toMatch(/PRIVATE KEY/)
      for (const line of keyBody) expect(text).not.toContain(line)
    }
  })
})
