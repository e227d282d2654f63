/**
 * The simulator as an independent 2030.5 client reads it (issue 20 item 4), over REAL TLS on 127.0.0.1 with plain
 * node:https / node:tls clients and openssl: href on every GET response, Content-Length on every response (never
 * chunked), TLS 1.2 unless 1.3 is asked for, the server certificate in the 2030.5 profile, 400 texts in a server's words
 * and the reference-strict MirrorUsagePoint check.
 */
import { execFileSync } from 'node:child_process'
import https from 'node:https'
import tls from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { generateTestPki, type TestPki } from '../../pki'
import { routePatterns } from './resource-tree'
import { startUtilitySimulator, type UtilitySimulator } from './index'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

let pki: TestPki
let clock: FakeClock
let sim: UtilitySimulator

function request(target: UtilitySimulator, o: { method?: string; path: string; body?: string }): Promise<Reply> {
  const device = pki.devices[0]!
  return new Promise((resolve, reject) => {
    const url = new URL(target.url)
    const req = https.request(
      { host: '127.0.0.1', port: Number(url.port), method: o.method ?? 'GET', path: o.path, cert: device.chainPem, key: device.keyPem, ca: [pki.sercaPem], agent: false },
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

function negotiated(target: UtilitySimulator, maxVersion: tls.SecureVersion): Promise<string | null> {
  const device = pki.devices[0]!
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: Number(new URL(target.url).port), cert: device.chainPem, key: device.keyPem, ca: [pki.sercaPem], maxVersion })
    socket.once('secureConnect', () => {
      const version = socket.getProtocol()
      socket.end()
      resolve(version)
    })
    socket.once('error', reject)
  })
}

const NS = 'xmlns="urn:ieee:std:2030.5:ns"'
const lfdi = () => pki.devices[0]!.lfdi.toUpperCase()
const mupXml = (readings: string) =>
  `<MirrorUsagePoint ${NS}><mRID>0A000000000000000000000000037269</mRID><description>Site Readings</description><roleFlags>03</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status><deviceLFDI>${lfdi()}</deviceLFDI>${readings}</MirrorUsagePoint>`
const MMR = `<MirrorMeterReading><mRID>0B000000000000000000000000037269</mRID><description>Site Active Power</description><Reading><timePeriod><duration>300</duration><start>1780279200</start></timePeriod><value>1200</value></Reading><ReadingType><accumulationBehaviour>12</accumulationBehaviour><commodity>1</commodity><dataQualifier>2</dataQualifier><flowDirection>1</flowDirection><intervalLength>300</intervalLength><kind>37</kind><phase>0</phase><powerOfTenMultiplier>0</powerOfTenMultiplier><uom>38</uom></ReadingType></MirrorMeterReading>`

const W = (n: number) => `<multiplier>0</multiplier><value>${n}</value>`
const DER_DOCS = {
  ders: `<DERStatus ${NS}><readingTime>1780279200</readingTime></DERStatus>`,
  dercap: `<DERCapability ${NS}><modesSupported>00500088</modesSupported><rtgMaxW>${W(5000)}</rtgMaxW><type>4</type></DERCapability>`,
  derg: `<DERSettings ${NS}><setGradW>27</setGradW><setMaxW>${W(5000)}</setMaxW><updatedTime>1780279200</updatedTime></DERSettings>`,
  dera: `<DERAvailability ${NS}><readingTime>1780279200</readingTime></DERAvailability>`,
}

beforeAll(async () => {
  clock = new FakeClock(Date.UTC(2026, 5, 1, 2, 0, 0))
  pki = await generateTestPki({ now: new Date(clock.now()) })
  sim = await startUtilitySimulator({ clock, pki, scenario: 'annex-d' })
}, 60_000)

afterAll(async () => {
  await sim.close()
})

/** Every href in a document (attributes), to walk the tree as a client would. */
function hrefsIn(body: string): string[] {
  return [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!).filter((h) => !h.includes('/rsps/'))
}

async function walk(from: string): Promise<Map<string, Reply>> {
  const seen = new Map<string, Reply>()
  const queue = [from]
  while (queue.length > 0) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    const reply = await request(sim, { path })
    seen.set(path, reply)
    if (reply.status === 200) queue.push(...hrefsIn(reply.body))
  }
  return seen
}

function expectLength(reply: Reply, what: string): void {
  expect(reply.headers['transfer-encoding'], what).toBeUndefined()
  expect(reply.headers['content-length'], what).toBe(String(Buffer.byteLength(reply.body)))
}

/** A device registers in band on a second simulator, PUTs its NMI as the ConnectionPoint and reads it back. */
async function connectionPointReadBack(): Promise<{ path: string; reply: Reply }> {
  const inBand = await startUtilitySimulator({ clock, pki, scenario: 'annex-d', unregistered: true, inBandRegistration: true })
  try {
    const device = pki.devices[0]!
    const posted = await request(inBand, { method: 'POST', path: '/api/v2/edev', body: `<EndDevice ${NS}><sFDI>${device.sfdi}</sFDI><lFDI>${lfdi()}</lFDI><changedTime>0</changedTime></EndDevice>` })
    expect(posted.status, posted.body).toBe(201)
    const path = `${String(posted.headers.location)}/cp`
    const body = '<ConnectionPoint xmlns="https://csipaus.org/ns"><connectionPointId>QB01234567</connectionPointId></ConnectionPoint>'
    expect((await request(inBand, { method: 'PUT', path, body })).status).toBe(204)
    return { path, reply: await request(inBand, { path }) }
  } finally {
    await inBand.close()
  }
}

describe('what an independent client reads', () => {
  it('every GET route answers with its own href and a Content-Length (client documents read back included)', async () => {
    const edev = `/api/v2/edev/_SIMDEV1/der/1`
    for (const [res, body] of Object.entries(DER_DOCS)) {
      const reply = await request(sim, { method: 'PUT', path: `${edev}/${res}`, body })
      expect(reply.status, reply.body).toBe(204)
    }
    expect((await request(sim, { method: 'POST', path: '/api/v2/mup', body: mupXml('') })).status).toBe(201)
    const seen = await walk('/api/v2/dcap')
    for (const path of ['/api/v2/mup/1', ...['ders', 'dercap', 'derg', 'dera'].map((r) => `${edev}/${r}`)]) expect(seen.has(path), path).toBe(true)
    for (const [path, reply] of seen) {
      // A DER resource no client has sent yet is not there (404), as on a real server.
      if (!path.startsWith(edev) && /\/der\/1\/(ders|dercap|derg|dera)$/.test(path) && reply.status === 404) continue
      expect(reply.status, path).toBe(200)
      expect(reply.body, path).toMatch(new RegExp(`^(<\\?xml[^>]*>\\s*)?<\\w+[^>]* href="${path.replace(/[.]/g, '\\.')}"`))
      expectLength(reply, path)
    }
    // The csipaus ConnectionPoint exists only for a device registered in band (cactus ALL-03): read it back there.
    const cp = await connectionPointReadBack()
    expect(cp.reply.status, cp.reply.body).toBe(200)
    expect(cp.reply.body).toMatch(new RegExp(`<\\w+[^>]* href="${cp.path}"`))
    expectLength(cp.reply, cp.path)
    const unvisited = routePatterns('GET').filter((pattern) => ![...seen.keys(), cp.path].some((p) => pattern.test(p)))
    expect(unvisited).toEqual([])
  })

  it('Content-Length on 201, 400, 404 and fault answers too; none on 204', async () => {
    expectLength(await request(sim, { method: 'POST', path: '/api/v2/mup', body: mupXml('') }), '201')
    expectLength(await request(sim, { method: 'POST', path: '/api/v2/mup', body: '<nope' }), '400')
    expectLength(await request(sim, { path: '/api/v2/nothing' }), '404')
    sim.faults.set({ kind: 'status', status: 503 })
    expectLength(await request(sim, { path: '/api/v2/dcap' }), '503')
    const put = await request(sim, { method: 'PUT', path: '/api/v2/edev/_SIMDEV1/der/1/ders', body: DER_DOCS.ders })
    expect([put.status, put.headers['content-length'], put.headers['transfer-encoding']]).toEqual([204, undefined, undefined])
  })

  it('a 400 says what is wrong with the request, not what our app should do', async () => {
    const reply = await request(sim, { method: 'POST', path: '/api/v2/mup', body: `<MirrorUsagePoint ${NS}><mRID>x</mRID></MirrorUsagePoint>` })
    expect(reply.status).toBe(400)
    expect(reply.body).toMatch(/^Invalid MirrorUsagePoint: /)
    expect(reply.body).not.toMatch(/utility|exchange log|check|report/i)
  })
})

describe('TLS and the server certificate', () => {
  it('negotiates TLS 1.2 by default, even with a client that offers 1.3', async () => {
    expect(await negotiated(sim, 'TLSv1.3')).toBe('TLSv1.2')
  })

  it('negotiates TLS 1.3 when the option allows it', async () => {
    const open = await startUtilitySimulator({ clock, pki, scenario: 'annex-d', tls13: true })
    try {
      expect(await negotiated(open, 'TLSv1.3')).toBe('TLSv1.3')
    } finally {
      await open.close()
    }
  })

  it('presents a 2030.5 profile certificate: empty subject, critical subjectAltName (openssl x509 -text)', () => {
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: pki.server.certificatePem, encoding: 'utf8' })
    expect(text).toMatch(/Subject: *\n/)
    expect(text).toMatch(/X509v3 Subject Alternative Name: critical\n\s+othername: 1\.3\.6\.1\.5\.5\.7\.8\.4[^\n]*, DNS:localhost, IP Address:127\.0\.0\.1/)
  })
})

describe('reference-strict', () => {
  it('refuses an empty MirrorUsagePoint as envoy does, and takes one carrying its first MirrorMeterReading', async () => {
    const strict = await startUtilitySimulator({ clock, pki, scenario: 'annex-d', referenceStrict: true })
    try {
      const empty = await request(strict, { method: 'POST', path: '/api/v2/mup', body: mupXml('') })
      expect([empty.status, empty.body]).toEqual([400, 'MirrorUsagePoint 0A000000000000000000000000037269 has no mirrorMeterReadings'])
      const full = await request(strict, { method: 'POST', path: '/api/v2/mup', body: mupXml(MMR) })
      expect(full.status).toBe(201)
      expect(strict.mirroredReadings()).toMatchObject([{ mupPath: full.headers['location'], mRID: '0B000000000000000000000000037269', value: 1200 }])
    } finally {
      await strict.close()
    }
  })
})
