import { createHash } from 'node:crypto'
import { describe, it, expect } from 'vitest'
import { formatLfdi, formatSfdi, lfdiFromDigest, normaliseLfdi, sfdiFromLfdi, virtualLfdiFromDigest, withSumCheckDigit } from './lfdi'
import { checkPen, formatPen } from './pen'

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

// Handbook Annex D: every lFDI / sFDI pair of the example EndDeviceList responses.
const ANNEX_D_PAIRS: [string, string][] = [
  ['4075DE6031E562ACF4D9EAA765A5B2ED00057269', '173034634270'],
  ['4AECA0BBB7FE3A29920E6B0643348B2200057269', '201123460434'],
  ['B1857F74B5DA25E82E78BE34877221CB89D55F45', '476530583793'],
  ['7264E5CDFBF2C3E145B2489C464459A300057269', '307074408638'],
  ['C1862AD7780DAF866A837405E15C974600057269', '519487276713'],
]

describe('sfdiFromLfdi (ID-2, handbook Annex D)', () => {
  it.each(ANNEX_D_PAIRS)('%s -> %s', (lfdi, sfdi) => {
    expect(sfdiFromLfdi(lfdi)).toBe(sfdi)
  })

  it('accepts lower case and grouped input', () => {
    expect(sfdiFromLfdi('4075-de60-31e5-62ac-f4d9-eaa7-65a5-b2ed-0005-7269')).toBe('173034634270')
  })

  it('rejects something that is not an LFDI', () => {
    expect(() => sfdiFromLfdi('4075DE60')).toThrow(RangeError)
  })
})

describe('lfdiFromDigest (ID-2)', () => {
  it('takes the first 40 hex digits in upper case, from hex or bytes', () => {
    const digest = createHash('sha256').update('certificate').digest()
    const expected = digest.toString('hex').slice(0, 40).toUpperCase()
    expect(lfdiFromDigest(digest.toString('hex'))).toBe(expected)
    expect(lfdiFromDigest(new Uint8Array(digest))).toBe(expected)
  })

  it('rejects a digest that is not SHA-256 sized', () => {
    expect(() => lfdiFromDigest('ABCD')).toThrow(RangeError)
  })
})

describe('virtualLfdiFromDigest (ID-3, handbook 9.1.2)', () => {
  it('NMI0001234 with PEN 57269 gives the handbook example', () => {
    expect(virtualLfdiFromDigest(sha256('NMI0001234'), 57269)).toBe('B538D9942C7B5B831AED81A1FEC46B3D00057269')
  })

  it('rejects an invalid PEN', () => {
    expect(() => virtualLfdiFromDigest(sha256('NMI0001234'), 100_000_000)).toThrow(RangeError)
  })
})

describe('PEN', () => {
  it('is formatted as 8 digits with leading zeros', () => {
    expect(formatPen(57269)).toBe('00057269')
  })

  it.each([['0', false], ['-5', false], ['1.5', false], ['abc', false], ['100000000', false], ['99999999', true], [' 57269 ', true]])(
    'checkPen(%s) ok = %s',
    (input, ok) => {
      expect(checkPen(input).ok).toBe(ok)
    },
  )
})

describe('display helpers', () => {
  it('groups an LFDI in fours and an SFDI in threes', () => {
    expect(formatLfdi('4075DE6031E562ACF4D9EAA765A5B2ED00057269')).toBe('4075-DE60-31E5-62AC-F4D9-EAA7-65A5-B2ED-0005-7269')
    expect(formatSfdi('173034634270')).toBe('173-034-634-270')
  })

  it('normalises a pasted LFDI and refuses a short one', () => {
    expect(normaliseLfdi('4075 de60 31e5 62ac f4d9 eaa7 65a5 b2ed 0005 7269')).toBe('4075DE6031E562ACF4D9EAA765A5B2ED00057269')
    expect(normaliseLfdi('4075DE')).toBeUndefined()
  })
})

describe('withSumCheckDigit (IEEE 2030.5 6.3.3)', () => {
  it('appends the digit that makes the digit sum a multiple of 10: the cactus registration PIN 11111 is 111115', () => {
    expect(withSumCheckDigit('11111')).toBe('111115')
    expect(withSumCheckDigit('16726121139')).toBe('167261211391')
    expect(withSumCheckDigit('55')).toBe('550')
  })
})
