/**
 * The simulator's resource tree over mutual TLS: EndDevices filtered by the client certificate's LFDI, 404 for what is
 * not the client's (handbook FAQ), Annex D multipliers, and the POST/PUT endpoints recorded and parsed with the codec.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { generateTestPki, type TestPki } from '../../pki'
import { probeTransport, type Probe } from '../../sep2/client/testing/sim-fixture'
import { parseSep2 } from '../../sep2/xml'
import { startUtilitySimulator, type UtilitySimulator } from './index'

let pki: TestPki
let clock: FakeClock
let sim: UtilitySimulator
let first: Probe
let second: Probe
const signal = () => new AbortController().signal
const SITE_LFDI = 'AB12CD34EF56AB12CD34EF56AB12CD3400012345'

beforeAll(async () => {
  clock = new FakeClock(Date.UTC(2026, 5, 1, 2, 0, 0))
  pki = await generateTestPki({ now: new Date(clock.now()), deviceCount: 2 })
  sim = await startUtilitySimulator({ clock, pki, scenario: 'annex-d', extraDevices: [{ lfdi: SITE_LFDI, id: 'SITE' }] })
  first = probeTransport({ clock, url: sim.url, identity: pki.devices[0]!, anchors: [pki.sercaPem] })
  second = probeTransport({ clock, url: sim.url, identity: pki.devices[1]!, anchors: [pki.sercaPem] })
}, 60_000)

afterAll(async () => {
  await first.transport.close()
  await second.transport.close()
  await sim.close()
})

async function getDoc(p: Probe, path: string) {
  const r = await p.transport.get(path, { signal: signal() })
  if (!r.ok) throw r.error
  return r.value
}

describe('EndDevices by client certificate', () => {
  it('a cloud proxy sees its devices (Annex D ones and the site virtual LFDI); another device sees only itself', async () => {
    const list = parseSep2((await getDoc(first, '/api/v2/edev')).body, 'EndDeviceList')
    expect(list.ok && list.value.doc.EndDevice?.map((d) => d.lFDI)).toEqual(expect.arrayContaining([pki.devices[0]!.lfdi.toUpperCase(), SITE_LFDI, 'B1857F74B5DA25E82E78BE34877221CB89D55F45']))
    const own = parseSep2((await getDoc(second, '/api/v2/edev')).body, 'EndDeviceList')
    expect(own.ok && own.value.doc.EndDevice?.map((d) => d.lFDI)).toEqual([pki.devices[1]!.lfdi.toUpperCase()])
  })

  it('answers 404 for another client\'s EndDevice and its Registration', async () => {
    for (const path of ['/api/v2/edev/SITE', '/api/v2/edev/SITE/rg', '/api/v2/edev/_SIMDEV1/fsa']) {
      const r = await second.transport.get(path, { signal: signal() })
      expect(!r.ok && r.error.code, path).toBe('SEP2_NOT_FOUND')
    }
    expect((await getDoc(first, '/api/v2/edev/SITE/rg')).status).toBe(200)
  })

  it('serves the Annex D default with multipliers (15 x 10^2 W)', async () => {
    const body = (await getDoc(first, '/api/v2/derp/TESTPRG3/dderc')).body
    expect(body).toMatch(/<csipaus:opModExpLimW>\s*<multiplier>2<\/multiplier>\s*<value>15<\/value>/)
  })
})

describe('client documents (POST / PUT), parsed and recorded', () => {
  it('DERControlResponse: 201 + Location', async () => {
    const xml = `<DERControlResponse xmlns="urn:ieee:std:2030.5:ns"><createdDateTime>1</createdDateTime><endDeviceLFDI>${pki.devices[0]!.lfdi}</endDeviceLFDI><status>1</status><subject>DC1B27AC943B44AC87DAF7E162B6F6D4</subject></DERControlResponse>`
    const r = await first.transport.post('/api/v2/rsps/res-ms/rsp', xml, { signal: signal() })
    expect(r.ok && [r.value.status, r.value.location]).toEqual([201, expect.stringMatching(/^\/api\/v2\/rsps\/res-ms\/rsp\/\d+$/)])
    expect(sim.received.at(-1)).toMatchObject({ method: 'POST', kind: 'DERControlResponse', clientLfdi: pki.devices[0]!.lfdi.toUpperCase() })
  })

  it('DERStatus PUT: 204, then readable', async () => {
    const xml = '<DERStatus xmlns="urn:ieee:std:2030.5:ns"><readingTime>1700000000</readingTime></DERStatus>'
    const r = await first.transport.put('/api/v2/edev/_SIMDEV1/der/1/ders', xml, { signal: signal() })
    expect(r.ok && r.value.status).toBe(204)
    expect((await getDoc(first, '/api/v2/edev/_SIMDEV1/der/1/ders')).body).toContain('1700000000')
  })

  it('a malformed or wrong document gets 400', async () => {
    const r = await first.transport.put('/api/v2/edev/_SIMDEV1/der/1/dercap', '<DERCapability xmlns="urn:ieee:std:2030.5:ns"><type>', { signal: signal() })
    expect(!r.ok && r.error.code).toBe('SEP2_HTTP_STATUS')
    expect(sim.requests.at(-1)?.status).toBe(400)
  })

  it('MirrorUsagePoint POST: 201 + Location, listed for its client only; readings POSTed to it', async () => {
    const mup = `<MirrorUsagePoint xmlns="urn:ieee:std:2030.5:ns"><mRID>4075DE6031E562ACF4D9EA0B00057269</mRID><description>Site</description><roleFlags>03</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status><deviceLFDI>${pki.devices[0]!.lfdi}</deviceLFDI></MirrorUsagePoint>`
    const created = await first.transport.post('/api/v2/mup', mup, { signal: signal() })
    const location = created.ok ? created.value.location : undefined
    expect(created.ok && created.value.status).toBe(201)
    expect(location).toMatch(/^\/api\/v2\/mup\/\d+$/)
    const again = await first.transport.post('/api/v2/mup', mup, { signal: signal() })
    expect(again.ok && again.value.location).toBe(location)
    const list = parseSep2((await getDoc(first, '/api/v2/mup')).body, 'MirrorUsagePointList')
    expect(list.ok && list.value.doc.MirrorUsagePoint?.map((m) => m.href)).toEqual([location])
    const other = parseSep2((await getDoc(second, '/api/v2/mup')).body, 'MirrorUsagePointList')
    expect(other.ok && (other.value.doc.MirrorUsagePoint ?? [])).toEqual([])
    const mmr = '<MirrorMeterReading xmlns="urn:ieee:std:2030.5:ns"><mRID>4075DE6031E562ACF4D9EA0B00057270</mRID><Reading><value>1500</value></Reading></MirrorMeterReading>'
    const posted = await first.transport.post(location ?? '', mmr, { signal: signal() })
    expect(posted.ok && posted.value.status).toBe(201)
    expect(sim.received.at(-1)).toMatchObject({ kind: 'MirrorMeterReading', path: location })
  })

  it('keeps a mirrored reading by mRID + interval: the same one again is an update (counted), another interval a new record', async () => {
    const mup = `<MirrorUsagePoint xmlns="urn:ieee:std:2030.5:ns"><mRID>4075DE6031E562ACF4D9EA0B00057280</mRID><description>DER</description><roleFlags>49</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status><deviceLFDI>${pki.devices[1]!.lfdi}</deviceLFDI></MirrorUsagePoint>`
    const created = await second.transport.post('/api/v2/mup', mup, { signal: signal() })
    const path = created.ok ? (created.value.location ?? '') : ''
    const mmr = (start: number, value: number) =>
      `<MirrorMeterReading xmlns="urn:ieee:std:2030.5:ns"><mRID>4075DE6031E562ACF4D9EA0B00057281</mRID><Reading><timePeriod><duration>300</duration><start>${start}</start></timePeriod><value>${value}</value></Reading></MirrorMeterReading>`
    const locations: (string | undefined)[] = []
    for (const [start, value] of [[1_780_000_000, 10], [1_780_000_000, 11], [1_780_000_300, 12]] as const) {
      const r = await second.transport.post(path, mmr(start, value), { signal: signal() })
      locations.push(r.ok ? r.value.location : undefined)
    }
    const mine = sim.mirroredReadings().filter((r) => r.mupPath === path)
    expect(mine.map((r) => [r.intervalStartS, r.value, r.posts])).toEqual([[1_780_000_000, 11, 2], [1_780_000_300, 12, 1]])
    expect(sim.readingReposts).toBe(1)
    expect(new Set(locations).size).toBe(1)
  })
})
