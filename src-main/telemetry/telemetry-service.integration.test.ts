/**
 * TEL-2..TEL-5 over real mutual TLS against the utility-server simulator core, on a FakeClock: a simulated day of 1 s
 * samples with a one-hour server outage, a restart in the middle of it, a postRate change from the server (CSIP-AUS
 * ALL-10) and a mirror usage point the server loses. Every interval must arrive exactly once and in order.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { readingPlan, type TelemetrySample } from '../../src-shared/telemetry'
import type { MutualTlsServer, SimHandler } from '../sim/utility/core'
import { createTestPki, type TestPki } from '../sep2/transport/testing/openssl-pki'
import { makeTransport, startSim, type TransportProbe } from '../sep2/transport/testing/transport-fixture'
import { parseSep2, serialiseSep2 } from '../sep2/xml'
import { openDatabase, type Db } from '../storage/database'
import { TelemetryBuffer } from './telemetry-buffer'
import { createTelemetryService, type TelemetryService } from './telemetry-service'

const DAY0 = Date.UTC(2026, 0, 15)
const H = 3_600_000
const MIN = 60_000
const LFDI = '01E0F2357FF85E4B7EE6C60ED43B22DF278F17E0'
const PLAN = [
  ...readingPlan({ scope: 'site', phases: ['a'], voltage: true, frequency: true }),
  ...readingPlan({ scope: 'der', phases: [], voltage: false, frequency: false, totals: true }),
]
const WALL_GUARD_MS = 5000

/** What the simulated utility received. */
interface Received {
  mupPath: string
  mRID: string
  description: string
  timeTag: number
  value: number
}

/** What the simulated utility holds: its postRate, the readings received and the MirrorUsagePoints it knows. */
type UtilityState = { postRate: number; received: Received[]; parseErrors: string[]; mupPosts: string[]; live: Map<string, string> }

function utilityHandler(state: UtilityState): SimHandler {
  let next = 1
  return async (req) => {
    if (req.method === 'POST' && req.path === '/api/v2/mup') {
      const parsed = parseSep2(req.body, 'MirrorUsagePoint')
      if (!parsed.ok) return { status: 400 }
      const mRID = parsed.value.doc.mRID
      const path = [...state.live.entries()].find(([, m]) => m === mRID)?.[0] ?? `/api/v2/mup/${next++}`
      state.live.set(path, mRID)
      state.mupPosts.push(`${parsed.value.doc.description} ${parsed.value.doc.roleFlags.value.toString(16)}`)
      return { status: 201, headers: { location: path } }
    }
    if (!state.live.has(req.path)) return { status: 404 }
    if (req.method === 'GET') {
      const body = serialiseSep2('MirrorUsagePoint', {
        href: req.path,
        mRID: state.live.get(req.path) ?? '',
        roleFlags: { value: 3 },
        serviceCategoryKind: 0,
        status: 1,
        deviceLFDI: LFDI,
        postRate: state.postRate,
      })
      return body.ok ? { status: 200, body: body.value } : { status: 500 }
    }
    const parsed = parseSep2(req.body, 'MirrorMeterReading')
    if (!parsed.ok) {
      state.parseErrors.push(parsed.error.message)
      return { status: 400 }
    }
    const doc = parsed.value.doc
    state.received.push({ mupPath: req.path, mRID: doc.mRID, description: doc.description ?? '', timeTag: doc.lastUpdateTime ?? 0, value: doc.Reading?.value ?? Number.NaN })
    return { status: 201, headers: { location: `${req.path.replace('/mup/', '/upt/')}/mr/${doc.mRID}` } }
  }
}

/** A site that imports 800 W at night and exports around midday; DER generation positive. */
function sampleAt(t: number): TelemetrySample {
  const hour = (t - DAY0) / H
  const pv = hour > 6 && hour < 18 ? Math.round(4000 * Math.sin((Math.PI * (hour - 6)) / 12)) : 0
  return {
    t,
    site: { a: { w: 800 - pv, var: 100, v: hour < 12 ? 240 : 241.5 }, hz: 50 + ((t / 1000) % 7) / 100 - 0.03 },
    der: { total: { w: pv, var: 0 } },
  }
}

/** The simulated utility, a database in a temporary folder and the telemetry service, all on one FakeClock. */
interface Rig {
  clock: FakeClock
  state: UtilityState
  events: { failed: number; recreated: number; maxDepth: number; postRates: number[] }
  sim: MutualTlsServer
  service: () => TelemetryService
  restart: () => void
  runUntil: (t: number) => Promise<void>
  close: () => Promise<void>
}

async function startRig(pki: TestPki, startMs: number): Promise<Rig> {
  const clock = new FakeClock(startMs)
  const state: UtilityState = { postRate: 300, received: [], parseErrors: [], mupPosts: [], live: new Map() }
  const events = { failed: 0, recreated: 0, maxDepth: 0, postRates: [] as number[] }
  let retryPending = false
  const sim = await startSim(pki, clock, { handler: utilityHandler(state) })
  const probe: TransportProbe = makeTransport({
    url: sim.url,
    clock,
    identity: pki.client,
    anchors: [pki.serca],
    onRetry: () => {
      retryPending = true
    },
    tap: () => {
      retryPending = false
    },
  })
  const dir = mkdtempSync(join(tmpdir(), 'tel-day-'))
  let db: Db | undefined
  let service: TelemetryService | undefined
  const start = (): TelemetryService => {
    db = openDatabase(dir)
    const buffer = new TelemetryBuffer(db, { siteId: 'site-1', capacity: 288 * PLAN.length, clock })
    const s = createTelemetryService({ clock, poster: probe.transport, buffer, mupListHref: '/api/v2/mup', identity: { lfdi: LFDI, pen: 57269, nmi: 'QB12345678' }, plan: PLAN })
    s.on('send-failed', (e) => {
      events.failed++
      events.maxDepth = Math.max(events.maxDepth, e.depth)
    })
    s.on('mup-created', (e) => {
      if (e.recreated) events.recreated++
    })
    s.on('post-rate', (e) => events.postRates.push(e.toS))
    s.start()
    return s
  }
  const stop = (): void => {
    service?.stop()
    db?.close()
  }
  service = start()
  /** One second of the day: the clock, a sample, and (when sending) the posts over TLS. */
  const second = async (s: TelemetryService): Promise<void> => {
    clock.advance(1000)
    s.addSample(sampleAt(clock.now()))
    const giveUp = Date.now() + WALL_GUARD_MS
    while (s.busy() && !retryPending && Date.now() < giveUp) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  const current = (): TelemetryService => {
    if (!service) throw new Error('telemetry service not started')
    return service
  }
  return {
    clock,
    state,
    events,
    sim,
    service: current,
    restart: () => {
      stop()
      service = start()
    },
    runUntil: async (t) => {
      while (clock.now() < t) await second(current())
    },
    close: async () => {
      stop()
      await probe.transport.close()
      await sim.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

describe('telemetry over a simulated day (TEL-2..TEL-5, ALL-10)', { timeout: 300_000 }, () => {
  let pki: TestPki
  const rigs: Rig[] = []
  const rigAt = async (startMs: number): Promise<Rig> => {
    const rig = await startRig(pki, startMs)
    rigs.push(rig)
    return rig
  }

  beforeAll(() => {
    pki = createTestPki()
  })

  afterAll(async () => {
    for (const rig of rigs) await rig.close()
    pki?.cleanup()
  })

  it('posts every interval exactly once, oldest first, through an outage, a restart, a postRate change and a lost MUP', async () => {
    const { state, events, sim, runUntil, restart, service } = await rigAt(DAY0)
    await runUntil(DAY0 + 6 * H + 30_000)
    await sim.down()
    await runUntil(DAY0 + 6 * H + 32 * MIN)
    // Restart in the middle of the outage: the buffer is on disk.
    restart()
    await runUntil(DAY0 + 7 * H + 30_000)
    await sim.up()
    await runUntil(DAY0 + 12 * H + 30_000)
    state.postRate = 60
    await runUntil(DAY0 + 13 * H + 30_000)
    state.postRate = 300
    await runUntil(DAY0 + 15 * H + 30_000)
    const sitePath = [...state.live.entries()].find(([, m]) => m.slice(22, 24) === '03')?.[0]
    if (sitePath) state.live.delete(sitePath) // the server loses the site usage point
    await runUntil(DAY0 + 24 * H + 5000)

    // Expected interval ends: 5-minute ticks, 1-minute ticks from the first tick after the server said 60 s
    // (read after the 12:05 round) until it said 300 s again (read after the 13:01 round).
    const expected: number[] = []
    for (let t = DAY0 + 5 * MIN; t <= DAY0 + 12 * H + 5 * MIN; t += 5 * MIN) expected.push(t / 1000)
    for (let t = DAY0 + 12 * H + 6 * MIN; t <= DAY0 + 13 * H + MIN; t += MIN) expected.push(t / 1000)
    for (let t = DAY0 + 13 * H + 5 * MIN; t <= DAY0 + 24 * H; t += 5 * MIN) expected.push(t / 1000)

    const byReading = new Map<string, number[]>()
    for (const r of state.received) byReading.set(r.mRID, [...(byReading.get(r.mRID) ?? []), r.timeTag])
    expect(byReading.size).toBe(PLAN.length)
    for (const tags of byReading.values()) expect(tags).toEqual(expected)
    const tags = state.received.map((r) => r.timeTag)
    expect(tags).toEqual([...tags].sort((a, b) => a - b))
    expect(state.parseErrors).toEqual([])

    console.log(
      `[TEL] ${state.received.length} readings in ${expected.length} intervals; outage: ${events.failed} failed round(s), ` +
        `buffer peaked at ${events.maxDepth} readings; post rates followed: ${events.postRates.join(' -> ')} s; MUP re-created ${events.recreated}x`,
    )
    expect(events.failed).toBeGreaterThan(0)
    expect(events.maxDepth).toBeGreaterThanOrEqual(12 * PLAN.length - PLAN.length)
    expect(events.postRates).toEqual([60, 300])
    expect(events.recreated).toBe(1)
    expect(state.mupPosts.filter((m) => m.includes('Site Readings'))).toHaveLength(2)
    expect(state.mupPosts).toContain('QB12345678 DER Readings 49')
    expect(service().depth().readings).toBe(0)
  })

  it('signs and scales the values per handbook 10.8.2: site export negative at noon, DER generation positive', async () => {
    // Its own utility and service from 11:50, so the 11:55, 12:00 and 12:05 intervals are posted in this test.
    const { state, runUntil } = await rigAt(DAY0 + 11 * H + 50 * MIN)
    await runUntil(DAY0 + 12 * H + 5 * MIN + 30_000)
    const noon = DAY0 / 1000 + 12 * 3600
    const at = (description: string) => state.received.find((r) => r.timeTag === noon && r.description === description)?.value
    expect(at('Avg W Reading - Phase A (Site)')).toBeLessThan(-3000)
    expect(at('Avg W Reading - Total (DER)')).toBeGreaterThan(3900)
    expect(at('Avg V Reading - Phase A (Site)')).toBe(2400)
    expect(state.received.find((r) => r.timeTag === noon + 300 && r.description.startsWith('Avg V'))?.value).toBe(2415)
    expect(at('Max Hz Reading (Site)')).toBe(5003)
    expect(at('Min Hz Reading (Site)')).toBe(4997)
  })
})
