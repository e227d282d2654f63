/**
 * SITE-1 import limit against the device simulator over Modbus TCP: at night the battery (SunSpec model 124, which
 * reports no power of its own) is the only controllable load; its charge rate keeps the site's import under the
 * limit as the limit steps down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { startSimHarness, type SimHarness } from './testing/sim-harness'

const T0 = Date.UTC(2026, 0, 15, 12, 0) // 22:00 in Queensland: no PV
const S = 1000
const impLimAt = (nowMs: number): number => (nowMs < T0 + 30 * S ? 2500 : 1500)

describe('site controller import limit with a battery (SITE-1)', { timeout: 60_000 }, () => {
  const clock = new FakeClock(T0)
  let h: SimHarness

  beforeAll(async () => {
    h = await startSimHarness({
      clock,
      scenario: { pvAvailability: 0, loadBaseW: 800, loadNoiseW: 20, batteryMode: 'charge-at-limit' },
      limits: (nowMs) => ({ impLimW: impLimAt(nowMs) }),
      controller: {},
      manageBattery: true,
    })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('charges the battery only up to what the import limit leaves, and cuts it when the limit steps down', async () => {
    await h.run(60 * S)
    const imports = h.samples.filter((s) => s.site?.total.W !== undefined).map((s) => ({ at: s.at, w: s.site?.total.W ?? 0 }))
    const over = imports.filter((s) => s.w > impLimAt(s.at) + 30)
    // Only the moment the limit steps (the next sample carries the cut) may be over it.
    expect(over.every((s) => s.at >= T0 + 30 * S && s.at <= T0 + 31 * S)).toBe(true)
    const settled = (from: number, to: number) => imports.filter((s) => s.at >= from && s.at < to).map((s) => s.w)
    const before = settled(T0 + 20 * S, T0 + 30 * S)
    const after = settled(T0 + 50 * S, T0 + 60 * S)
    console.log(`[SITE-1 import] ${over.length} sample(s) over; import ${Math.round(Math.min(...before))}..${Math.round(Math.max(...before))} W under 2500 W, ${Math.round(Math.min(...after))}..${Math.round(Math.max(...after))} W under 1500 W; battery ${Math.round(-h.sim.site().batteryW)} W`)
    expect(Math.min(...before)).toBeGreaterThan(2200) // the battery does use the room
    expect(Math.max(...after)).toBeLessThanOrEqual(1500)
    expect(-h.sim.site().batteryW).toBeGreaterThan(300)
  })
})
