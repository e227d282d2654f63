/**
 * Issue 11 item 4 in the app engine (handbook 11.3, cactus ALL-13 / ALL-28): the demo site (10 kW of DER) against a
 * utility simulator whose DefaultDERControl setGradW moves from 27 (27 W/s) to 1000 (1000 W/s) mid-run. After the
 * next poll the next transition (1.5 kW -> 6 kW export at 400 s) ramps at the new rate, and DERSettings is PUT again
 * with setGradW 1000. One FakeClock for the engine, both simulators and the site controller.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src-shared/api'
import { FakeClock } from '../../../src-shared/clock'
import type { TelemetryPoint } from '../../../src-shared/contract/telemetry'
import type { Site } from '../../../src-shared/domain/site'
import { DEMO_SITE } from '../../demo/demo-site'
import { EVENT_START_S, SET_GRAD_W_SCENARIO, settingsGradients } from '../../site/testing/set-grad-w-scenario'
import { startUtilitySimulator, type UtilitySimulator } from '../../sim/utility'
import { createEngine, type Engine } from '../create-engine'

const T0 = Date.UTC(2026, 0, 15, 2, 0)
const STEP_MS = 1000
const WALL_WAIT_MS = 3000
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

describe('the app engine follows a changed DefaultDERControl setGradW (ALL-28, ALL-13)', { timeout: 240_000 }, () => {
  const clock = new FakeClock(T0)
  const dataDir = mkdtempSync(join(tmpdir(), 'sep2-setgradw-app-'))
  let sim: UtilitySimulator | undefined
  let engine: Engine | undefined
  afterAll(async () => {
    await engine?.close()
    await sim?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('the next transition ramps at the new setGradW and DERSettings reports it', async () => {
    sim = await startUtilitySimulator({ clock, scenario: structuredClone(SET_GRAD_W_SCENARIO) })
    const s = sim
    const e = createEngine({ dataDir, host: 'cli', clock, trustAnchorsPem: [s.pki.sercaPem], random: () => 0 })
    engine = e
    const events: EngineEvent[] = []
    e.subscribe((ev) => events.push(ev))
    const call = async <T,>(command: string, input: unknown): Promise<T> => {
      const result = await e.invoke(command, input)
      if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
      return result.value as T
    }
    const siteId = (await call<Site>('sites.save', DEMO_SITE)).id
    const device = s.pki.devices[0]
    if (!device) throw new Error('simulator PKI without a device')
    await call('certificates.import', { siteId, files: [{ name: 'd.chain.pem', dataBase64: b64(device.chainPem) }, { name: 'd.key.pem', dataBase64: b64(device.keyPem) }] })
    await call('server.saveSettings', { siteId, settings: { target: 'custom', customUrl: s.dcapUrl, checkHostname: true } })
    await call('server.connect', { siteId })
    await call('devices.addSimulated', { siteId })
    await call('devices.startSampling', { siteId })
    await call('telemetry.start', { siteId })
    const at = (sec: number): number => s.startMs + sec * 1000
    const advanceTo = async (ms: number): Promise<void> => {
      while (clock.now() < ms) {
        const before = events.length
        clock.advance(Math.min(STEP_MS, ms - clock.now()))
        const giveUp = Date.now() + WALL_WAIT_MS
        while (events.length === before && Date.now() < giveUp) await new Promise<void>((resolve) => setImmediate(resolve))
      }
    }
    const exportLimitAt = (ms: number): number | null | undefined => {
      const points = events.flatMap((ev): TelemetryPoint[] => (ev.event === 'telemetry.points' && ev.payload.siteId === siteId ? ev.payload.points : []))
      return points.filter((p) => p.t <= ms).at(-1)?.exportLimitW
    }
    await advanceTo(at(20))
    expect(settingsGradients(s).at(-1)).toBe(27)
    const dflt = s.scenario.programs[0]?.default
    if (!dflt) throw new Error('scenario without a default')
    dflt.setGradW = 1000
    await advanceTo(at(EVENT_START_S + 4))
    // 1000 W/s from 1500 W on 10 kW: 4500-5500 W 3-4 s in (chart points come every 0.5 s); 27 W/s would give ~1600 W.
    expect(exportLimitAt(at(EVENT_START_S + 4))).toBeGreaterThan(4000)
    await advanceTo(at(EVENT_START_S + 8))
    expect(exportLimitAt(at(EVENT_START_S + 8))).toBe(6000)
    expect(settingsGradients(s).at(-1)).toBe(1000)
  })
})
