import { describe, it, expect } from 'vitest'
import { applyMultiplier, maxLimWToW, setGradWToWattsPerSecond } from './units'

describe('applyMultiplier (ALL-24: values carry a power-of-ten multiplier)', () => {
  it.each([
    [1500, 0, 1500],
    [15, 2, 1500],
    [15, 3, 15000],
    [1, 6, 1_000_000],
    [15000, -1, 1500],
    [15, -1, 1.5],
    [1234, -2, 12.34],
    [5, -3, 0.005],
    [-42, 1, -420],
    [-15, -1, -1.5],
    [0, -5, 0],
  ])('%d x 10^%d = %d', (value, multiplier, expected) => {
    expect(applyMultiplier(value, multiplier)).toBe(expected)
  })

  it('rejects a multiplier outside PowerOfTenMultiplierType (-9..9): 99, -99 and 2^40 are not powers a utility means', () => {
    expect(() => applyMultiplier(1, 0.5)).toThrow(RangeError)
    expect(() => applyMultiplier(15, 99)).toThrow(RangeError)
    expect(() => applyMultiplier(15, -99)).toThrow(RangeError)
    expect(() => applyMultiplier(15, 2 ** 40)).toThrow(RangeError)
    expect(applyMultiplier(1, 9)).toBe(1e9)
    expect(applyMultiplier(1, -9)).toBe(1e-9)
  })
})

describe('maxLimWToW (CTL-1: opModMaxLimW in hundredths of a percent of setMaxW)', () => {
  it('10000 = 100 % of setMaxW', () => expect(maxLimWToW(10_000, 10_000)).toBe(10_000))
  it('5000 = 50 %', () => expect(maxLimWToW(5_000, 8_000)).toBe(4_000))
  it('more than 100 % is allowed (handbook FAQ)', () => expect(maxLimWToW(12_000, 5_000)).toBe(6_000))
})

describe('setGradWToWattsPerSecond (handbook 10.7/11.3)', () => {
  it('28 hundredths of a percent per second of 10 kW is 28 W/s', () => {
    expect(setGradWToWattsPerSecond(28, 10_000)).toBe(28)
  })
})
