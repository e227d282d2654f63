import { describe, it, expect } from 'vitest'
import { createMrid, usagePointMrid, validateMrid } from './mrid'

const ANNEX_D_LFDI = '4075DE6031E562ACF4D9EAA765A5B2ED00057269'

describe('usagePointMrid (ID-6, handbook 10.8.3)', () => {
  it.each([
    // Handbook Annex D MirrorUsagePoints of the device with the LFDI above.
    [ANNEX_D_LFDI, 'der', '4075DE6031E562ACF4D9EA4900057269'],
    [ANNEX_D_LFDI, 'site', '4075DE6031E562ACF4D9EA0300057269'],
    // Handbook 10.8.3 example (site role flags 03, DER role flags 49).
    ['01E0F2357FF85E4B7EE6C60ED43B22DF278F17E0', 'site', '01E0F2357FF85E4B7EE6C60300057269'],
    ['01E0F2357FF85E4B7EE6C60ED43B22DF278F17E0', 'der', '01E0F2357FF85E4B7EE6C64900057269'],
  ] as const)('%s as %s -> %s', (lfdi, role, mrid) => {
    expect(usagePointMrid({ lfdi, role, pen: 57269 })).toBe(mrid)
  })

  it('accepts numeric role flags', () => {
    expect(usagePointMrid({ lfdi: ANNEX_D_LFDI, role: 0x0b, pen: 57269 })).toBe('4075DE6031E562ACF4D9EA0B00057269')
  })
})

describe('createMrid (ID-6)', () => {
  it('is 24 hex digits of the random draw followed by the PEN', () => {
    const random = Uint8Array.from([0x33, 0xb7, 0x10, 0xb2, 0xe8, 0xc2, 0x42, 0x49, 0x97, 0xf8, 0xea, 0x1e, 0xff, 0xff])
    // handbook Annex D reading mRID 33B710B2E8C2424997F8EA1E00057269
    expect(createMrid({ randomBytes: random, pen: 57269 })).toBe('33B710B2E8C2424997F8EA1E00057269')
  })

  it('refuses too few random bytes', () => {
    expect(() => createMrid({ randomBytes: new Uint8Array(11), pen: 57269 })).toThrow(RangeError)
  })

  it('creates valid mRIDs', () => {
    const mrid = createMrid({ randomBytes: new Uint8Array(12).fill(0xab), pen: 1 })
    expect(validateMrid(mrid, { pen: 1 })).toEqual({ valid: true, reasons: [] })
  })
})

describe('validateMrid (ID-6, handbook FAQ)', () => {
  it('accepts a handbook usage point mRID', () => {
    expect(validateMrid('4075DE6031E562ACF4D9EA4900057269', { pen: 57269 }).valid).toBe(true)
  })

  it.each([
    ['33b710b2e8c2424997f8ea1e00057269', /upper case/],
    ['33B710B2E8C2424997F8EA1E0005726', /even number/],
    ['ABCDEF0123456789', /32 characters/],
    ['33B710B2E8C2424997F8EA1EXX057269', /hexadecimal/],
    ['33B710B2E8C2424997F8EA1E00012345', /00057269/],
  ])('rejects %s', (mrid, reason) => {
    const result = validateMrid(mrid, { pen: 57269 })
    expect(result.valid).toBe(false)
    expect(result.reasons.join('; ')).toMatch(reason)
  })

  it('without a PEN, still requires 8 trailing digits', () => {
    expect(validateMrid('33B710B2E8C2424997F8EA1E0005726A').reasons.join()).toMatch(/8 decimal digits/)
  })
})
