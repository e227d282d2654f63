import { describe, expect, it } from 'vitest'
import { formatHex, hexText, isBitSet, scaledNumber, toScaled } from './values'

describe('scaledNumber: value x 10^multiplier', () => {
  it.each([
    [15, 2, 1500], // handbook Annex D DefaultDERControl
    [3512, 0, 3512],
    [3, 4, 30000],
    [251, 1, 2510],
    [25, 2, 2500],
    [52.5, 3, 52500],
    [2.5, 3, 2500],
    [5, -1, 0.5],
    [-1500, 0, -1500],
    [1500, 0, 1500], // handbook 10.7 default control example
  ])('%d x 10^%d = %d', (value, multiplier, expected) => {
    expect(scaledNumber({ value, multiplier })).toBe(expected)
  })
})

describe('toScaled', () => {
  it.each([
    [1500, { multiplier: 0, value: 1500 }],
    [32767, { multiplier: 0, value: 32767 }],
    [50000, { multiplier: 1, value: 5000 }],
    [1_000_000, { multiplier: 2, value: 10000 }],
    [-40000, { multiplier: 1, value: -4000 }],
    [0.5, { multiplier: -1, value: 5 }],
    [0, { multiplier: 0, value: 0 }],
  ])('%d -> %o', (amount, expected) => {
    expect(toScaled(amount)).toEqual(expected)
    expect(scaledNumber(toScaled(amount))).toBeCloseTo(amount)
  })
})

describe('hex bitmaps', () => {
  it('formats to the schema width', () => {
    expect(formatHex(0x00500088, 4)).toBe('00500088')
    expect(formatHex(3, 1)).toBe('03')
    expect(formatHex(0x49, 2)).toBe('0049')
  })

  it('writes the raw text back only while it still means the value', () => {
    expect(hexText({ value: 15, raw: '0000000F' }, 1)).toBe('0000000F')
    expect(hexText({ value: 14, raw: '0000000F' }, 1)).toBe('0E')
    expect(hexText({ value: 3 }, 1)).toBe('03')
  })

  // handbook 10.3.2: opModEnergize (3), opModFixedW (7), opModMaxLimW (20), opModTargetW (22) -> 0x00500088.
  it.each([
    [3, true],
    [7, true],
    [20, true],
    [22, true],
    [0, false],
    [2, false],
    [21, false],
  ])('modesSupported 0x00500088 bit %i set: %s', (bit, set) => {
    expect(isBitSet({ value: 0x00500088 }, bit)).toBe(set)
  })

  // handbook 10.3.2: doeModesSupported 0x0F = ExpLim (0), ImpLim (1), GenLim (2), LoadLim (3).
  it.each([0, 1, 2, 3])('doeModesSupported 0x0F bit %i set', (bit) => {
    expect(isBitSet({ value: 0x0f }, bit)).toBe(true)
    expect(isBitSet({ value: 0x0f }, 4)).toBe(false)
  })
})
