import { describe, it, expect } from 'vitest'
import {
  INT16_MAX,
  INT16_MIN,
  fitsInt16,
  multiplierForRange,
  scaleQuantity,
  scaleToInt16,
  scaleWithMultiplier,
  unscale,
} from './int16-scaling'

const scaled = (x: number, minMultiplier?: number) => {
  const result = scaleToInt16(x, minMultiplier === undefined ? {} : { minMultiplier })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('Int16 reading values with powerOfTenMultiplier (FAQ, TEL-3)', () => {
  it.each([
    [1500, 1500, 0],
    [48_000, 4800, 1],
    [32_767, 32_767, 0],
    [32_768, 3277, 1], // 3276.8 rounds half away from zero
    [-32_768, -32_768, 0],
    [-32_769, -3277, 1],
    [-40_000, -4000, 1],
    [0, 0, 0],
    [1_234_567, 12_346, 2],
    [52_500, 5250, 1], // Annex D rtgMaxVA 52.5 kVA
  ])('W %d -> %d x 10^%d', (x, value, multiplier) => {
    expect(scaled(x)).toEqual({ value, multiplier })
    expect(fitsInt16(value)).toBe(true)
  })

  it('the limits are exactly -32768..32767', () => {
    expect(INT16_MIN).toBe(-32_768)
    expect(INT16_MAX).toBe(32_767)
    expect(scaled(32_767.4)).toEqual({ value: 32_767, multiplier: 0 })
    expect(scaled(32_767.5)).toEqual({ value: 3277, multiplier: 1 })
    expect(scaled(-32_768.4)).toEqual({ value: -32_768, multiplier: 0 })
    expect(scaled(-32_768.5)).toEqual({ value: -3277, multiplier: 1 })
  })

  it('rounds half away from zero and never produces -0', () => {
    expect(scaled(2.5)).toEqual({ value: 3, multiplier: 0 })
    expect(scaled(-2.5)).toEqual({ value: -3, multiplier: 0 })
    expect(Object.is(scaled(-0.3).value, 0)).toBe(true)
  })

  it('negative multipliers only when allowed: 0.5 -> 5 x 10^-1', () => {
    expect(scaled(0.5)).toEqual({ value: 1, multiplier: 0 })
    expect(scaled(0.5, -1)).toEqual({ value: 5, multiplier: -1 })
  })

  it('per quantity: V keeps one decimal, Hz two, W and var none', () => {
    expect(scaleQuantity('v', 240.1)).toEqual({ ok: true, value: { value: 2401, multiplier: -1 } })
    expect(scaleQuantity('v', 240.14)).toEqual({ ok: true, value: { value: 2401, multiplier: -1 } })
    expect(scaleQuantity('hz', 50.01)).toEqual({ ok: true, value: { value: 5001, multiplier: -2 } })
    expect(scaleQuantity('hz', 49.985)).toEqual({ ok: true, value: { value: 4999, multiplier: -2 } })
    expect(scaleQuantity('w', 1500.4)).toEqual({ ok: true, value: { value: 1500, multiplier: 0 } })
    expect(scaleQuantity('var', -45_000)).toEqual({ ok: true, value: { value: -4500, multiplier: 1 } })
    expect(scaleQuantity('var', 30_000)).toEqual({ ok: true, value: { value: 30_000, multiplier: 0 } })
    // A voltage beyond 3276.7 V still fits, one digit coarser.
    expect(scaleQuantity('v', 11_000)).toEqual({ ok: true, value: { value: 11_000, multiplier: 0 } })
  })

  it('fails cleanly on values that cannot be sent', () => {
    expect(scaleToInt16(Number.NaN)).toMatchObject({ ok: false, error: { code: 'TELEMETRY_NOT_FINITE' } })
    expect(scaleToInt16(Number.POSITIVE_INFINITY).ok).toBe(false)
    expect(scaleToInt16(1e20)).toMatchObject({ ok: false, error: { code: 'TELEMETRY_OUT_OF_RANGE' } })
  })

  it('a fixed multiplier is kept when the value fits and refused when it does not', () => {
    expect(scaleWithMultiplier(48_000, 3)).toEqual({ ok: true, value: { value: 48, multiplier: 3 } })
    expect(scaleWithMultiplier(1500, 1)).toEqual({ ok: true, value: { value: 150, multiplier: 1 } })
    expect(scaleWithMultiplier(40_000, 0)).toMatchObject({ ok: false, error: { code: 'TELEMETRY_OUT_OF_RANGE' } })
    expect(() => scaleWithMultiplier(1, 12)).toThrow(RangeError)
  })

  it('multiplierForRange picks one stable multiplier for a rating', () => {
    expect(multiplierForRange(30_000)).toBe(0)
    expect(multiplierForRange(63_000)).toBe(1)
    expect(multiplierForRange(-400_000)).toBe(2)
    expect(multiplierForRange(250, { minMultiplier: -1 })).toBe(-1)
    // Every value in the range then fits at that multiplier, both signs.
    for (const x of [-63_000, -1, 0, 63_000]) expect(scaleWithMultiplier(x, multiplierForRange(63_000)).ok).toBe(true)
  })

  it('unscale gives back the real value', () => {
    expect(unscale({ value: 2401, multiplier: -1 })).toBeCloseTo(240.1, 9)
    expect(unscale({ value: 4800, multiplier: 1 })).toBe(48_000)
  })
})
