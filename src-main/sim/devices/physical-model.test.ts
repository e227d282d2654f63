import { describe, expect, it } from 'vitest'
import { createPrng } from '../../../src-shared/prng'
import { householdLoad, pvAvailability, siteFlows, stepInverter } from './physical-model'

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
