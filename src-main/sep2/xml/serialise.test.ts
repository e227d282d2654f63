import { readFileSync } from 'node:fs'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { parseSep2, serialiseSep2 } from './codec'
import type { DERCapability, DERControl, DERControlResponse, DefaultDERControl, MirrorUsagePoint } from './models'
import { elementOrder } from './schema/element-order'
import { childOrder, fixture } from './test-support'
import { toScaled } from './values'

const CSIPAUS_CORE_XSD = new URL('../../../resources/xsd/csipaus/csipaus-core-v1.3.xsd', import.meta.url)

const HAS_SPEC = (typeName: string): boolean => {
  try {
    return elementOrder(typeName).length > 0
  } catch {
    return false
  }
}

/** A node of fast-xml-parser's ordered output: one element name -> its children, plus its attributes under ':@'. */
type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> }

const childrenOf = (node: OrderedNode, name: string): OrderedNode[] => (Array.isArray(node[name]) ? (node[name] as OrderedNode[]) : [])

function descendants(nodes: OrderedNode[], name: string): OrderedNode[] {
  return nodes.flatMap((node) => [
    ...(name in node ? [node] : []),
    ...Object.keys(node)
      .filter((key) => key !== ':@')
      .flatMap((key) => descendants(childrenOf(node, key), name)),
  ])
}

/** Read from the XSD itself: each complexType that extends a 2030.5 type -> its element refs, in sequence order. */
function csipausExtensions(xsd: string): Map<string, string[]> {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' })
  const doc = parser.parse(xsd) as OrderedNode[]
  const out = new Map<string, string[]>()
  for (const type of descendants(doc, 'xs:complexType')) {
    const name = type[':@']?.name
    const sequence = descendants(childrenOf(type, 'xs:complexType'), 'xs:extension').flatMap((ext) => childrenOf(ext, 'xs:extension')).find((n) => 'xs:sequence' in n)
    if (!name || !sequence) continue
    const refs = childrenOf(sequence, 'xs:sequence').flatMap((el) => ('xs:element' in el && el[':@']?.ref ? [el[':@'].ref.replace(/^csipaus:/, '')] : []))
    out.set(name, refs)
  }
  return out
}

function serialise<T extends Parameters<typeof serialiseSep2>[0]>(kind: T, doc: Parameters<typeof serialiseSep2<T>>[1]): string {
  const result = serialiseSep2(kind, doc)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const fullControl: DERControl = {
  href: '/derp/1/derc/1',
  replyTo: '/rsps/1/rsp',
  responseRequired: { value: 3 },
  deviceCategory: { value: 0x20000 },
  DERControlBase: {
    opModLoadLimW: { multiplier: 0, value: 4000 },
    opModGenLimW: { multiplier: 0, value: 3000 },
    opModExpLimW: { multiplier: 0, value: 2000 },
    opModImpLimW: { multiplier: 0, value: 1000 },
    rampTms: 500,
    opModTargetW: { multiplier: 0, value: 10 },
    opModMaxLimW: 5000,
    opModFixedW: 20,
    opModEnergize: true,
    opModConnect: true,
  },
  randomizeStart: 10,
  randomizeDuration: 5,
  interval: { start: 1000, duration: 300 },
  EventStatus: { reason: 'r', potentiallySupersededTime: 3, potentiallySuperseded: true, dateTime: 2, currentStatus: 1 },
  creationTime: 1,
  version: 2,
  description: 'd',
  mRID: 'AB01',
}

describe('serialised documents keep the schema element order (sep.xsd, csipaus-core.xsd)', () => {
  const xml = serialise('DERControl', fullControl)

  it('DERControl: IdentifiedObject, Event, RandomizableEvent, then DERControlBase and deviceCategory', () => {
    expect(childOrder(xml, 'DERControl')).toEqual([
      'mRID',
      'description',
      'version',
      'creationTime',
      'EventStatus',
      'interval',
      'randomizeDuration',
      'randomizeStart',
      'DERControlBase',
      'deviceCategory',
    ])
  })

  it('DERControlBase: 2030.5 modes, rampTms, then csipaus Imp, Exp, Gen, Load', () => {
    expect(childOrder(xml, 'DERControlBase')).toEqual([
      'opModConnect',
      'opModEnergize',
      'opModFixedW',
      'opModMaxLimW',
      'opModTargetW',
      'rampTms',
      'opModImpLimW',
      'opModExpLimW',
      'opModGenLimW',
      'opModLoadLimW',
    ])
  })

  it('EventStatus and interval (DateTimeInterval: duration before start)', () => {
    expect(childOrder(xml, 'EventStatus')).toEqual(['currentStatus', 'dateTime', 'potentiallySuperseded', 'potentiallySupersededTime', 'reason'])
    expect(childOrder(xml, 'interval')).toEqual(['duration', 'start'])
    expect(childOrder(xml, 'opModImpLimW')).toEqual(['multiplier', 'value'])
  })

  it('CSIP-AUS elements carry the csipaus prefix bound to https://csipaus.org/ns on the root', () => {
    expect(xml.split('\n')[0]).toBe(
      '<DERControl xmlns="urn:ieee:std:2030.5:ns" xmlns:csipaus="https://csipaus.org/ns" href="/derp/1/derc/1" replyTo="/rsps/1/rsp" responseRequired="03">',
    )
    expect(xml).toContain('<csipaus:opModImpLimW>')
    expect(xml).toContain('<opModConnect>true</opModConnect>')
    expect(xml).toContain('<deviceCategory>00020000</deviceCategory>')
  })

  it('the csipaus namespace URI can be chosen (v1.3)', () => {
    const v13 = serialiseSep2('DERControl', fullControl, { csipausNamespace: 'https://csipaus.org/ns/v1.3' })
    expect(v13.ok && v13.value).toContain('xmlns:csipaus="https://csipaus.org/ns/v1.3"')
  })

  it('documents without CSIP-AUS elements declare only the 2030.5 namespace', () => {
    const response: DERControlResponse = { subject: 'AB01', status: 1, endDeviceLFDI: 'AA', createdDateTime: 5 }
    const out = serialise('DERControlResponse', response)
    expect(out.split('\n')[0]).toBe('<DERControlResponse xmlns="urn:ieee:std:2030.5:ns">')
    expect(childOrder(out, 'DERControlResponse')).toEqual(['createdDateTime', 'endDeviceLFDI', 'status', 'subject'])
  })

  it('DefaultDERControl: DERControlBase, then setGradW before setSoftGradW', () => {
    const dderc: DefaultDERControl = { setSoftGradW: 1, setGradW: 28, DERControlBase: { opModExpLimW: toScaled(1500) }, mRID: 'AA' }
    expect(childOrder(serialise('DefaultDERControl', dderc), 'DefaultDERControl')).toEqual(['mRID', 'DERControlBase', 'setGradW', 'setSoftGradW'])
  })

  it('DERCapability (Annex D order type-first) is written with type last, then csipaus:doeModesSupported', () => {
    const parsed = parseSep2(fixture('annex-d/28-dercap.xml'), 'DERCapability')
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(childOrder(serialise('DERCapability', parsed.value.doc), 'DERCapability')).toEqual([
      'modesSupported',
      'rtgMaxVA',
      'rtgMaxVar',
      'rtgMaxW',
      'rtgVNom',
      'type',
      'doeModesSupported',
    ])
  })

  it('DERSettings (Annex D has updatedTime first) is written with updatedTime last', () => {
    const parsed = parseSep2(fixture('annex-d/29-derg.xml'), 'DERSettings')
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(childOrder(serialise('DERSettings', parsed.value.doc), 'DERSettings')).toEqual([
      'modesEnabled',
      'setGradW',
      'setMaxVA',
      'setMaxVar',
      'setMaxW',
      'updatedTime',
    ])
  })

  it('MirrorMeterReading (Annex D has version after nextUpdateTime) is written IdentifiedObject-first', () => {
    const parsed = parseSep2(fixture('annex-d/31-mmr-site-w.xml'), 'MirrorMeterReading')
    if (!parsed.ok) throw new Error(parsed.error.message)
    const out = serialise('MirrorMeterReading', parsed.value.doc)
    expect(childOrder(out, 'MirrorMeterReading')).toEqual(['mRID', 'description', 'version', 'lastUpdateTime', 'nextUpdateTime', 'Reading', 'ReadingType'])
    expect(childOrder(out, 'ReadingType')).toEqual(['commodity', 'dataQualifier', 'flowDirection', 'kind', 'phase', 'powerOfTenMultiplier', 'uom'])
  })

  it('EndDevice: AbstractDevice elements, then EndDevice ones, then csipaus:ConnectionPointLink', () => {
    const out = serialise('EndDevice', {
      ConnectionPointLink: { href: '/edev/1/cp' },
      RegistrationLink: { href: '/edev/1/rg' },
      changedTime: 5,
      sFDI: 123,
      lFDI: 'AB',
      DERListLink: { href: '/edev/1/der', all: 1 },
    })
    expect(childOrder(out, 'EndDevice')).toEqual(['DERListLink', 'lFDI', 'sFDI', 'changedTime', 'RegistrationLink', 'ConnectionPointLink'])
    expect(out).toContain('<csipaus:ConnectionPointLink href="/edev/1/cp"/>')
  })

  it('element-order tables: each csipaus extension of a 2030.5 type follows it in the order of the bundled csipaus-core.xsd', () => {
    const extensions = csipausExtensions(readFileSync(CSIPAUS_CORE_XSD, 'utf8'))
    const covered: string[] = []
    for (const [typeName, refs] of extensions) {
      if (!HAS_SPEC(typeName)) continue
      covered.push(typeName)
      expect(refs.length, typeName).toBeGreaterThan(0)
      // csipaus-core.xsd extends the 2030.5 type: its elements come after the whole 2030.5 sequence.
      expect(elementOrder(typeName).slice(-refs.length), typeName).toEqual(refs)
    }
    // The types the codec writes with csipaus elements; the tariff extensions are not modelled.
    expect(covered.sort()).toEqual(['DERCapability', 'DERControlBase', 'DERSettings', 'EndDevice'])
  })
})

describe('documents built in TypeScript', () => {
  it('MirrorUsagePoint with readings: hex written at its schema width, round trip keeps values', () => {
    const mup: MirrorUsagePoint = {
      mRID: '4075DE6031E562ACF4D9EA0300057269',
      description: 'Site Measurement',
      roleFlags: { value: 0x03 },
      serviceCategoryKind: 0,
      status: 1,
      deviceLFDI: '4075DE6031E562ACF4D9EAA765A5B2ED00057269',
      MirrorMeterReading: [
        { mRID: 'AA01', Reading: { value: 1500, qualityFlags: { value: 1 } }, ReadingType: { uom: 38, kind: 37, dataQualifier: 2, commodity: 1 } },
      ],
    }
    const xml = serialise('MirrorUsagePoint', mup)
    expect(xml).toContain('<roleFlags>0003</roleFlags>')
    expect(xml).toContain('<qualityFlags>0001</qualityFlags>')
    const back = parseSep2(xml, 'MirrorUsagePoint')
    expect(back.ok && back.value.doc.roleFlags).toEqual({ value: 3, raw: '0003' })
    expect(back.ok && back.value.doc.MirrorMeterReading?.[0]?.Reading?.value).toBe(1500)
  })

  it('a hex raw text that no longer matches the value is replaced', () => {
    const cap: DERCapability = { modesSupported: { value: 0x10, raw: '00500088' }, rtgMaxW: toScaled(5000), type: 4 }
    expect(serialise('DERCapability', cap)).toContain('<modesSupported>00000010</modesSupported>')
  })

  it('escapes text and attribute values', () => {
    const xml = serialise('DERControlResponse', { endDeviceLFDI: 'AA', subject: 'BB', href: '/a?x=1&y="2"' })
    expect(xml).toContain('href="/a?x=1&amp;y=&quot;2&quot;"')
  })

  it('a missing required element is a SEP2_XML_SERIALISE result, not a throw', () => {
    const broken = { endDeviceLFDI: 'AA' } as unknown as DERControlResponse
    const result = serialiseSep2('DERControlResponse', broken)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe('SEP2_XML_SERIALISE')
    expect(!result.ok && result.error.message).toContain("'subject'")
  })

  it('a wrongly typed value is a SEP2_XML_SERIALISE result', () => {
    const broken = { endDeviceLFDI: 'AA', subject: 'BB', status: '1' } as unknown as DERControlResponse
    const result = serialiseSep2('DERControlResponse', broken)
    expect(!result.ok && result.error.code).toBe('SEP2_XML_SERIALISE')
  })
})

describe('csipaus:ConnectionPoint (root in the CSIP-AUS namespace)', () => {
  it.each([
    ['default namespace', '<ConnectionPoint xmlns="https://csipaus.org/ns" href="/edev/1/cp"><connectionPointId>QB01234567</connectionPointId></ConnectionPoint>'],
    ['v1.3 URI', '<ConnectionPoint xmlns="https://csipaus.org/ns/v1.3" href="/edev/1/cp"><connectionPointId>QB01234567</connectionPointId></ConnectionPoint>'],
    ['ns2: prefix', '<ns2:ConnectionPoint xmlns="urn:ieee:std:2030.5:ns" xmlns:ns2="https://csipaus.org/ns" href="/edev/1/cp"><ns2:connectionPointId>QB01234567</ns2:connectionPointId></ns2:ConnectionPoint>'],
  ])('parses with %s and writes csipaus: prefixed', (_label, xml) => {
    const parsed = parseSep2(xml, 'ConnectionPoint')
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.doc).toEqual({ href: '/edev/1/cp', connectionPointId: 'QB01234567' })
    expect(serialise('ConnectionPoint', parsed.value.doc)).toBe(
      '<csipaus:ConnectionPoint xmlns="urn:ieee:std:2030.5:ns" xmlns:csipaus="https://csipaus.org/ns" href="/edev/1/cp">\n' +
        '  <csipaus:connectionPointId>QB01234567</csipaus:connectionPointId>\n' +
        '</csipaus:ConnectionPoint>',
    )
  })

  it('a ConnectionPoint in the 2030.5 namespace is an unexpected root', () => {
    const parsed = parseSep2('<ConnectionPoint xmlns="urn:ieee:std:2030.5:ns"><connectionPointId>1</connectionPointId></ConnectionPoint>')
    expect(!parsed.ok && parsed.error.code).toBe('SEP2_XML_UNEXPECTED_ROOT')
  })
})
