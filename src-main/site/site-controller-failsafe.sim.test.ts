/**
 * SITE-2 timing and fault attribution (issue 15 item 7) against the device simulator over real Modbus TCP, on a
 * FakeClock that moves on with the wall time the bus I/O takes – so a silent device's 1.2 s timeouts cost clock time
 * and queue the other devices' reads behind them, as on a real shared bus. Fail-safe must come within the set time of
 * the silent source's last good reading, and name it: before the fix a silent inverter was reported as "meter silent"
 * (the meter's reading was stamped and delivered only when the slow round ended) and fail-safe came up to a second
 * late (a watchdog polled once a second).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import type { ControllerState } from '../../src-shared/site-control'
import type { DeviceSample } from '../devices/device-manager'
import { startSimHarness, type SimHarness } from './testing/sim-harness'

const T0 = Date.UTC(2026, 0, 15, 2, 0)
const FAIL_SAFE_MS = 3000
/**
 * The ratio of a real site (1 s timeout + 1 retry = 2 s per request to a silent device, against 5 s): long enough
 * that two rounds with a silent inverter outlast the fail-safe time, short enough that its failed read plus one
 * write already queued to it (3 x 1.2 s would not be) leave the meter's reads inside it.
 */
const MODBUS_TIMEOUT_MS = 1200
/** The deadline timer fires 1 ms after the set time (the fault is "longer than" it); a little for the decision. */
const SLACK_MS = 5

interface Run {
  h: SimHarness
  clock: FakeClock
  states: { atMs: number; state: ControllerState }[]
  readings: DeviceSample[]
}

let current: Run | undefined
afterEach(async () => {
  await current?.h.close()
  current = undefined
})

async function start(): Promise<Run> {
  const clock = new FakeClock(T0)
  const h = await startSimHarness({
    clock,
    scenario: { pvAvailability: 1, loadBaseW: 800, loadNoiseW: 0 },
    limits: () => ({ expLimW: 5000 }),
    controller: { settings: { failSafeTimeoutMs: FAIL_SAFE_MS } },
    modbusTimeoutMs: MODBUS_TIMEOUT_MS,
    ioCostsClockTime: true,
  })
  const run: Run = { h, clock, states: [], readings: [] }
  h.controller.on('state', (state) => run.states.push({ atMs: clock.now(), state }))
  h.manager.onReading((r) => run.readings.push(r))
  current = run
  await h.run(3000)
  expect(h.controller.state().kind).not.toBe('fail-safe')
  return run
}

function lastGood(run: Run, deviceId: string): number {
  return Math.max(...run.readings.filter((r) => r.deviceId === deviceId && r.ok).map((r) => r.atMs ?? -Infinity))
}

function enteredFailSafe(run: Run, sinceMs: number) {
  return run.states.find((s) => s.atMs >= sinceMs && s.state.kind === 'fail-safe')
}

describe('fail-safe timing and attribution on a shared bus (SITE-2, issue 15 item 7)', { timeout: 60_000 }, () => {
  it('meter silent -> fail-safe within the set time of its last good reading, "meter silent"', async () => {
    const run = await start()
    const faultAt = run.clock.now()
    run.h.sim.setFault(4, { kind: 'timeout' })
    await run.h.run(FAIL_SAFE_MS + 3000)
    const entered = enteredFailSafe(run, faultAt)
    expect(entered?.state.kind === 'fail-safe' && entered.state.fault.kind).toBe('meter-silent')
    const delay = (entered?.atMs ?? Infinity) - lastGood(run, 'site-meter-4')
    console.log(`[SITE-2] meter silent: fail-safe ${delay} ms after its last good reading (set ${FAIL_SAFE_MS} ms)`)
    expect(delay).toBeGreaterThan(FAIL_SAFE_MS)
    expect(delay).toBeLessThanOrEqual(FAIL_SAFE_MS + SLACK_MS)
  })

  it('inverter silent -> fail-safe within the set time of its last good reading, naming that inverter, not the meter', async () => {
    const run = await start()
    const faultAt = run.clock.now()
    run.h.sim.setFault(1, { kind: 'timeout' })
    await run.h.run(FAIL_SAFE_MS + 4000)
    const entered = enteredFailSafe(run, faultAt)
    expect(entered?.state.kind === 'fail-safe' && entered.state.fault).toMatchObject({ kind: 'device-silent', deviceId: 'inverter-1' })
    const delay = (entered?.atMs ?? Infinity) - lastGood(run, 'inverter-1')
    console.log(`[SITE-2] inverter silent: fail-safe ${delay} ms after its last good reading (set ${FAIL_SAFE_MS} ms)`)
    expect(delay).toBeGreaterThan(FAIL_SAFE_MS)
    expect(delay).toBeLessThanOrEqual(FAIL_SAFE_MS + SLACK_MS)
    // Never called the meter silent: it kept answering between the inverter's timeouts.
    expect(run.states.filter((s) => s.atMs >= faultAt && s.state.kind === 'fail-safe' && s.state.fault.kind === 'meter-silent')).toEqual([])
    // The inverter back -> out of fail-safe.
    run.h.sim.setFault(1, { kind: 'none' })
    await run.h.run(3000)
    expect(run.h.controller.state().kind).not.toBe('fail-safe')
  })
})
