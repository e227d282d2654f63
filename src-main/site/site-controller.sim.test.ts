/**
 * SITE-1 / SITE-2 against the device simulator over real Modbus TCP, on a FakeClock (in the spirit of CSIP-AUS
 * GEN-13): the export limit steps down and up while the household load steps, and the meter is then lost.
 * The household load step is the simulated battery charging at 3 kW: the controller does not manage it, so to the
 * controller it is load like any other.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { judgeCompliance, type Sample } from '../../src-shared/controls'
import type { ControllerState } from '../../src-shared/site-control'
import { setStorageRates } from '../devices/control'
import type { WriteOutcome } from './setpoint-writer'
import { startSimHarness, type SimHarness } from './testing/sim-harness'

const T0 = Date.UTC(2026, 0, 15, 2, 0) // noon in Queensland
const S = 1000
const RAMP_MS = 10 * S

/** The limit steps of the test, each ramped linearly over RAMP_MS as the controls engine would (handbook 11.3). */
const STEPS = [
  { atMs: T0, w: 5000 },
  { atMs: T0 + 30 * S, w: 1500 },
  { atMs: T0 + 130 * S, w: 4000 },
]

function expLimAt(nowMs: number): number {
  let value = STEPS[0]?.w ?? 0
  for (const step of STEPS.slice(1)) {
    if (nowMs <= step.atMs) break
    const from = value
    value = from + (step.w - from) * Math.min(1, (nowMs - step.atMs) / RAMP_MS)
  }
  return value
}

const LOAD_STEPS = { up1: T0 + 60 * S, down: T0 + 100 * S, up2: T0 + 170 * S }
const METER_LOST = T0 + 200 * S
const FAIL_SAFE_TIMEOUT_MS = 3000

/** The device simulator, device manager and site controller from T0, with the controller's states and writes. */
async function startRun(): Promise<{ clock: FakeClock; h: SimHarness; states: { atMs: number; state: ControllerState }[]; writes: WriteOutcome[] }> {
  const clock = new FakeClock(T0)
  const h = await startSimHarness({
    clock,
    scenario: { pvAvailability: 1, loadBaseW: 800, loadNoiseW: 40 },
    limits: (nowMs) => ({ expLimW: expLimAt(nowMs) }),
    controller: { settings: { failSafeTimeoutMs: FAIL_SAFE_TIMEOUT_MS } },
  })
  const states: { atMs: number; state: ControllerState }[] = []
  const writes: WriteOutcome[] = []
  h.controller.on('state', (state) => states.push({ atMs: clock.now(), state }))
  h.controller.on('write', (w) => writes.push(w))
  return { clock, h, states, writes }
}

describe('site controller against the device simulator (SITE-1, SITE-2)', { timeout: 60_000 }, () => {
  const harnesses: SimHarness[] = []
  const started = async (): Promise<Awaited<ReturnType<typeof startRun>>> => {
    const run = await startRun()
    harnesses.push(run.h)
    return run
  }
  afterAll(async () => {
    for (const h of harnesses) await h.close()
  })

  const setLoadStep = async (h: SimHarness, chargeW: number): Promise<void> => {
    if (h.battery.kind !== 'sunspec') throw new Error('battery scan')
    const target = { transport: h.transport, unitId: 3, models: h.battery.models }
    await setStorageRates(target, chargeW > 0 ? { chargePct: (chargeW / 5000) * 100, revertSeconds: 0 } : { revertSeconds: 0 })
  }

  it('holds export under the ramped limit through limit and load steps; prints the worst overshoot', async () => {
    const { h, writes, states } = await started()
    await h.run(LOAD_STEPS.up1 - T0)
    await setLoadStep(h, 3000)
    await h.run(LOAD_STEPS.down - LOAD_STEPS.up1)
    await setLoadStep(h, 0)
    await h.run(LOAD_STEPS.up2 - LOAD_STEPS.down)
    await setLoadStep(h, 3000)
    await h.run(METER_LOST - LOAD_STEPS.up2)

    const exportSamples: Sample[] = h.samples.filter((s) => s.site?.total.W !== undefined).map((s) => ({ t: s.at / S, w: -(s.site?.total.W ?? 0) }))
    const verdict = judgeCompliance({ samples: exportSamples, limitAt: (t) => expLimAt(t * S), tolerance: { toleranceW: 0, graceS: 0 } })
    const worst = verdict.violations.reduce((a, v) => (v.worstExcessW > (a?.worstExcessW ?? 0) ? v : a), verdict.violations[0])
    const longest = verdict.violations.reduce((a, v) => Math.max(a, v.durationS), 0)
    console.log(
      `[SITE-1] ${exportSamples.length} samples, ${verdict.violations.length} excursion(s) above the ramped export limit; ` +
        `worst ${worst ? `${Math.round(worst.worstExcessW)} W at t=${Math.round(worst.at - T0 / S)} s lasting ${worst.durationS.toFixed(1)} s` : 'none'}; ` +
        `longest ${longest.toFixed(1)} s`,
    )
    // The only real excursion is the household load dropping by 3 kW at once: it lasts as long as the slowest
    // inverter (200 W/s) takes to give up its share, never more than 10 s.
    const big = verdict.violations.filter((v) => v.worstExcessW > 150)
    for (const v of big) expect(Math.abs(v.start - LOAD_STEPS.down / S)).toBeLessThan(1)
    expect(longest).toBeLessThan(10)
    // Between the events the export sits just under the limit (the controller uses the headroom).
    const near = (fromMs: number, toMs: number) => exportSamples.filter((s) => s.t * S >= fromMs && s.t * S < toMs)
    for (const [from, to] of [[T0 + 50 * S, LOAD_STEPS.up1], [T0 + 90 * S, LOAD_STEPS.down], [T0 + 160 * S, LOAD_STEPS.up2], [T0 + 190 * S, METER_LOST]] as const) {
      const window = near(from, to)
      expect(window.length).toBeGreaterThan(20)
      for (const s of window) expect(s.w).toBeLessThanOrEqual(expLimAt(s.t * S) + 60)
      expect(Math.min(...window.map((s) => s.w))).toBeGreaterThan(expLimAt(to) - 400)
    }
    expect(writes.filter((w) => !w.ok)).toEqual([])
    expect(states.some((s) => s.state.kind === 'limited')).toBe(true)
  })

  it('meter loss -> fail-safe within the set time, inverters held to the fixed 1500 W export limit', async () => {
    const { h, writes, states } = await started()
    // The site runs normally first: the meter answers and the controller follows the 5 kW export limit.
    await h.run(20 * S)
    expect(h.samples.filter((s) => s.site).length).toBeGreaterThan(50)
    expect(states.some((s) => s.state.kind === 'fail-safe')).toBe(false)
    h.sim.setFault(4, { kind: 'timeout' })
    await h.run(FAIL_SAFE_TIMEOUT_MS + 2 * S)
    const entered = states.find((s) => s.state.kind === 'fail-safe')
    expect(entered?.state.kind === 'fail-safe' && entered.state.fault.kind).toBe('meter-silent')
    const lastMeter = Math.max(...h.samples.filter((s) => s.site).map((s) => s.at))
    const delay = (entered?.atMs ?? Infinity) - lastMeter
    console.log(`[SITE-2] meter lost: fail-safe ${delay} ms after the last meter sample (timeout ${FAIL_SAFE_TIMEOUT_MS} ms)`)
    expect(delay).toBeGreaterThan(FAIL_SAFE_TIMEOUT_MS)
    expect(delay).toBeLessThanOrEqual(FAIL_SAFE_TIMEOUT_MS + 1000)
    // The limits written since fail-safe share the fixed 1500 W export limit by rating (5 kW : 3 kW).
    const since = entered?.atMs ?? 0
    const lastLimit = (id: string) => writes.filter((w) => w.ok && w.kind === 'limit' && w.deviceId === id && w.atMs >= since).at(-1)?.value
    expect([lastLimit('inverter-1'), lastLimit('inverter-2')]).toEqual([18.7, 18.7])
    await h.run(4 * S)
    expect(h.sim.inverterOutputW(1)).toBeLessThanOrEqual(5000 * 0.187 + 1)
    h.sim.setFault(4, { kind: 'none' })
    await h.run(5 * S)
    expect(h.controller.state().kind).not.toBe('fail-safe')
  })
})
