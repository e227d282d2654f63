/**
 * Issue 20 over real mutual TLS on a FakeClock. A device the utility has not registered yet is waited for at the
 * EndDeviceList rate (never a stop) and followed once registered, its DefaultDERControl then applying. A server that
 * expects in-band registration (cactus ALL-02/03) gets our EndDevice (lFDI, sFDI, changedTime) by POST, its Location
 * is followed, the NMI goes to the ConnectionPoint, and the PIN is checked as for any registration.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { sfdiFromLfdi } from '../../../src-shared/identity'
import { createControlsService, snapshotFromProgramViews } from '../../controls'
import { memoryDb } from '../../controls/testing/harness'
import { generateTestPki, type TestPki } from '../../pki'
import type { UtilitySimulator } from '../../sim/utility'
import { parseSep2 } from '../xml'
import { runDiscovery } from './discovery'
import { probeTransport, runFor, startTestSimulator, type Probe } from './testing/sim-fixture'
import { discoverWhenRegistered, type RegistrationWait } from './wait-for-registration'

const T0 = Date.UTC(2026, 5, 1, 2, 0, 0)
const NMI = 'QB01234567'
let pki: TestPki
let clock: FakeClock
let sim: UtilitySimulator | undefined
let p: Probe | undefined

beforeAll(async () => {
  pki = await generateTestPki({ now: new Date(T0) })
}, 60_000)

afterEach(async () => {
  await p?.transport.close()
  await sim?.close()
})

async function start(options: { unregistered?: boolean; inBandRegistration?: boolean; pin?: number }): Promise<{ sim: UtilitySimulator; p: Probe }> {
  clock = new FakeClock(T0)
  sim = await startTestSimulator(clock, pki, { scenario: 'annex-d', ...options })
  p = probeTransport({ clock, url: sim.url, identity: pki.devices[0]!, anchors: [pki.sercaPem] })
  return { sim, p }
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !done(); i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

describe('a device the utility registers later (out of band, handbook 9)', () => {
  it('waits at the EndDeviceList rate, then walks it and follows the limits of the utility', async () => {
    const { sim, p } = await start({ unregistered: true })
    const waits: RegistrationWait[] = []
    const lfdi = pki.devices[0]!.lfdi
    const walking = discoverWhenRegistered({ transport: p.transport, dcapUrl: sim.dcapUrl, clock, ourLfdi: lfdi, mode: 'device', expectedPin: sim.pin, onWaiting: (w) => waits.push(w) })
    await until(() => waits.length === 1)
    expect(waits[0]?.result.awaitingRegistration).toBe(true)
    // Annex D serves pollRate 300 on the EndDeviceList: the next look is one period later.
    expect(waits[0]?.nextAt).toBe(T0 + 300_000)
    await runFor(clock, p, 550_000, 10_000)
    expect(waits.map((w) => w.nextAt)).toEqual([T0 + 300_000, T0 + 600_000])
    expect(sim.requests.filter((r) => r.path === '/api/v2/edev')).toHaveLength(2)
    sim.register()
    await runFor(clock, p, 60_000, 10_000)
    const result = await walking
    expect(result.ok).toBe(true)
    expect(result.registration?.match).toBe(true)
    expect(waits).toHaveLength(2)
    const controls = createControlsService({ db: memoryDb(), siteId: 's', clock, fixed: { expLimW: 500, impLimW: 500 }, capacityW: 10_000, lfdi })
    controls.start('restart')
    controls.ingestPrograms(snapshotFromProgramViews(result.programs, clock.now()))
    // The utility's limits now, not the fixed ones the site was left on while it waited.
    expect(result.programs.some((x) => x.defaultControl !== null)).toBe(true)
    expect(controls.view().effective.find((e) => e.mode === 'expLimW')?.source.kind).not.toBe('fixed')
    controls.stop()
  }, 120_000)
})

describe('in-band registration where the server expects it (cactus ALL-02/03)', () => {
  it('POSTs lFDI, sFDI and changedTime, follows the Location, PUTs the NMI as the ConnectionPoint, checks the PIN', async () => {
    const { sim, p } = await start({ unregistered: true, inBandRegistration: true })
    const lfdi = pki.devices[0]!.lfdi.toUpperCase()
    const result = await runDiscovery({ transport: p.transport, dcapUrl: sim.dcapUrl, clock, ourLfdi: lfdi, mode: 'device', expectedPin: sim.pin, inBandRegistration: true, nmi: NMI })
    expect(result.ok).toBe(true)
    const posted = sim.received.find((r) => r.kind === 'EndDevice')
    expect(posted?.path).toBe('/api/v2/edev')
    const doc = parseSep2(posted?.xml ?? '', 'EndDevice')
    if (!doc.ok) throw new Error(doc.error.message)
    expect(doc.value.doc).toMatchObject({ lFDI: lfdi, sFDI: Number(sfdiFromLfdi(lfdi)), changedTime: T0 / 1000 })
    expect(result.endDevice?.href).toBe(posted?.location)
    const cp = sim.received.find((r) => r.kind === 'ConnectionPoint')
    expect(cp?.path).toBe(`${posted?.location}/cp`)
    expect(cp?.xml).toMatch(new RegExp(`connectionPointId>${NMI}</`))
    expect(result.steps.map((s) => s.name)).toEqual(expect.arrayContaining(['EndDeviceRegistration', 'EndDevice', 'ConnectionPoint', 'Registration', 'FunctionSetAssignmentsList']))
    expect(result.registration?.match).toBe(true)
    expect(result.programs.length).toBeGreaterThan(0)
  }, 60_000)

  it('a PIN mismatch still stops after an in-band registration (ALL-03-REJ)', async () => {
    const { sim, p } = await start({ unregistered: true, inBandRegistration: true })
    const result = await runDiscovery({ transport: p.transport, dcapUrl: sim.dcapUrl, clock, ourLfdi: pki.devices[0]!.lfdi, mode: 'device', expectedPin: sim.pin + 1, inBandRegistration: true })
    expect(result.ok).toBe(false)
    expect(result.stoppedAt).toBe('Registration')
    expect(sim.requests.some((r) => r.path.endsWith('/fsa'))).toBe(false)
  }, 60_000)

  it('off (Energex/Ergon): nothing is POSTed; the client waits to be registered', async () => {
    const { sim, p } = await start({ unregistered: true })
    const result = await runDiscovery({ transport: p.transport, dcapUrl: sim.dcapUrl, clock, ourLfdi: pki.devices[0]!.lfdi, mode: 'device' })
    expect(result.awaitingRegistration).toBe(true)
    expect(sim.requests.filter((r) => r.method === 'POST')).toEqual([])
  }, 60_000)
})
