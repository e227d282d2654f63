import { describe, expect, it } from 'vitest'
import { parseSep2, serialiseSep2 } from './codec'
import type { DERControlBase, RefusedElement } from './models'
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

/** The DERControls a DERControlList refused as a whole (the list itself must decode). */
function refusedEvents(xml: string): RefusedElement[] {
  const parsed = parseSep2(xml, 'DERControlList')
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.value.doc.invalid ?? []
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

  it('an event start of 2^63-1 refuses that DERControl only, named by mRID with whom to answer; its siblings decode', () => {
    const xml = DERC_LIST.replace('<start>1682475300</start>', '<start>9223372036854775807</start>')
    const parsed = parseSep2(xml, 'DERControlList')
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.doc.invalid).toEqual([
      {
        element: 'DERControl',
        path: 'DERControlList/DERControl[0]/interval/start',
        reason: expect.stringContaining('TimeType') as string,
        mRID: 'DC1B27AC943B44AC87DAF7E162B6F6D4',
        replyTo: '/api/v2/rsps/res-ms/rsp',
        responseRequired: 3,
      },
    ])
    expect(parsed.value.doc.DERControl?.map((c) => c.mRID)).toHaveLength(4)
    expect(parsed.value.doc.DERControl?.[0]?.mRID).toBe('737A28BE154F4050BFB61D24202C0983')
  })

  it('a refused DERControl whose mRID itself is wrong is listed without one (nothing to answer)', () => {
    const refused = refusedEvents(DERC_LIST.replace('<mRID>DC1B27AC943B44AC87DAF7E162B6F6D4</mRID>', '<mRID>XYZ</mRID>'))
    expect(refused).toEqual([expect.objectContaining({ element: 'DERControl', path: 'DERControlList/DERControl[0]/mRID' })])
    expect(refused[0]?.mRID).toBeUndefined()
  })

  it('a DERControl alone (not in a list) with a bad start still fails as a document', () => {
    const one = /<DERControl [\s\S]*?<\/DERControl>/.exec(DERC_LIST)?.[0] ?? ''
    const xml = one.replace('<DERControl ', '<DERControl xmlns="urn:ieee:std:2030.5:ns" xmlns:ns2="https://csipaus.org/ns" ').replace('<start>1682475300</start>', '<start>9223372036854775807</start>')
    expect(failure(xml)?.message).toContain('TimeType')
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

  it('randomizeStart beyond OneHourRangeType and a negative duration refuse that event', () => {
    expect(refusedEvents(DERC_LIST.replace('<duration>300</duration>', '<duration>-300</duration>'))[0]?.path).toBe('DERControlList/DERControl[0]/interval/duration')
    const withRandom = DERC_LIST.replace('<creationTime>1682511010</creationTime>', '<creationTime>1682511010</creationTime>').replace(
      '</interval>',
      '</interval><randomizeStart>3601</randomizeStart>',
    )
    expect(refusedEvents(withRandom)[0]?.reason).toContain('OneHourRangeType')
  })

  it('an mRID longer than 16 bytes and an LFDI longer than 20 bytes are refused (HexBinary128 / HexBinary160)', () => {
    expect(failure(DDERC.replace('E6F3A83FC1E64929BB4502AA0CEA0FDB', 'E6F3A83FC1E64929BB4502AA0CEA0FDB00'))?.message).toContain('16 bytes')
    const response = fixture('annex-d/20-derc-response-1.xml')
    const lfdi = /<endDeviceLFDI>([0-9A-Fa-f]+)<\/endDeviceLFDI>/.exec(response)?.[1] ?? ''
    expect(lfdi).toHaveLength(40)
    expect(failure(response.replace(lfdi, `${lfdi}AB`))?.message).toContain('20 bytes')
  })

  it('an EventStatus beyond UInt8 and a primacy beyond UInt8 are refused', () => {
    expect(refusedEvents(DERC_LIST.replace('<currentStatus>0</currentStatus>', '<currentStatus>256</currentStatus>'))[0]?.path).toBe('DERControlList/DERControl[0]/EventStatus/currentStatus')
    const derp = fixture('annex-d/16-derp-list-fsa2.xml')
    expect(failure(derp.replace(/<primacy>\d+<\/primacy>/, '<primacy>256</primacy>'))?.message).toContain('UInt8')
  })
})
