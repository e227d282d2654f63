import { describe, it, expect } from 'vitest'
import { nmiChecksum, validateNmi } from './nmi'

// The worked examples in AEMO's NMI Procedure (checksum appendix), row by row. Each was checked against the
// procedure's table as quoted by several independent implementations. (6305000000 is not one of the published
// examples; the algorithm gives 8 for it, so it is not listed here.)
const AEMO_EXAMPLES: [string, number][] = [
  ['2001985732', 8], ['QAAAVZZZZZ', 3], ['2001985733', 6], ['QCDWW00010', 2], ['3075621875', 8], ['SMVEW00085', 8],
  ['3075621876', 6], ['VAAA000065', 7], ['4316854005', 9], ['VAAA000066', 5], ['4316854006', 7], ['VAAA000067', 2],
  ['6305888444', 6], ['VAAASTY576', 8], ['6350888444', 2], ['VCCCX00009', 1], ['7001888333', 8], ['VEEEX00009', 1],
  ['7102000001', 7], ['VKTS786150', 2], ['NAAAMYS582', 6], ['VKTS867150', 5], ['NBBBX11110', 0], ['VKTS871650', 7],
  ['NBBBX11111', 8], ['VKTS876105', 7], ['NCCC519495', 5], ['VKTS876150', 3], ['NGGG000055', 4], ['VKTS876510', 8],
]

describe('nmiChecksum (ID-4, AEMO examples)', () => {
  it.each(AEMO_EXAMPLES)('%s -> %i', (nmi, checksum) => {
    expect(nmiChecksum(nmi)).toBe(checksum)
  })

  it('doubles starting from the rightmost character', () => {
    // '0000000001': rightmost '1' (49) doubled = 98 -> 17; the other nine alternate 48 (->12) and 96 (->15).
    // 17 + 4*15 + 5*12 = 137 -> checksum 3. Doubling from the left instead would give a different digit.
    expect(nmiChecksum('0000000001')).toBe(3)
  })
})

describe('validateNmi (ID-4)', () => {
  it.each(AEMO_EXAMPLES)('accepts %s with its checksum %i as the 11th character', (nmi, checksum) => {
    expect(validateNmi(`${nmi}${checksum}`)).toEqual({ valid: true, normalised: nmi, expectedChecksum: checksum, givenChecksum: String(checksum) })
  })

  it('accepts 10 characters without a checksum and reports the expected one', () => {
    expect(validateNmi('QAAAVZZZZZ')).toEqual({ valid: true, normalised: 'QAAAVZZZZZ', expectedChecksum: 3 })
  })

  it('normalises lower case and surrounding spaces', () => {
    const result = validateNmi('  qcdww000102 ')
    expect(result.valid).toBe(true)
    expect(result.normalised).toBe('QCDWW00010')
  })

  it('rejects a wrong checksum and names the expected digit', () => {
    const result = validateNmi('20019857329')
    expect(result.valid).toBe(false)
    expect(result.error?.code).toBe('NMI_CHECKSUM')
    expect(result.expectedChecksum).toBe(8)
    expect(result.givenChecksum).toBe('9')
    expect(result.error?.message).toContain('is 8, not 9')
  })

  it('rejects a letter as the checksum character', () => {
    expect(validateNmi('2001985732A').error?.code).toBe('NMI_CHECKSUM')
  })

  it.each(['QAAAIZZZZZ', 'QAAAOZZZZZ'])('rejects the letters I and O (%s)', (nmi) => {
    const result = validateNmi(nmi)
    expect(result.valid).toBe(false)
    expect(result.error?.code).toBe('NMI_CHARACTERS')
    expect(result.error?.message).toMatch(/I or O/)
  })

  it.each([['9 characters', '200198573', 9], ['12 characters', '200198573281', 12]])('rejects %s', (_label, nmi, length) => {
    const result = validateNmi(nmi)
    expect(result.error?.code).toBe('NMI_LENGTH')
    expect(result.error?.message).toContain(`has ${length}`)
  })

  it.each(['2001-85732', '2001985 32', 'QAAAVZZZZ!'])('rejects symbols (%s)', (nmi) => {
    const result = validateNmi(nmi)
    expect(result.valid).toBe(false)
    expect(result.error?.code).toBe('NMI_CHARACTERS')
  })

  it('rejects an empty entry', () => {
    expect(validateNmi('   ').error?.code).toBe('NMI_EMPTY')
  })
})
