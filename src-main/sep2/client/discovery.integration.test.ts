/**
 * SRV-3 / SRV-5 over REAL mutual TLS against the utility simulator on 127.0.0.1 (handbook 10.1-10.2, Annex C/D, FAQ),
 * all timers on a FakeClock shared by client and server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { DiscoveryStep } from '../../../src-shared/contract/server'
import { generateTestPki, type TestPki } from '../../pki'
import type { UtilitySimulator } from '../../sim/utility'
import { runDiscovery, type DiscoveryOptions } from './discovery'
import { driveUntil, probeTransport, startTestSimulator, type Probe } from './testing/sim-fixture'

let pki: TestPki
let otherPki: TestPki
let clock: FakeClock
let sim: UtilitySimulator
const probes: Probe[] = []

function probe(extra: Partial<Parameters<typeof probeTransport>[0]> = {}): Probe {
  const p = probeTransport({ clock, url: sim.url, identity: pki.devices[0]!, anchors: [pki.sercaPem], ...extra })
  probes.push(p)
  return p
}

function discover(p: Probe, extra: Partial<DiscoveryOptions> = {}) {
  return runDiscovery({ transport: p.transport, dcapUrl: sim.dcapUrl, clock, ourLfdi: pki.devices[0]!.lfdi, mode: 'device', expectedPin: 1234, ...extra })
}

beforeAll(async () => {
  clock = new FakeClock(Date.UTC(2026, 5, 1, 2, 0, 0))
  pki = await generateTestPki({ now: new Date(clock.now()), deviceCount: 1 })
  otherPki = await generateTestPki({ now: new Date(clock.now()), deviceCount: 1, organisation: 'Someone Else' })
  sim = await startTestSimulator(clock, pki, { endDeviceCount: 294 })
}, 60_000)

afterAll(async () => {
  await Promise.all(probes.map((p) => p.transport.close()))
  await sim.close()
})

describe('the discovery walk (handbook Annex D)', () => {
  it('walks DeviceCapability to the MirrorUsagePointList over one TLS handshake, reporting each step', async () => {
    const steps: DiscoveryStep[] = []
    const p = probe()
    const before = sim.handshakes
    const result = await discover(p, { onStep: (s) => steps.push(s) })
    expect(result.ok).toBe(true)
    expect(sim.handshakes - before).toBe(1)
    expect(result.handshakes).toBe(1)
    expect(result.tls?.version).toMatch(/^TLSv1\.[23]$/)
    expect(result.tls?.cipher).toBeTruthy()
    expect(steps.map((s) => s.name)).toEqual([
      'DeviceCapability', 'Time', 'EndDeviceList', 'EndDevice', 'Registration', 'FunctionSetAssignmentsList',
      'DERProgramList', 'DefaultDERControl', 'DERControlList', 'DERProgramList', 'DERControlList', 'DERList', 'MirrorUsagePointList',
    ])
    expect(steps.every((s) => s.status === 'ok')).toBe(true)
    expect(result.steps).toEqual(steps)
    expect(result.clockOffsetMs).toBe(0)
    expect(result.endDevice).toMatchObject({ lFDI: pki.devices[0]!.lfdi.toUpperCase(), sFDI: Number(pki.devices[0]!.sfdi), match: true })
    expect(result.registration).toMatchObject({ serverPin: 1234, expectedPin: 1234, match: true })
  })

  it('gives programs by primacy with the default control and the events, multipliers applied', async () => {
    const result = await discover(probe())
    expect(result.fsas.map((f) => f.description)).toEqual(['FSA 2', 'FSA 1'])
    expect(result.programs.map((p) => [p.description, p.primacy])).toEqual([['Test Program 3', 1], ['_EQLDEV3 Program', 102]])
    const [prg3] = result.programs
    // Annex D: the default is served as 15 x 10^2 W.
    expect(prg3?.defaultControl?.modes).toEqual({ opModImpLimW: 1500, opModExpLimW: 1500, opModEnergize: true })
    expect(prg3?.events).toHaveLength(5)
    expect(prg3?.events[0]?.modes).toEqual({ opModImpLimW: 3512, opModExpLimW: 2512, opModGenLimW: 30000, opModLoadLimW: 30000 })
    expect(prg3?.events[0]).toMatchObject({ mRID: 'DC1B27AC943B44AC87DAF7E162B6F6D4', status: 0, statusName: 'Scheduled', durationS: 300, responseRequired: 3 })
    expect(prg3?.events[0]?.start).toBe(sim.startMs + 300_000)
    expect(result.der).toHaveLength(1)
    expect(result.der[0]?.statusHref).toMatch(/\/der\/1\/ders$/)
    expect(result.pollRates).toMatchObject({ dcap: 300, endDeviceList: 300, fsaList: 300, derProgramList: 301 })
  })

  it('matches the lFDI case-insensitively (some servers send lower case)', async () => {
    const result = await discover(probe(), { ourLfdi: pki.devices[0]!.lfdi.toLowerCase() })
    expect(result.ok).toBe(true)
    expect(result.endDevice?.match).toBe(true)
  })

  it('pages an EndDeviceList of 300 devices with s/l (255 per page) and lists them all in cloud-proxy mode', async () => {
    const from = sim.requests.length
    const result = await discover(probe(), { mode: 'cloud-proxy' })
    const pages = sim.requests.slice(from).filter((r) => r.path === '/api/v2/edev')
    expect(pages.map((r) => r.query)).toEqual([{ s: '0', l: '255' }, { s: '255', l: '255' }])
    // Our device, the five of Annex D and 294 more.
    expect(result.endDevices).toHaveLength(300)
    expect(result.endDevices.filter((d) => d.match)).toHaveLength(1)
    expect(result.endDevices.some((d) => d.lFDI === 'B1857F74B5DA25E82E78BE34877221CB89D55F45')).toBe(true)
  })

  it('reports a wrong registration PIN and stops the flow there', async () => {
    const from = sim.requests.length
    const steps: DiscoveryStep[] = []
    const result = await discover(probe(), { expectedPin: 9999, onStep: (s) => steps.push(s) })
    expect(result.ok).toBe(false)
    expect(result.stoppedAt).toBe('Registration')
    expect(result.registration).toMatchObject({ serverPin: 1234, expectedPin: 9999, match: false })
    const last = steps.at(-1)
    expect(last).toMatchObject({ name: 'Registration', status: 'failed', error: { code: 'SEP2_REGISTRATION_PIN_MISMATCH' } })
    expect(last?.error?.whatToDo).toMatch(/PIN/)
    // One step for the Registration, with a cross: never a tick first.
    expect(steps.filter((s) => s.name === 'Registration').map((s) => s.status)).toEqual(['failed'])
    expect(sim.requests.slice(from).some((r) => r.path.includes('/fsa'))).toBe(false)
    expect(result.programs).toEqual([])
  })

  it('an LFDI the server does not list is "not registered", and the walk stops', async () => {
    const result = await discover(probe(), { ourLfdi: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' })
    expect(result.stoppedAt).toBe('EndDevice')
    expect(result.steps.at(-1)?.error?.code).toBe('SEP2_END_DEVICE_NOT_FOUND')
  })

  it('warns when the server clock is more than 60 s off (handbook Annex C)', async () => {
    sim.faults.clockOffset(-95_000)
    const result = await discover(probe())
    sim.faults.clockOffset(0)
    expect(result.clockOffsetMs).toBe(-95_000)
    const warn = result.steps.find((s) => s.name === 'Time' && s.status === 'warning')
    expect(warn?.error?.code).toBe('SEP2_CLOCK_OFFSET')
    expect(result.ok).toBe(true)
  })
})

describe('TLS trust over real mutual TLS', () => {
  it('refuses a client certificate from an unknown CA: the meaning says the certificate was not accepted', async () => {
    const result = await discover(probe({ identity: otherPki.devices[0]! }))
    expect(result.ok).toBe(false)
    expect(result.stoppedAt).toBe('DeviceCapability')
    const step = result.steps[0]
    expect(step?.error?.code).toBe('SEP2_TLS_CLIENT_REJECTED')
    expect(`${step?.error?.meaning} ${step?.error?.whatToDo}`).toMatch(/client certificate/)
  })

  it('refuses a server certificate not signed by the configured anchor, naming what was presented', async () => {
    const result = await discover(probe({ anchors: [otherPki.sercaPem] }))
    expect(result.stoppedAt).toBe('DeviceCapability')
    const step = result.steps[0]
    expect(step?.error?.code).toBe('SEP2_TLS_SERVER_UNTRUSTED')
    expect(step?.error?.meaning).toMatch(/not trusted/)
    expect(`${step?.error?.meaning} ${step?.error?.whatToDo}`).toMatch(/Test SERCA/)
  })
})

describe('server faults (handbook 13.2, FAQ)', () => {
  it('429 with Retry-After then success: the walk completes after the wait', async () => {
    const p = probe()
    sim.faults.set({ kind: 'status', status: 429, retryAfter: '20' }, { path: '/api/v2/dcap' })
    const from = sim.requests.length
    const result = await driveUntil(clock, p, discover(p))
    expect(result.ok).toBe(true)
    const dcaps = sim.requests.slice(from).filter((r) => r.path === '/api/v2/dcap')
    expect(dcaps.map((r) => r.status)).toEqual([429, 200])
    expect((dcaps[1]?.at ?? 0) - (dcaps[0]?.at ?? 0)).toBeGreaterThanOrEqual(20_000)
  })

  it('a timeout fails the step with the "not reachable from this network" meaning', async () => {
    const p = probe()
    sim.faults.set({ kind: 'hang' }, { path: '/api/v2/dcap' })
    const from = sim.requests.length
    const pending = discover(p)
    await sim.waitForRequests(from + 1)
    await clock.advanceAsync(50_000)
    const result = await pending
    expect(result.steps[0]?.error?.code).toBe('SEP2_TIMEOUT')
    expect(result.steps[0]?.error?.whatToDo).toMatch(/Australian IP/)
  })

  it('malformed XML fails the step with a codec code, not a crash', async () => {
    sim.faults.set({ kind: 'malformed-body' }, { path: '/api/v2/dcap' })
    const result = await discover(probe())
    expect(result.stoppedAt).toBe('DeviceCapability')
    expect(result.steps[0]?.error?.code).toBe('SEP2_XML_MALFORMED')
  })
})

describe('a program with 58 events, served 20 to a page', () => {
  it('keeps every event (handbook 11.1 asks for at least 24), following `all` across pages', async () => {
    const controls = Array.from({ length: 58 }, (_, i) => ({ startS: 600 + i * 300, durationS: 300, modes: { opModExpLimW: 1000 + i * 100 } }))
    const scenario = { name: 'many', description: '58 events', extraDevices: [], programs: [{ id: 'MANY', description: 'Many events', primacy: 1, fsa: 1, controls }] }
    const paged = await startTestSimulator(clock, pki, { scenario, pageLimit: 20 })
    const p = probeTransport({ clock, url: paged.url, identity: pki.devices[0]!, anchors: [pki.sercaPem] })
    try {
      const result = await runDiscovery({ transport: p.transport, dcapUrl: paged.dcapUrl, clock, ourLfdi: pki.devices[0]!.lfdi, mode: 'device' })
      expect(result.ok).toBe(true)
      const events = result.programs[0]?.events ?? []
      expect(events).toHaveLength(58)
      expect(events.map((e) => e.modes.opModExpLimW)).toEqual(controls.map((c) => c.modes.opModExpLimW))
      expect(paged.requests.filter((r) => r.path === '/api/v2/derp/MANY/derc').map((r) => r.query.s)).toEqual(['0', '20', '40'])
      expect(result.steps.find((s) => s.name === 'DERControlList')?.detail).toBe('58 event(s) in 3 page(s)')
    } finally {
      await p.transport.close()
      await paged.close()
    }
  })
})
