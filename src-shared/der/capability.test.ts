import { describe, it, expect } from 'vitest'
import {
  DER_CONTROL_MODES,
  doeModesFromBitmap,
  doeModesSupportedBitmap,
  formatDoeModesSupported,
  formatModesSupported,
  modesFromBitmap,
  modesSupportedBitmap,
  siteDerType,
  DOE_MODES,
} from './capability'
import { DER_TYPES, derTypeLabel } from './der-types'
import { bitmapOf, formatHexBinary, parseHexBinary } from './hex-binary'

describe('modesSupported (handbook 10.3.2, IEEE 2030.5 DERControlType)', () => {
  it('handbook example: opModEnergize, opModFixedW, opModMaxLimW, opModTargetW -> 0x00500088 = 5243016', () => {
    const modes = ['opModEnergize', 'opModFixedW', 'opModMaxLimW', 'opModTargetW'] as const
    expect(modesSupportedBitmap(modes)).toBe(0x00500088)
    expect(modesSupportedBitmap(modes)).toBe(5_243_016)
    expect(modesSupportedBitmap(modes).toString(2)).toBe('10100000000000010001000') // bits 22, 20, 7 and 3 (the PDF's bit string drops a zero)
    expect(formatModesSupported(modes)).toBe('00500088')
  })

  it.each([
    ['charge', 0],
    ['discharge', 1],
    ['opModConnect', 2],
    ['opModEnergize', 3],
    ['opModFixedPFAbsorbW', 4],
    ['opModFixedPFInjectW', 5],
    ['opModFixedVar', 6],
    ['opModFixedW', 7],
    ['opModFreqDroop', 8],
    ['opModFreqWatt', 9],
    ['opModHFRTMayTrip', 10],
    ['opModHFRTMustTrip', 11],
    ['opModHVRTMayTrip', 12],
    ['opModHVRTMomentaryCessation', 13],
    ['opModHVRTMustTrip', 14],
    ['opModLFRTMayTrip', 15],
    ['opModLFRTMustTrip', 16],
    ['opModLVRTMayTrip', 17],
    ['opModLVRTMomentaryCessation', 18],
    ['opModLVRTMustTrip', 19],
    ['opModMaxLimW', 20],
    ['opModTargetVar', 21],
    ['opModTargetW', 22],
    ['opModVoltVar', 23],
    ['opModVoltWatt', 24],
    ['opModWattPF', 25],
    ['opModWattVar', 26],
  ] as const)('%s is bit %d', (mode, bit) => {
    expect(modesSupportedBitmap([mode])).toBe(2 ** bit)
  })

  it('round-trips and ignores duplicates and reserved bits', () => {
    expect(modesFromBitmap(0x00500088)).toEqual(['opModEnergize', 'opModFixedW', 'opModMaxLimW', 'opModTargetW'])
    expect(modesSupportedBitmap(['opModConnect', 'opModConnect'])).toBe(0x04)
    expect(modesFromBitmap(0x80000004)).toEqual(['opModConnect'])
    expect(modesFromBitmap(modesSupportedBitmap(DER_CONTROL_MODES))).toEqual([...DER_CONTROL_MODES])
  })
})

describe('csipaus:doeModesSupported (handbook 10.3.2)', () => {
  it.each([
    ['opModExpLimW', 0x01],
    ['opModImpLimW', 0x02],
    ['opModGenLimW', 0x04],
    ['opModLoadLimW', 0x08],
  ] as const)('%s -> %d', (mode, bits) => {
    expect(doeModesSupportedBitmap([mode])).toBe(bits)
  })

  it('all four -> 0x0F = 15, "0F" per the HexBinary8 schema, "0000000F" as the handbook prints it', () => {
    expect(doeModesSupportedBitmap(DOE_MODES)).toBe(15)
    expect(formatDoeModesSupported(DOE_MODES)).toBe('0F')
    expect(formatDoeModesSupported(DOE_MODES, 'handbook')).toBe('0000000F')
    expect(doeModesFromBitmap(0x0f)).toEqual([...DOE_MODES])
    expect(doeModesFromBitmap(0x03)).toEqual(['opModExpLimW', 'opModImpLimW'])
  })
})

describe('HexBinary formatting', () => {
  it('upper case, zero padded to the width, refuses what does not fit', () => {
    expect(formatHexBinary(0xab, 1)).toBe('AB')
    expect(formatHexBinary(0x00500088, 4)).toBe('00500088')
    expect(formatHexBinary(2 ** 32 - 1, 4)).toBe('FFFFFFFF')
    expect(() => formatHexBinary(0x100, 1)).toThrow(RangeError)
    expect(() => formatHexBinary(-1, 4)).toThrow(RangeError)
    expect(bitmapOf([31])).toBe(2 ** 31)
  })

  it('parses any case and width', () => {
    expect(parseHexBinary('00500088')).toBe(0x00500088)
    expect(parseHexBinary(' 0f ')).toBe(15)
    expect(parseHexBinary('xyz')).toBeUndefined()
  })
})

describe('DER type (handbook 10.3.2)', () => {
  it('lists every code of the handbook with its label', () => {
    expect(DER_TYPES.map((t) => `${t.code} ${t.label}`)).toEqual([
      '0 Not applicable / unknown',
      '1 Virtual or mixed DER',
      '2 Reciprocating engine',
      '3 Fuel cell',
      '4 Photovoltaic system',
      '5 Combined heat and power',
      '6 Other generation system',
      '80 Other storage system',
      '81 Electric vehicle',
      '82 EVSE',
      '83 Combined PV and storage',
    ])
    expect(derTypeLabel(82)).toBe('EVSE')
  })

  it('one type for the site: common type, PV + storage -> 83, other mixes -> 1', () => {
    expect(siteDerType([4, 4])).toBe(4)
    expect(siteDerType([4, 80])).toBe(83)
    expect(siteDerType([83, 4])).toBe(83)
    expect(siteDerType([4, 82])).toBe(1)
    expect(siteDerType([])).toBe(0)
  })
})
