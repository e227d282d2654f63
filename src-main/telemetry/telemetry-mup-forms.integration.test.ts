/**
 * Telemetry both servers accept (issue 20 item 3), over real mutual TLS against the utility simulator on a FakeClock:
 * the handbook's two-step MirrorUsagePoint where the server takes it; the one-step form (the MUP carrying its first
 * MirrorMeterReading) where the server refuses an empty one as the reference server does (reference-strict); and a
 * MirrorUsagePoint refused in every form is not sent again, the readings stay buffered and the refusal keeps the
 * server's words.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { readingPlan } from '../../src-shared/telemetry'
import { generateTestPki, type TestPki } from '../pki'
import { probeTransport } from '../sep2/client/testing/sim-fixture'
import { startUtilitySimulator, type UtilitySimulator } from '../sim/utility'
import { migrate } from '../storage/migrations'
import { Database } from '../storage/sqlite'
import type { Sep2Poster } from './ports'
import { TelemetryBuffer } from './telemetry-buffer'
import { createTelemetryService, TICK_GRACE_MS, type TelemetryService } from './telemetry-service'
import type { TelemetryRefusal } from './mirror-usage-points'

const T0 = Date.UTC(2026, 0, 15, 2, 0)
const PLAN = readingPlan({ scope: 'site', phases: ['a'], voltage: false, frequency: false })
let pki: TestPki
const open: { close(): Promise<void> }[] = []

beforeAll(async () => {
  pki = await generateTestPki({ now: new Date(T0) })
}, 60_000)

afterEach(async () => {
  for (const o of open.splice(0)) await o.close()
})

async function rig(options: { referenceStrict?: boolean } = {}) {
  const clock = new FakeClock(T0)
  const sim: UtilitySimulator = await startUtilitySimulator({ clock, pki, scenario: 'annex-d', ...options })
  const probe = probeTransport({ clock, url: sim.url, identity: pki.devices[0]!, anchors: [pki.sercaPem] })
  open.push({ close: async () => (await probe.transport.close(), await sim.close()) })
  const db = new Database(':memory:')
  migrate(db)
  const buffer = new TelemetryBuffer(db, { siteId: 's', capacity: 1000, clock })
  // GETs in flight, so a test knows when the client has its answers (and has planned its next read).
  const gets = { inFlight: 0 }
  const poster: Sep2Poster = {
    ...probe.transport,
    get: async (path, o) => {
      gets.inFlight++
      try {
        return await probe.transport.get(path, o)
      } finally {
        gets.inFlight--
      }
    },
  }
  const service = createTelemetryService({ clock, poster, buffer, mupListHref: '/api/v2/mup', identity: { lfdi: pki.devices[0]!.lfdi, pen: 57269 }, plan: PLAN })
  const refusals: TelemetryRefusal[] = []
  service.on('refused', (e) => refusals.push(e.refusal))
  open.push({ close: async () => service.stop() })
  const idle = async () => {
    await until(() => gets.inFlight === 0)
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return { clock, sim, service, buffer, refusals, idle, tick: () => tick(clock, service) }
}

/** One 5-minute interval of 1 s samples, then the round of posts it starts. */
async function tick(clock: FakeClock, service: TelemetryService): Promise<void> {
  for (let t = 0; t < 300_000; t += 1000) {
    clock.advance(1000)
    service.addSample({ t: clock.now(), site: { a: { w: -2000, var: 10 } } })
  }
  clock.advance(TICK_GRACE_MS)
  await service.flush()
}

/** Let real I/O run until `done` (bounded by turns of the event loop, not by wall time). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200_000 && !done(); i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

const mupPosts = (sim: UtilitySimulator) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/mup').map((r) => r.status)

describe('MirrorUsagePoint forms', { timeout: 120_000 }, () => {
  it('the handbook two-step form where the server takes an empty MirrorUsagePoint', async () => {
    const { sim, service, tick } = await rig()
    service.start()
    await tick()
    await tick()
    expect(mupPosts(sim)).toEqual([201])
    expect(sim.mirroredReadings()).toHaveLength(2 * PLAN.length)
    expect(service.mirrorUsagePoints().find((m) => m.scope === 'site')).toMatchObject({ form: 'two-step', refusal: undefined })
  })

  it('reference-strict: the empty one is refused (400), the one-step form is sent, readings arrive, the form is kept', async () => {
    const { sim, service, tick, refusals } = await rig({ referenceStrict: true })
    service.start()
    await tick()
    await tick()
    expect(mupPosts(sim)).toEqual([400, 201])
    expect(sim.mirroredReadings()).toHaveLength(2 * PLAN.length)
    const site = service.mirrorUsagePoints().find((m) => m.scope === 'site')
    expect(site?.form).toBe('one-step')
    expect(site?.refusal).toMatchObject({ document: 'MirrorUsagePoint', form: 'two-step', status: 400, serverText: expect.stringMatching(/^MirrorUsagePoint [0-9A-F]{32} has no mirrorMeterReadings$/) })
    expect(refusals).toEqual([])
    expect(service.depth().readings).toBe(0)
    const [view] = service.mirrorUsagePointViews()
    expect(view).toMatchObject({ scope: 'site', form: 'one-step', blocking: false })
    expect(view?.text).toMatch(/one-step form\)\. The server refused the site MirrorUsagePoint \(two-step form\) with 400: "MirrorUsagePoint [0-9A-F]{32} has no mirrorMeterReadings"/)
  })

  it('refused in every form: sent once per form, never again unchanged; the readings stay buffered until the next start', async () => {
    const { sim, service, tick, refusals } = await rig()
    sim.faults.set({ kind: 'status', status: 400, body: 'deviceLFDI does not match the client certificate' }, { path: '/api/v2/mup', method: 'POST', times: 2 })
    service.start()
    for (let i = 0; i < 4; i++) await tick()
    expect(mupPosts(sim)).toEqual([400, 400])
    expect(refusals).toHaveLength(1)
    expect(refusals[0]).toMatchObject({ document: 'MirrorUsagePoint', form: 'one-step', status: 400, serverText: 'deviceLFDI does not match the client certificate' })
    expect(service.refusal()).toEqual(refusals[0])
    expect(service.mirrorUsagePointViews()[0]).toMatchObject({ blocking: true, location: null, text: expect.stringContaining('Sending stopped until the next start') })
    expect(service.depth().readings).toBe(4 * PLAN.length)
    // A new start (the server's set-up was fixed) sends every buffered reading.
    service.stop()
    service.start()
    await service.flush()
    expect(mupPosts(sim)).toEqual([400, 400, 201])
    expect(service.depth().readings).toBe(0)
    expect(sim.mirroredReadings()).toHaveLength(4 * PLAN.length)
  })

  it('a new MirrorUsagePoint is read back; the MirrorUsagePointList is re-read at its pollRate and its postRate followed', async () => {
    const { sim, service, tick, clock, idle } = await rig()
    service.start()
    await tick()
    const first = sim.requests.map((r) => `${r.method} ${r.path}`)
    expect(first.slice(first.indexOf('POST /api/v2/mup'), first.indexOf('POST /api/v2/mup') + 3)).toEqual(['POST /api/v2/mup', 'GET /api/v2/mup/1', 'POST /api/v2/mup/1'])
    await sim.act({ type: 'set-comms-rate', pollRates: { mup: 60 }, mupPostRateS: 60 })
    const listReads = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/api/v2/mup').map((r) => Math.round((r.at - T0) / 1000))
    // The first read came at 301 s (table 2's 300 s); the next 300 s after it, then every 60 s as the server now says.
    for (const s of [601, 661, 721]) {
      clock.advance(T0 + s * 1000 - clock.now())
      await until(() => listReads().includes(s))
      // The client has the answer (and has planned its next read) before the clock moves on.
      await idle()
    }
    expect(listReads()).toEqual([301, 601, 661, 721])
    expect(service.currentPostRateS()).toBe(60)
  })
})
