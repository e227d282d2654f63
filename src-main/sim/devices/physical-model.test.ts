import { describe, expect, it } from 'vitest'
import { createPrng } from '../../../src-shared/prng'
import { batteryPowerW, householdLoad, isFull, pvAvailability, siteFlows, stepBatterySoc, stepInverter } from './physical-model'

const qld = (h: number, m = 0) => Date.UTC(2026, 0, 15, h - 10, m)

describe('simulated site physics', () => {
  it.each([
    [5, 0],
    [6, 0],
    [9, Math.sin(Math.PI / 4)],
    [12, 1],
    [15, Math.sin((3 * Math.PI) / 4)],
    [18, 0],
    [22, 0],
  ])('PV available at %i:00 Queensland time is %f of rating', (hour, fraction) => {
    expect(pvAvailability(qld(hour))).toBeCloseTo(fraction, 9)
  })

  it('an inverter moves toward min(available, limit) at its own ramp rate', () => {
    const inv = { ratedW: 5000, rampWps: 100, phases: ['A' as const], outputW: 4000 }
    expect(stepInverter(inv, { connected: true, limitW: 1000, availability: 1 }, 1000)).toBe(3900)
    expect(stepInverter(inv, { connected: true, limitW: undefined, availability: 1 }, 2000)).toBe(4200)
    expect(stepInverter(inv, { connected: true, limitW: 3990, availability: 1 }, 1000)).toBe(3990)
    expect(stepInverter(inv, { connected: true, limitW: undefined, availability: 0.5 }, 1000)).toBe(3900)
    expect(stepInverter({ ...inv, rampWps: 1e9 }, { connected: false, limitW: undefined, availability: 1 }, 100)).toBe(0)
  })

  it('the meter reads load - generation per phase: export is negative (handbook 10.8.2)', () => {
    const flows = siteFlows({ loadW: { A: 500, B: 300, C: 200 }, devices: [{ phases: ['A', 'B', 'C'], outputW: 3000 }, { phases: ['A'], outputW: 1000 }] })
    expect(flows).toEqual({ A: 500 - 1000 - 1000, B: 300 - 1000, C: 200 - 1000 })
  })

  it('household load noise is repeatable from the seed', () => {
    const a = householdLoad(1000, 200, createPrng(7))
    const b = householdLoad(1000, 200, createPrng(7))
    const c = householdLoad(1000, 200, createPrng(8))
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    expect(a.A).toBeGreaterThanOrEqual(300)
    expect(a.A).toBeLessThanOrEqual(700)
  })
})

describe('simulated battery (model 124 limits)', () => {
  const bat = { ratedW: 5000, capacityWh: 10_000, socPct: 50, reservePct: 10 }
  it('a self-consumption battery charges from surplus up to its limit, or its rating when none is enabled', () => {
    expect(batteryPowerW(bat, { mode: 'self-consumption', chargeLimitW: 1000, dischargeLimitW: undefined, surplusW: 3000 })).toBe(-1000)
    expect(batteryPowerW(bat, { mode: 'self-consumption', chargeLimitW: undefined, dischargeLimitW: undefined, surplusW: 3000 })).toBe(-3000)
    expect(batteryPowerW(bat, { mode: 'self-consumption', chargeLimitW: undefined, dischargeLimitW: undefined, surplusW: -400 })).toBe(400)
  })

  it('a charge-at-limit battery charges at the rate written, and idles without one', () => {
    expect(batteryPowerW(bat, { mode: 'charge-at-limit', chargeLimitW: 2000, dischargeLimitW: undefined, surplusW: -800 })).toBe(-2000)
    expect(batteryPowerW(bat, { mode: 'charge-at-limit', chargeLimitW: undefined, dischargeLimitW: undefined, surplusW: 3000 })).toBe(0)
  })

  it('a full battery takes nothing until it has given back a percent; one at its reserve gives nothing', () => {
    const cmd = { mode: 'self-consumption' as const, chargeLimitW: undefined, dischargeLimitW: undefined, surplusW: 3000 }
    expect(batteryPowerW({ ...bat, socPct: 100 }, cmd)).toBe(0)
    expect(isFull({ ...bat, socPct: 99.5, full: true })).toBe(true)
    expect(isFull({ ...bat, socPct: 98.9, full: true })).toBe(false)
    expect(batteryPowerW({ ...bat, socPct: 99.5, full: true }, cmd)).toBe(0)
    expect(batteryPowerW({ ...bat, socPct: 10 }, { ...cmd, surplusW: -500 })).toBe(0)
  })

  it('the state of charge follows the energy in and out', () => {
    // 5 kW for 36 s into 10 kWh: 50 Wh = 0.5 %.
    expect(stepBatterySoc(bat, -5000, 36_000)).toBeCloseTo(50.5, 9)
    expect(stepBatterySoc({ ...bat, socPct: 99.9 }, -5000, 3_600_000)).toBe(100)
  })
})
