/**
 * The Limits API through the engine (APP-2, CTL-3, CTL-6): the demo site polling the figure 8 simulator over mutual
 * TLS on a FakeClock; the overlap setting persisted per site; an ordinary restart keeps the schedule (ALL-30) and a
 * start after a power outage discards it and falls back to the default (handbook 11.2).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src-shared/api'
import { FakeClock } from '../../../src-shared/clock'
import type { LimitsView } from '../../../src-shared/contract/limits'
import type { Site } from '../../../src-shared/domain/site'
import type { WizardState } from '../../../src-shared/domain/wizard'
import type { Result } from '../../../src-shared/result'
import { DEMO_SITE } from '../../demo/demo-site'
import { startUtilitySimulator, type UtilitySimulator } from '../../sim/utility'
import { createEngine, type Engine } from '../create-engine'

const SLOT_MS = 300_000
const STEP_MS = 5_000
const IO_TURNS = 200

let dataDir: string
let clock: FakeClock
let sim: UtilitySimulator
let engine: Engine
let siteId: string
const events: EngineEvent[] = []

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

async function ioTurns(): Promise<void> {
  for (let i = 0; i < IO_TURNS; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

async function advanceTo(ms: number): Promise<void> {
  const target = sim.startMs + ms
  while (clock.now() < target) await clock.advanceAsync(Math.min(STEP_MS, target - clock.now()), ioTurns)
}

/** The engine on the machine boot `bootId`: the start reason is told from it (handbook 11.2), not passed in. */
function open(bootId: string): Engine {
  const e = createEngine({ dataDir, host: 'cli', clock, trustAnchorsPem: [sim.pki.sercaPem], boot: { bootId, bootTimeMs: 0 } })
  e.subscribe((ev) => events.push(ev))
  return e
}

const limits = async (e: Engine): Promise<LimitsView> => value<LimitsView>(await e.invoke('limits.get', { siteId }))
const mode = (v: LimitsView, m: string) => {
  const e = v.effective.find((x) => x.mode === m)
  return [e?.value, e?.source.kind]
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-limits-'))
  clock = new FakeClock(Math.floor(Date.now() / SLOT_MS) * SLOT_MS + 1000)
  sim = await startUtilitySimulator({ clock, scenario: 'figure8' })
  engine = open('boot-1')
  siteId = value<Site>(await engine.invoke('sites.save', DEMO_SITE)).id
  const device = sim.pki.devices[0]
  if (!device) throw new Error('simulator PKI without a device')
  value(await engine.invoke('certificates.import', { siteId, files: [{ name: 'd.chain.pem', dataBase64: b64(device.chainPem) }, { name: 'd.key.pem', dataBase64: b64(device.keyPem) }] }))
  value(await engine.invoke('server.saveSettings', { siteId, settings: { target: 'custom', customUrl: sim.dcapUrl, checkHostname: true } }))
  expect(value<{ ok: boolean }>(await engine.invoke('server.connect', { siteId })).ok).toBe(true)
}, 60_000)

afterAll(async () => {
  await engine.close()
  await sim.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('limits API', () => {
  it('marks the Limits step done once it has shown limits read from the server (not merely opened)', async () => {
    const statusOf = async () => value<WizardState>(await engine.invoke('wizard.get', { siteId })).steps.find((s) => s.step === 'limits')?.status
    expect(await statusOf()).toBe('not-started')
    expect((await limits(engine)).link.state).toBe('online')
    expect(await statusOf()).toBe('done')
    expect(events.some((e) => e.event === 'wizard.changed' && e.payload.steps.some((s) => s.step === 'limits' && s.status === 'done'))).toBe(true)
  })

  it('stores what discovery read at once: the figure 8 events, fixed limits until the default is published', async () => {
    const v = await limits(engine)
    expect(v.events).toHaveLength(5)
    expect(v.link.state).toBe('online')
    expect(mode(v, 'expLimW')).toEqual([1500, 'fixed'])
    expect(v.nextChangeAt).toBe(sim.startMs + 300_000)
    expect(v.ramp).toEqual({ capacityW: 10_000, setGradW: 28 })
  })

  it('follows the polls on the clock and pushes limits.changed', async () => {
    const before = events.filter((e) => e.event === 'limits.changed').length
    await advanceTo(750_000)
    const v = await limits(engine)
    expect(mode(v, 'expLimW')).toEqual([0, 'event'])
    expect(mode(v, 'impLimW')).toEqual([15000, 'event'])
    expect(v.references).toMatchObject({ fixedExpW: 1500, fixedImpW: 1500, defaultExpW: 1500, defaultImpW: 4000 })
    expect(events.filter((e) => e.event === 'limits.changed').length).toBeGreaterThan(before)
  }, 60_000)

  it('keeps the overlap setting per site and the schedule across an ordinary restart (ALL-30)', async () => {
    expect(value<LimitsView>(await engine.invoke('limits.setOverlap', { siteId, overlap: 'csip-no-resume' })).overlap).toBe('csip-no-resume')
    await engine.close()
    await sim.faults.down()
    // The process restarts in the same machine boot.
    engine = open('boot-1')
    const v = await limits(engine)
    expect(v.overlap).toBe('csip-no-resume')
    expect(v.startReason).toBe('restart')
    expect(v.events).toHaveLength(5)
    expect(mode(v, 'expLimW')).toEqual([0, 'event'])
  }, 60_000)

  it('after the machine was off (a new boot: power outage) discards the stored controls, applies the default and re-polls every program (handbook 11.2)', async () => {
    await engine.close()
    await sim.faults.up()
    const walksBefore = sim.requests.filter((r) => r.path.endsWith('/dcap')).length
    // The machine was off in between: a new boot.
    engine = open('boot-2')
    const v = await limits(engine)
    expect(v.startReason).toBe('power-outage')
    expect(v.events).toEqual([])
    expect(mode(v, 'expLimW')).toEqual([1500, 'default'])
    expect(mode(v, 'impLimW')).toEqual([4000, 'default'])
    // The site was connected before the outage, so the engine walks the server again and stores what it lists now.
    await expect.poll(async () => (await limits(engine)).events.length, { interval: 20, timeout: 20_000 }).toBe(5)
    expect(sim.requests.filter((r) => r.path.endsWith('/dcap')).length).toBeGreaterThan(walksBefore)
    expect(mode(await limits(engine), 'expLimW')).toEqual([0, 'event'])
  }, 60_000)
})
