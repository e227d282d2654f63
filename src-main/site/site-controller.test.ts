import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import type { ControllerState } from '../../src-shared/site-control'
import type { ControlResult, ControlTarget, PowerLimitRequest } from '../devices/control'
import { WriteMismatchError } from '../devices/control-errors'
import type { SiteSample } from '../devices/device-manager'
import type { ModbusTransport } from '../modbus/transport'
import { constantLimits, type DeviceControls } from './ports'
import { WRITE_RETRY_MS, type WriteOutcome } from './setpoint-writer'
import { failSafeAll } from './process-fault'
import { createSiteController, PROCESS_FAULT_HOLD_MS } from './site-controller'

const T0 = Date.UTC(2026, 0, 15, 2, 0)
const target = (unitId: number): ControlTarget => ({ transport: {} as ModbusTransport, unitId, models: [] })
const RESULT = { model: 123, wrote: [], readBack: {} } as unknown as ControlResult

class FakeSamples {
  private fns: ((s: SiteSample) => void)[] = []
  on(_name: 'sample', fn: (s: SiteSample) => void): () => void {
    this.fns.push(fn)
    return () => undefined
  }
  pushRaw(sample: SiteSample): void {
    for (const fn of this.fns) fn(sample)
  }
  push(atMs: number, siteW: number, outputs: [number, number]): void {
    const sample = {
      seq: 0,
      at: atMs,
      mono: 0,
      roundMs: 0,
      periodMs: 200,
      site: { phases: { A: { W: siteW }, B: {}, C: {} }, total: { W: siteW } },
      der: { W: outputs[0] + outputs[1], var: 0, VA: 0, V: 240, Hz: 50, energyWh: 0, reporting: 2, live: 2 },
      devices: outputs.map((w, k) => ({ deviceId: `inv-${k + 1}`, role: 'inverter', ok: true, der: { W: w }, meter: undefined })),
      gap: undefined,
    } as unknown as SiteSample
    for (const fn of this.fns) fn(sample)
  }
}

function setup(options: { failFirst?: number } = {}) {
  const clock = new FakeClock(T0)
  const samples = new FakeSamples()
  const calls: { unitId: number; req: PowerLimitRequest }[] = []
  let failures = options.failFirst ?? 0
  const controls: DeviceControls = {
    setActivePowerLimit: async (t, req) => {
      calls.push({ unitId: t.unitId, req })
      if (failures-- > 0) throw new WriteMismatchError('123.WMaxLimPct', 300, 1000)
      return RESULT
    },
    setConnected: async () => RESULT,
    setStorageRates: async () => RESULT,
  }
  const controller = createSiteController({
    clock,
    samples,
    inverters: [
      { id: 'inv-1', ratedW: 5000, target: target(1) },
      { id: 'inv-2', ratedW: 3000, target: target(2) },
    ],
    limits: constantLimits({ expLimW: 1500 }),
    fixed: { expLimW: 1000 },
    controls,
    revertSeconds: 60,
    settings: { failSafeTimeoutMs: 3000 },
  })
  const writes: WriteOutcome[] = []
  const states: ControllerState[] = []
  controller.on('write', (w) => writes.push(w))
  controller.on('state', (s) => states.push(s))
  controller.start()
  return { clock, samples, controller, calls, writes, states }
}

describe('site controller service', () => {
  it('writes each inverter its share once, and again only when it changes or the revert timer needs refreshing', async () => {
    const { clock, samples, controller, calls } = setup()
    samples.push(T0, -5000, [4000, 2000]) // -5000 + 6000 + 1500 - 100 = 2400 W -> 30 %
    await controller.idle()
    expect(calls.map((c) => [c.unitId, c.req.percent, c.req.revertSeconds])).toEqual([[1, 30, 60], [2, 30, 60]])
    clock.advance(200)
    samples.push(clock.now(), -1400, [1500, 900]) // same load: -1400 + 2400 + 1500 - 100 = 2400 W again
    await controller.idle()
    expect(calls).toHaveLength(2)
    clock.advance(30_000)
    samples.push(clock.now(), -1400, [1500, 900])
    await controller.idle()
    expect(calls).toHaveLength(4) // refreshed at half the 60 s revert time
  })

  it('reports a refused write with its code and retries it only after a pause', async () => {
    const { clock, samples, controller, calls, writes } = setup({ failFirst: 1 })
    samples.push(T0, -5000, [4000, 2000])
    await controller.idle()
    expect(writes[0]).toMatchObject({ deviceId: 'inv-1', kind: 'limit', ok: false, error: { code: 'DEVICE_WRITE_MISMATCH' } })
    clock.advance(200)
    samples.push(clock.now(), -5000, [4000, 2000])
    await controller.idle()
    expect(calls.filter((c) => c.unitId === 1)).toHaveLength(1)
    clock.advance(WRITE_RETRY_MS)
    samples.push(clock.now(), -5000, [4000, 2000])
    await controller.idle()
    expect(calls.filter((c) => c.unitId === 1)).toHaveLength(2)
    expect(writes.filter((w) => w.deviceId === 'inv-1').at(-1)).toMatchObject({ ok: true, value: 30 })
  })

  it('goes to fail-safe on its deadline timer when samples stop altogether (SITE-2)', async () => {
    const { clock, samples, controller, states, calls } = setup()
    samples.push(T0, -5000, [4000, 2000])
    await controller.idle()
    clock.advance(3000)
    expect(controller.state().kind).not.toBe('fail-safe')
    // On the deadline itself (3000 ms after the last good sample, +1 ms), not at the next watchdog tick.
    clock.advance(1)
    await controller.idle()
    expect(states.at(-1)).toMatchObject({ kind: 'fail-safe', fault: { kind: 'meter-silent', silentForMs: 3001 } })
    // Fixed 1000 W export shared 5:3 -> 12.5 % each.
    expect(calls.slice(-2).map((c) => c.req.percent)).toEqual([12.5, 12.5])
  })

  it('a process fault (REL-3) holds the fixed limits for the hold time, then control resumes; a stopped one is not reached', async () => {
    const { clock, samples, controller, states } = setup()
    samples.push(T0, -5000, [4000, 2000])
    await controller.idle()
    expect(failSafeAll({ code: 'ERR_TEST', message: 'boom' })).toBeGreaterThanOrEqual(1)
    expect(states.at(-1)).toMatchObject({ kind: 'fail-safe', fault: { kind: 'process-fault', code: 'ERR_TEST' } })
    for (let t = 0; t < PROCESS_FAULT_HOLD_MS; t += 1000) {
      clock.advance(1000)
      samples.push(clock.now(), -5000, [4000, 2000])
    }
    await controller.idle()
    expect(controller.state().kind).not.toBe('fail-safe')
    controller.stop()
    const before = states.length
    failSafeAll({ code: 'ERR_TEST', message: 'again' })
    expect(states).toHaveLength(before)
  })

  it('does not write to a device whose last read failed (its write would only hold the shared bus)', async () => {
    const { clock, samples, controller, calls } = setup()
    samples.push(T0, -5000, [4000, 2000])
    await controller.idle()
    const sample = { seq: 1, at: T0 + 200, mono: 200, roundMs: 0, periodMs: 200, site: { phases: { A: { W: -2000 }, B: {}, C: {} }, total: { W: -2000 } },
      der: { W: 2000 }, gap: undefined,
      devices: [{ deviceId: 'inv-1', role: 'inverter', ok: false, error: { code: 'MODBUS_TIMEOUT', message: 'x' } }, { deviceId: 'inv-2', role: 'inverter', ok: true, der: { W: 2000 }, meter: undefined }] }
    clock.advance(200)
    samples.pushRaw(sample as unknown as SiteSample)
    await controller.idle()
    expect(calls.slice(2).map((c) => c.unitId)).toEqual([2])
  })
})
