import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EngineEvent, EventPayload } from '../../../src-shared/api'
import { FakeClock } from '../../../src-shared/clock'
import type { TelemetryPoint, TelemetryStatus } from '../../../src-shared/contract/telemetry'
import { DEMO_SITE } from '../../demo/demo-site'
import type { RecordedRequest } from '../../sim/utility/core/mutual-tls-server'
import { startUtilitySimulator } from '../../sim/utility'
import { parseSep2 } from '../../sep2/xml'
import { FLUSH_RETRY_MS } from '../../telemetry'
import { createEngine, type Engine } from '../create-engine'
import { controllerStateView } from './telemetry'

/**
 * APP-4 / TEL-1..TEL-5 / SITE-2 in the engine: the in-app device simulator (Modbus TCP) and the built-in utility
 * simulator (mutual TLS), the sampling session, the site controller and the telemetry wiring, all on one FakeClock.
 * The clock starts 50 s before the 12:00 (QLD) RTC tick so the first interval closes within a minute of sim time.
 */
const BEFORE_TICK = Date.UTC(2026, 0, 15, 1, 59, 10)
const TICK = Date.UTC(2026, 0, 15, 2, 0)
const STEP_MS = 200
const WALL_WAIT_MS = 5000

let dataDir: string
let engine: Engine
let clock: FakeClock
let events: EngineEvent[]

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-telemetry-'))
  clock = new FakeClock(BEFORE_TICK)
  // The handbook 13.1 post offset drawn as 0: the posts leave 1 s after the tick, inside the test's window.
  engine = createEngine({ dataDir, host: 'cli', clock, random: () => 0 })
  events = []
  engine.subscribe((e) => events.push(e))
})

afterEach(async () => {
  await engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function call<T>(command: string, input: unknown): Promise<T> {
  const result = await engine.invoke(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

async function turns(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

async function runUntil(done: () => boolean, maxSimMs: number): Promise<void> {
  const end = clock.now() + maxSimMs
  while (!done() && clock.now() < end) {
    clock.advance(STEP_MS)
    const wallEnd = Date.now() + WALL_WAIT_MS
    const before = events.length
    while (events.length === before && Date.now() < wallEnd) await turns()
  }
}

/** The MirrorMeterReadings the utility simulator accepted (201), in arrival order. */
function acceptedReadings(requests: readonly RecordedRequest[]): { mRID: string; description: string; intervalEndS: number | undefined }[] {
  return requests.flatMap((r) => {
    if (r.method !== 'POST' || r.status !== 201) return []
    const parsed = parseSep2(r.body, 'MirrorMeterReading')
    if (!parsed.ok) return []
    const doc = parsed.value.doc
    return [{ mRID: doc.mRID, description: doc.description ?? '', intervalEndS: doc.lastUpdateTime }]
  })
}

const changes = (): EventPayload<'telemetry.changed'>[] => events.flatMap((e) => (e.event === 'telemetry.changed' ? [e.payload] : []))
const points = (): TelemetryPoint[] => events.flatMap((e) => (e.event === 'telemetry.points' ? e.payload.points : []))
const posted = (): boolean => changes().some((c) => c.status.recent.some((r) => r.outcome === 'posted'))

describe('telemetry step wiring (APP-4, TEL-1..TEL-5, SITE-2)', { timeout: 180_000 }, () => {
  it('says the site is not live until its devices are sampled', async () => {
    const site = await call<{ id: string }>('sites.save', DEMO_SITE)
    expect(await call<TelemetryStatus>('telemetry.start', { siteId: site.id })).toMatchObject({ link: { state: 'not-live' }, controller: null })
    expect(await call<TelemetryStatus>('telemetry.status', { siteId: site.id })).toMatchObject({ link: { state: 'not-live' } })
  })

  it('pushes chart points with the limits, the controller state, and readings the utility simulator accepts', async () => {
    const { id: siteId } = await call<{ id: string }>('sites.save', DEMO_SITE)
    await call('devices.addSimulated', { siteId })
    await call('devices.startSampling', { siteId })
    await runUntil(() => false, 2000)
    // Live but not connected: the chart and the controller run, reporting waits for the server.
    expect(await call<TelemetryStatus>('telemetry.start', { siteId })).toMatchObject({ link: { state: 'not-connected' }, controller: { kind: expect.any(String) } })
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true } })
    expect(await call<{ ok: boolean }>('server.connect', { siteId })).toMatchObject({ ok: true })
    await runUntil(posted, 120_000)

    // Chart points: at most ~2 per second of sample time, each with the effective export limit (the demo site's).
    const pts = points()
    expect(pts.length).toBeGreaterThan(20)
    for (let i = 1; i < pts.length; i++) expect((pts[i]?.t ?? 0) - (pts[i - 1]?.t ?? 0)).toBeGreaterThanOrEqual(500)
    expect(pts.at(-1)?.exportLimitW).toEqual(expect.any(Number))
    expect(pts.at(-1)?.siteW.total).toEqual(expect.any(Number))

    // Readings posted on the 12:00 tick and answered by the simulator; the MirrorUsagePoints were created.
    const status = await call<TelemetryStatus>('telemetry.status', { siteId })
    expect(status.link).toMatchObject({ state: 'reporting', postRateS: 300 })
    const first = status.recent.at(-1)
    expect(first).toMatchObject({ outcome: 'posted', intervalEndMs: TICK, answer: expect.stringMatching(/^201 Created at \//) })
    expect(clock.now()).toBeGreaterThanOrEqual(TICK)
    await runUntil(() => changes().at(-1)?.status.buffer.readings === 0, 30_000)
    expect((await call<TelemetryStatus>('telemetry.status', { siteId })).buffer.readings).toBe(0)

    // The Telemetry step is done once the server accepts readings.
    expect(events.some((e) => e.event === 'wizard.changed' && e.payload.steps.some((st) => st.step === 'telemetry' && st.status === 'done'))).toBe(true)

    // DER status, capability and settings PUT (TEL-1).
    expect(status.der.map((d) => d.resource).sort()).toEqual(['capability', 'settings', 'status'])
    expect(status.der.every((d) => d.ok)).toBe(true)

    // The controller's state is pushed with each change and is the one the controller holds.
    expect(changes().every((c) => c.status.controller !== null)).toBe(true)
    expect(status.controller?.text).toMatch(/^(Following|Limited by)/)

    // History for the chart comes from the stored samples, downsampled.
    const history = await call<TelemetryPoint[]>('telemetry.history', { siteId, sinceMs: BEFORE_TICK, maxPoints: 20 })
    expect(history.length).toBeGreaterThan(5)
    expect(history.length).toBeLessThanOrEqual(21)
    expect(history.at(-1)?.exportLimitW).toEqual(expect.any(Number))

    // The meter goes quiet: the controller's move to fail-safe is pushed, in words (SITE-2).
    await call('devices.stopSampling', { siteId })
    for (let i = 0; i < 20 && changes().at(-1)?.status.controller?.kind !== 'fail-safe'; i++) {
      clock.advance(1000)
      await turns()
    }
    expect(changes().at(-1)?.status.controller).toMatchObject({ kind: 'fail-safe', text: expect.stringMatching(/^Fail-safe: .* stopped answering; the fixed limits are applied\.$/) })
  })
})

describe('the durable buffer while the server is unreachable (TEL-5)', { timeout: 240_000 }, () => {
  it('keeps the readings, pushes the failure and the depth, and sends them in order once the server is back', async () => {
    const sim = await startUtilitySimulator({ clock })
    try {
      await engine.close()
      engine = createEngine({ dataDir, host: 'cli', clock, trustAnchorsPem: [sim.pki.sercaPem], random: () => 0 })
      engine.subscribe((e) => events.push(e))
      const { id: siteId } = await call<{ id: string }>('sites.save', DEMO_SITE)
      const device = sim.pki.devices[0]
      if (!device) throw new Error('simulator PKI without a device')
      const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
      await call('certificates.import', { siteId, files: [{ name: 'd.chain.pem', dataBase64: b64(device.chainPem) }, { name: 'd.key.pem', dataBase64: b64(device.keyPem) }] })
      await call('server.saveSettings', { siteId, settings: { target: 'custom', customUrl: sim.dcapUrl, checkHostname: true } })
      expect(await call<{ ok: boolean }>('server.connect', { siteId })).toMatchObject({ ok: true })
      await call('devices.addSimulated', { siteId })
      await call('devices.startSampling', { siteId })
      await call('telemetry.start', { siteId })
      await runUntil(() => changes().some((c) => c.status.link.state === 'reporting'), 5000)
      await sim.faults.down()
      await runUntil(() => changes().some((c) => c.status.lastFailure !== null), 150_000)
      const failed = changes().find((c) => c.status.lastFailure !== null)?.status
      expect(failed?.buffer.readings).toBeGreaterThan(0)
      expect(failed?.buffer.oldestEndMs).toBe(TICK)
      expect(failed?.lastFailure).toMatch(/reading\(s\) kept in the buffer/)
      expect(failed?.recent).toEqual([])
      await sim.faults.up()
      await runUntil(posted, FLUSH_RETRY_MS * 3)
      await runUntil(() => changes().at(-1)?.status.buffer.readings === 0, 60_000)
      const status = await call<TelemetryStatus>('telemetry.status', { siteId })
      expect(status).toMatchObject({ buffer: { readings: 0 }, lastFailure: null })
      expect(status.recent.length).toBeGreaterThan(0)
      expect(status.recent.every((r) => r.outcome === 'posted' && r.intervalEndMs === TICK)).toBe(true)
      // What the server accepted: every reading the buffer kept, each once, for the 12:00 interval only.
      const accepted = acceptedReadings(sim.requests)
      const kept = failed?.buffer.readings ?? 0
      expect(accepted).toHaveLength(kept)
      expect(new Set(accepted.map((r) => r.mRID)).size).toBe(kept)
      expect(accepted.map((r) => r.intervalEndS)).toEqual(Array.from({ length: kept }, () => TICK / 1000))
      // Both usage points' readings are among them (handbook 10.8.2: site per phase, DER total).
      expect(accepted.map((r) => r.description)).toEqual(expect.arrayContaining(['Avg W Reading - Phase A (Site)', 'Avg W Reading - Total (DER)']))
    } finally {
      await sim.close()
    }
  })
})

describe('the controller state in words (SITE-2)', () => {
  const commanded = { generationW: undefined, chargeW: undefined }
  it('names each state and what binds or failed', () => {
    expect(controllerStateView({ kind: 'following', sinceMs: 1, commanded }).text).toBe('Following: the limits do not hold the devices back.')
    expect(controllerStateView({ kind: 'limited', sinceMs: 1, commanded, binding: ['export', 'import'] }).text).toBe('Limited by the export limit and the import limit.')
    expect(controllerStateView({ kind: 'fail-safe', sinceMs: 1, commanded, fault: { kind: 'meter-silent', silentForMs: 5000 } }).text).toBe(
      'Fail-safe: the site meter stopped answering; the fixed limits are applied.',
    )
    expect(controllerStateView({ kind: 'fail-safe', sinceMs: 1, commanded, fault: { kind: 'device-silent', deviceId: 'inv-1', silentForMs: 5000 } })).toMatchObject({ fault: 'device inv-1 stopped answering' })
    expect(controllerStateView({ kind: 'manual', sinceMs: 1, commanded, reason: 'installer test' }).text).toBe('Manual: installer test')
  })
})
