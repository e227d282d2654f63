import { describe, expect, it } from 'vitest'
import { correctiveWriteDelays, curtailedBeyondNeed, overshoot, setpointReversals, settleTimeMs } from './metrics'

/** Times 0, 1000, 2000, ... ms. */
const seconds = (n: number): number[] => Array.from({ length: n }, (_, k) => k * 1000)

describe('overshoot above the ramped envelope', () => {
  it('finds the worst excess, the longest stretch beyond the tolerance and the energy above the envelope', () => {
    const tMs = seconds(8)
    const valueW = [900, 1100, 1300, 1250, 900, 1150, 900, 900]
    const limitW = new Array<number>(8).fill(1000)
    const stats = overshoot({ tMs, valueW }, limitW, { toleranceW: 100, graceMs: 1500 })
    expect(stats.worstW).toBe(300)
    expect(stats.worstAtMs).toBe(2000)
    // 1300 and 1250 are beyond 1000 + 100 (2 s); 1100 is not; 1150 is (1 s).
    expect(stats.longestMs).toBe(2000)
    expect(stats.excursions).toBe(2)
    expect(stats.beyondGrace).toBe(1)
    // (100 + 300 + 250 + 150) W for 1 s each = 800 Ws.
    expect(stats.energyWh).toBeCloseTo(800 / 3600, 9)
  })

  it('no limit (Infinity) never overshoots', () => {
    const stats = overshoot({ tMs: seconds(3), valueW: [5000, 6000, 7000] }, [Infinity, Infinity, Infinity], { toleranceW: 0, graceMs: 0 })
    expect(stats).toMatchObject({ worstW: 0, energyWh: 0, excursions: 0 })
  })

  it('an excursion still open at the end counts to the end of the last sample', () => {
    const stats = overshoot({ tMs: seconds(3), valueW: [0, 2000, 2000] }, [1000, 1000, 1000], { toleranceW: 0, graceMs: 0 })
    expect(stats.longestMs).toBe(2000)
    expect(stats.beyondGrace).toBe(1)
  })
})

describe('energy curtailed beyond need', () => {
  it('counts only where the oracle made more than the site, as % of the oracle and of the available energy', () => {
    const stats = curtailedBeyondNeed({ tMs: seconds(4), actualW: [1000, 900, 1200, 1000], oracleW: [1000, 1000, 1000, 1000], availableW: [2000, 2000, 2000, 2000] })
    expect(stats.beyondNeedWh).toBeCloseTo(100 / 3600, 9)
    expect(stats.pctOfOracle).toBeCloseTo(2.5, 9)
    expect(stats.pctOfAvailable).toBeCloseTo(1.25, 9)
  })

  it('is 0 % when nothing was available', () => {
    expect(curtailedBeyondNeed({ tMs: seconds(2), actualW: [0, 0], oracleW: [0, 0], availableW: [0, 0] })).toMatchObject({ pctOfOracle: 0, pctOfAvailable: 0 })
  })
})

describe('setpoint reversals', () => {
  it('counts direction changes beyond the hysteresis, not jitter under it', () => {
    const tMs = seconds(9)
    // up, up, down (reversal), down, up (reversal), with 20 W jitter that does not count
    const valueW = [1000, 1500, 2000, 1980, 1500, 1000, 1020, 1500, 2000]
    const stats = setpointReversals({ tMs, valueW }, { hysteresisW: 100 })
    expect(stats.reversals).toBe(2)
    expect(stats.perMinute).toBeCloseTo(2 / (8 / 60), 9)
  })

  it('a limit cycle shows as a reversal every half period', () => {
    const tMs = Array.from({ length: 300 }, (_, k) => k * 200)
    const valueW = tMs.map((t) => (Math.floor(t / 1500) % 2 === 0 ? 0 : 1000))
    expect(setpointReversals({ tMs, valueW }, { hysteresisW: 100 }).perMinute).toBeGreaterThan(30)
  })

  it('only the window counts', () => {
    const valueW = [0, 1000, 0, 1000, 1000, 1000, 1000]
    expect(setpointReversals({ tMs: seconds(7), valueW }, { hysteresisW: 100, fromMs: 3000 }).reversals).toBe(0)
  })
})

describe('settle time', () => {
  it('is the time from the step until the value stays within the band', () => {
    const tMs = seconds(8)
    const valueW = [0, 500, 900, 1100, 980, 1010, 1000, 990]
    const target = new Array<number>(8).fill(1000)
    // 900 is out (band 50), 1100 is out, from 980 (4 s) it stays in.
    expect(settleTimeMs({ tMs, valueW }, target, { fromMs: 1000, bandW: 50 })).toBe(3000)
  })

  it('is undefined when the value never settles', () => {
    expect(settleTimeMs({ tMs: seconds(3), valueW: [0, 0, 0] }, [1000, 1000, 1000], { fromMs: 0, bandW: 50 })).toBeUndefined()
  })
})

describe('time from exceedance to the first corrective write (P4)', () => {
  it('measures each long-enough exceedance to the first write at or after its start', () => {
    const tMs = Array.from({ length: 10 }, (_, k) => k * 100)
    const valueW = [0, 2000, 2000, 2000, 0, 0, 2000, 0, 2000, 2000]
    const limitW = new Array<number>(10).fill(1000)
    const stats = correctiveWriteDelays({ tMs, valueW }, limitW, [50, 300, 950], { toleranceW: 100, minDurationMs: 200 })
    // 100..400: write at 300 (200 ms); 600..700 is too short; 800..end: write at 950 (150 ms).
    expect(stats.exceedances).toBe(2)
    expect(stats.worstDelayMs).toBe(200)
    expect(stats.withoutWrite).toBe(0)
  })

  it('an exceedance that ends without a write is counted as such', () => {
    const stats = correctiveWriteDelays({ tMs: seconds(4), valueW: [0, 2000, 2000, 0] }, [0, 0, 0, 0], [], { toleranceW: 100, minDurationMs: 0 })
    expect(stats).toMatchObject({ exceedances: 1, withoutWrite: 1, worstDelayMs: undefined })
  })
})
