import { describe, expect, it } from 'vitest'
import { parseSep2, serialiseSep2 } from './codec'
import { SEP2_XML_CODES } from './errors'
import type { DERControlBase } from './models'
import { fixture } from './test-support'

/** REL-4, issue 15 item 4: every value is checked against its IEEE 2030.5 type at the codec. */
const DDERC = fixture('annex-d/18-dderc.xml')
const DERC_LIST = fixture('annex-d/19-derc-list.xml')

/** The Annex D default with its export limit's <multiplier>/<value> replaced. */
function defaultWithExport(multiplier: string, value: string): string {
  return DDERC.replace(/<ns2:opModExpLimW>\s*<multiplier>2<\/multiplier>\s*<value>15<\/value>/, `<ns2:opModExpLimW><multiplier>${multiplier}</multiplier><value>${value}</value>`)
}

/** The DERControlBase of a DefaultDERControl that must decode. */
function defaultBase(xml: string): DERControlBase {
  const parsed = parseSep2(xml, 'DefaultDERControl')
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.value.doc.DERControlBase
}

function failure(xml: string): { code: string; message: string } | undefined {
  const parsed = parseSep2(xml)
  return parsed.ok ? undefined : parsed.error
}

describe('IEEE 2030.5 value types at the codec', () => {
  it('the unchanged Annex D default still decodes (the helper really edits the export limit)', () => {
    expect(failure(defaultWithExport('2', '15'))).toBeUndefined()
    expect(defaultWithExport('9', '1')).toContain('<multiplier>9</multiplier><value>1</value>')
  })

  it.each([
    ['99', 'PowerOfTenMultiplierType'],
    ['-99', 'PowerOfTenMultiplierType'],
    [String(2 ** 40), 'PowerOfTenMultiplierType'],
    ['10', 'PowerOfTenMultiplierType'],
  ])('powerOfTenMultiplier %s refuses the export mode (-9..9 only); the document and the other modes decode', (multiplier, typeName) => {
    const base = defaultBase(defaultWithExport(multiplier, '15'))
    expect(base.opModExpLimW).toBeUndefined()
    expect(base.opModImpLimW).toEqual({ multiplier: 2, value: 15 })
    expect(base.opModEnergize).toBe(true)
    expect(base.invalid).toEqual([{ element: 'opModExpLimW', path: 'DefaultDERControl/DERControlBase/opModExpLimW/multiplier', reason: expect.stringContaining(typeName) as string }])
  })

  it.each([[String(2 ** 40)], ['32768'], ['-32769'], ['1.5'], ['1e3'], ['0x10'], ['Infinity'], ['NaN'], ['']])(
    'ActivePower value %s refuses the export mode (Int16); the other modes decode',
    (value) => {
      const base = defaultBase(defaultWithExport('0', value))
      expect(base.opModExpLimW).toBeUndefined()
      expect(base.opModImpLimW).toEqual({ multiplier: 2, value: 15 })
      expect(base.invalid).toEqual([{ element: 'opModExpLimW', path: 'DefaultDERControl/DERControlBase/opModExpLimW/value', reason: expect.stringContaining('Int16') as string }])
    },
  )

  it('a DERControl whose export value is 2^40 or multiplier 2^40 carries the refusal; its other modes and the other controls decode', () => {
    for (const [multiplier, value, leaf] of [['0', String(2 ** 40), 'value'], [String(2 ** 40), '2512', 'multiplier']] as const) {
      const xml = DERC_LIST.replace(/(<ns2:opModExpLimW>\s*)<multiplier>0<\/multiplier>\s*<value>2512<\/value>/, `$1<multiplier>${multiplier}</multiplier><value>${value}</value>`)
      const parsed = parseSep2(xml, 'DERControlList')
      if (!parsed.ok) throw new Error(parsed.error.message)
      const [first, ...others] = parsed.value.doc.DERControl ?? []
      expect(first?.DERControlBase.opModExpLimW).toBeUndefined()
      expect(first?.DERControlBase.opModImpLimW).toEqual({ multiplier: 0, value: 3512 })
      expect(first?.DERControlBase.opModGenLimW).toEqual({ multiplier: 4, value: 3 })
      expect(first?.DERControlBase.invalid).toEqual([{ element: 'opModExpLimW', path: `DERControlList/DERControl[0]/DERControlBase/opModExpLimW/${leaf}`, reason: expect.any(String) as string }])
      expect(others.length).toBeGreaterThan(0)
      for (const other of others) expect(other.DERControlBase.invalid).toBeUndefined()
    }
  })

  it('a repeated mode after a refused one is not used instead (the first occurrence decides; the repeat is kept as unknown)', () => {
    // The first export limit has multiplier 2^40 (refused); a valid one follows it.
    const xml = defaultWithExport(String(2 ** 40), '15').replace(
      '<opModEnergize>true</opModEnergize>',
      '<ns2:opModExpLimW><multiplier>0</multiplier><value>100</value></ns2:opModExpLimW><opModEnergize>true</opModEnergize>',
    )
    const parsed = parseSep2(xml, 'DefaultDERControl')
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.doc.DERControlBase.opModExpLimW).toBeUndefined()
    expect(parsed.value.doc.DERControlBase.invalid?.map((r) => r.element)).toEqual(['opModExpLimW'])
    expect(parsed.value.unknown.map((u) => u.name)).toContain('opModExpLimW')
  })

  it('a refused mode is never written back (serialise leaves `invalid` out)', () => {
    const parsed = parseSep2(defaultWithExport(String(2 ** 40), '15'), 'DefaultDERControl')
    if (!parsed.ok) throw new Error(parsed.error.message)
    const xml = serialiseSep2('DefaultDERControl', parsed.value.doc)
    expect(xml.ok && !xml.value.includes('invalid') && !xml.value.includes('opModExpLimW')).toBe(true)
  })

  it('Int16 bounds and the multiplier bounds themselves are accepted', () => {
    for (const [m, v] of [['9', '32767'], ['-9', '-32768'], ['0', '0']] as const) expect(failure(defaultWithExport(m, v))).toBeUndefined()
  })

  it('an event start of 2^63-1 is refused with a coded error naming TimeType (not "Invalid time value" later)', () => {
    const xml = DERC_LIST.replace('<start>1682475300</start>', '<start>9223372036854775807</start>')
    const error = failure(xml)
    expect(error?.code).toBe(SEP2_XML_CODES.invalid)
    expect(error?.message).toContain('TimeType')
    expect(error?.message).toContain('interval/start')
  })

  it.each([
    ['opModMaxLimW 10001 (PerCent is at most 10000)', '<opModMaxLimW>10001</opModMaxLimW>'],
    ['opModMaxLimW -1', '<opModMaxLimW>-1</opModMaxLimW>'],
    ['opModFixedW -10001 (SignedPerCent)', '<opModFixedW>-10001</opModFixedW>'],
    ['rampTms 65536 (UInt16)', '<rampTms>65536</rampTms>'],
  ])('%s refuses that element of the DERControlBase, not the document', (_label, element) => {
    const xml = DDERC.replace('<opModEnergize>true</opModEnergize>', `<opModEnergize>true</opModEnergize>${element}`)
    const name = /<(\w+)>/.exec(element)?.[1]
    const base = defaultBase(xml)
    expect(base.invalid?.map((r) => r.element)).toEqual([name])
    expect(name === undefined ? 'no name' : base[name as keyof typeof base]).toBeUndefined()
  })

  it('randomizeStart beyond OneHourRangeType and a negative duration are refused', () => {
    expect(failure(DERC_LIST.replace('<duration>300</duration>', '<duration>-300</duration>'))?.code).toBe(SEP2_XML_CODES.invalid)
    const withRandom = DERC_LIST.replace('<creationTime>1682511010</creationTime>', '<creationTime>1682511010</creationTime>').replace(
      '</interval>',
      '</interval><randomizeStart>3601</randomizeStart>',
    )
    expect(failure(withRandom)?.message).toContain('OneHourRangeType')
  })

  it('an mRID longer than 16 bytes and an LFDI longer than 20 bytes are refused (HexBinary128 / HexBinary160)', () => {
    expect(failure(DDERC.replace('E6F3A83FC1E64929BB4502AA0CEA0FDB', 'E6F3A83FC1E64929BB4502AA0CEA0FDB00'))?.message).toContain('16 bytes')
    const response = fixture('annex-d/20-derc-response-1.xml')
    const lfdi = /<endDeviceLFDI>([0-9A-Fa-f]+)<\/endDeviceLFDI>/.exec(response)?.[1] ?? ''
    expect(lfdi).toHaveLength(40)
    expect(failure(response.replace(lfdi, `${lfdi}AB`))?.message).toContain('20 bytes')
  })

  it('an EventStatus beyond UInt8 and a primacy beyond UInt8 are refused', () => {
    expect(failure(DERC_LIST.replace('<currentStatus>0</currentStatus>', '<currentStatus>256</currentStatus>'))?.code).toBe(SEP2_XML_CODES.invalid)
    const derp = fixture('annex-d/16-derp-list-fsa2.xml')
    expect(failure(derp.replace(/<primacy>\d+<\/primacy>/, '<primacy>256</primacy>'))?.message).toContain('UInt8')
  })
})
