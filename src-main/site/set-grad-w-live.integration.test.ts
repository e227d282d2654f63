/**
 * Issue 11 item 4 (handbook 11.3, cactus ALL-13 / ALL-28): the DefaultDERControl's setGradW is followed live. The
 * utility simulator starts with setGradW 27 (21.6 W/s on the 8 kW demo site); the server then moves it to 1000
 * (10 %/s, 800 W/s). After the next poll, the next transition (the 1.5 kW -> 6 kW export event at 400 s) ramps at the
 * new rate in `run --config`, and DERSettings is PUT again with setGradW 1000. Everything on one FakeClock.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { startDemoSimulators, type DemoSimulators } from './demo-run'
import { startHeadlessRun, type HeadlessRun } from './headless-run'
import { EVENT_START_S, SET_GRAD_W_SCENARIO, settingsGradients } from './testing/set-grad-w-scenario'

const T0 = Date.UTC(2026, 0, 15, 2, 0)
const STEP_MS = 1000
const WALL_GUARD_MS = 3000

describe('`run --config` follows a changed DefaultDERControl setGradW (ALL-28, ALL-13)', { timeout: 240_000 }, () => {
  const clock = new FakeClock(T0)
  const dir = mkdtempSync(join(tmpdir(), 'sep2-setgradw-'))
  let demo: DemoSimulators | undefined
  let run: HeadlessRun | undefined
  afterAll(async () => {
    await run?.stop()
    await demo?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the next transition ramps at the new setGradW and DERSettings reports it', async () => {
    const file = join(dir, 'scenario.json')
    writeFileSync(file, JSON.stringify(SET_GRAD_W_SCENARIO))
    demo = await startDemoSimulators({ clock, scenario: { pvAvailability: 1 }, utilityScenario: file })
    const started = await startHeadlessRun({ config: demo.config, clock, signal: new AbortController().signal, onStatus: () => undefined, log: () => undefined, random: () => 0 })
    if (!started.ok) throw new Error(started.error.message)
    run = started.value
    let samples = 0
    run.manager.on('sample', () => samples++)
    const sim = demo.utility
    const at = (s: number): number => sim.startMs + s * 1000
    const advanceTo = async (ms: number): Promise<void> => {
      while (clock.now() < ms) {
        const before = samples
        clock.advance(Math.min(STEP_MS, ms - clock.now()))
        const giveUp = Date.now() + WALL_GUARD_MS
        while (samples === before && Date.now() < giveUp) await new Promise<void>((resolve) => setImmediate(resolve))
      }
    }
    await advanceTo(at(20))
    expect(settingsGradients(sim).at(-1)).toBe(27)
    // The server's default moves to 10 %/s; the client sees it at its next poll (300 s, handbook table 2).
    const dflt = sim.scenario.programs[0]?.default
    if (!dflt) throw new Error('scenario without a default')
    dflt.setGradW = 1000
    await advanceTo(at(EVENT_START_S - 30))
    // The poll brought the new setGradW: a schedule change, so the ramps ahead are rebuilt with it at once.
    expect(run.limits.at(at(EVENT_START_S + 4)).expLimW).toBeCloseTo(1500 + 4 * 800, -1)
    await advanceTo(at(EVENT_START_S + 4))
    // 800 W/s from 1500 W: 4700 W after 4 s (21.6 W/s would give 1586 W).
    expect(run.limits.at(clock.now()).expLimW).toBeCloseTo(1500 + 4 * 800, -1)
    await advanceTo(at(EVENT_START_S + 10))
    expect(run.limits.at(clock.now()).expLimW).toBe(6000)
    expect(settingsGradients(sim).at(-1)).toBe(1000)
  })
})
