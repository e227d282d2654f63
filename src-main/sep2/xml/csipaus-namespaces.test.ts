import { describe, expect, it } from 'vitest'
import { parseSep2, serialiseSep2 } from './codec'
import { CSIPAUS_NS, CSIPAUS_NS_V13 } from './namespaces'
import { fixture } from './test-support'
import { scaledNumber } from './values'

const control = (root: string, base: string) => `<DERControlList ${root} all="1" results="1">
  <DERControl>
    <mRID>AB01</mRID>
    <creationTime>1</creationTime>
    <EventStatus><currentStatus>0</currentStatus><dateTime>1</dateTime><potentiallySuperseded>false</potentiallySuperseded></EventStatus>
    <interval><duration>300</duration><start>1000</start></interval>
    ${base}
  </DERControl>
</DERControlList>`

const limits = (prefix: string) =>
  `<${prefix}opModImpLimW><multiplier>1</multiplier><value>251</value></${prefix}opModImpLimW>` +
  `<${prefix}opModExpLimW><multiplier>2</multiplier><value>25</value></${prefix}opModExpLimW>`

// SRV-6: the csipaus prefix varies between servers, so matching is by namespace URI and local name only.
const VARIANTS: [string, string][] = [
  ['csipaus: prefix on the root', control(`xmlns="urn:ieee:std:2030.5:ns" xmlns:csipaus="${CSIPAUS_NS}"`, `<DERControlBase>${limits('csipaus:')}</DERControlBase>`)],
  ['ns2: prefix (Annex D servers)', control(`xmlns="urn:ieee:std:2030.5:ns" xmlns:ns2="${CSIPAUS_NS}"`, `<DERControlBase>${limits('ns2:')}</DERControlBase>`)],
  ['prefix declared on DERControlBase only', control('xmlns="urn:ieee:std:2030.5:ns"', `<DERControlBase xmlns:x="${CSIPAUS_NS}">${limits('x:')}</DERControlBase>`)],
  [
    'default namespace switched on each csipaus element',
    control('xmlns="urn:ieee:std:2030.5:ns"', `<DERControlBase>${limits('').replace(/<opMod(\w+)>/g, `<opMod$1 xmlns="${CSIPAUS_NS}">`).replace(/<(multiplier|value)>/g, '<s:$1>').replace(/<\/(multiplier|value)>/g, '</s:$1>')}</DERControlBase>`.replace('<DERControlBase>', '<DERControlBase xmlns:s="urn:ieee:std:2030.5:ns">')),
  ],
  ['2030.5 under a prefix, csipaus as default namespace', control(`xmlns:sep="urn:ieee:std:2030.5:ns"`, `<DERControlBase>${limits('c:')}</DERControlBase>`)
    .replace(/<(\/?)(?!c:)(\w+)/g, '<$1sep:$2').replace('<sep:DERControlList', `<sep:DERControlList xmlns:c="${CSIPAUS_NS}"`)],
  [
    'namespaces redeclared on DERControlBase (handbook 10.5 style, spelled right)',
    control('xmlns="urn:ieee:std:2030.5:ns"', `<DERControlBase xmlns="urn:ieee:std:2030.5:ns" xmlns:csipaus="${CSIPAUS_NS}">${limits('csipaus:')}</DERControlBase>`),
  ],
  ['CSIP-AUS v1.3 namespace URI', control(`xmlns="urn:ieee:std:2030.5:ns" xmlns:csipaus="${CSIPAUS_NS_V13}"`, `<DERControlBase>${limits('csipaus:')}</DERControlBase>`)],
]

describe('csipaus elements parse the same under any prefix or namespace form', () => {
  it.each(VARIANTS)('%s', (_label, xml) => {
    const parsed = parseSep2(xml, 'DERControlList')
    if (!parsed.ok) throw new Error(parsed.error.message)
    const base = parsed.value.doc.DERControl?.[0]?.DERControlBase
    expect(base?.opModImpLimW).toEqual({ multiplier: 1, value: 251 })
    expect(base?.opModExpLimW).toEqual({ multiplier: 2, value: 25 })
    expect(base?.opModImpLimW && scaledNumber(base.opModImpLimW)).toBe(2510)
    expect(base?.opModExpLimW && scaledNumber(base.opModExpLimW)).toBe(2500)
    expect(parsed.value.unknown).toEqual([])
  })

  it('a csipaus local name in the 2030.5 namespace is not taken for the CSIP-AUS mode', () => {
    const xml = control('xmlns="urn:ieee:std:2030.5:ns"', `<DERControlBase>${limits('')}</DERControlBase>`)
    const parsed = parseSep2(xml, 'DERControlList')
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.doc.DERControl?.[0]?.DERControlBase.opModImpLimW).toBeUndefined()
    expect(parsed.value.unknown.map((u) => u.name)).toEqual(['opModImpLimW', 'opModExpLimW'])
  })
})

describe('handbook 10.5 example (misspelled CSIP-AUS elements)', () => {
  const parsed = parseSep2(fixture('handbook/10.5-dercontrol-list.xml'), 'DERControlList')

  it('parses without error and reads the 2030.5 parts', () => {
    if (!parsed.ok) throw new Error(parsed.error.message)
    const ctl = parsed.value.doc.DERControl?.[0]
    expect(ctl?.mRID).toBe('ABCDEF0123456789')
    expect(ctl?.interval).toEqual({ start: 1605621600, duration: 86400 })
    expect(ctl?.EventStatus).toEqual({ currentStatus: 1, dateTime: 1639545638, reason: 'event active' })
    expect(ctl?.randomizeStart).toBe(10)
  })

  it('reports opModImLimW and opModExLimW as unknown, with their namespace and place', () => {
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.unknown).toEqual([
      { parentPath: 'DERControlList/DERControl[0]/DERControlBase', ns: 'https://csipaus.anu.edu.au/csipaus', name: 'opModImLimW' },
      { parentPath: 'DERControlList/DERControl[0]/DERControlBase', ns: 'https://csipaus.anu.edu.au/csipaus', name: 'opModExLimW' },
    ])
    const base = parsed.value.doc.DERControl?.[0]?.DERControlBase
    expect(base?.opModImpLimW).toBeUndefined()
    expect(base?.extra?.map((node) => [node.name, node.text])).toEqual([
      ['opModImLimW', '20000'],
      ['opModExLimW', '5000'],
    ])
  })

  it('keeps the unknown elements, in document order, through a round trip', () => {
    if (!parsed.ok) throw new Error(parsed.error.message)
    const xml = serialiseSep2('DERControlList', parsed.value.doc)
    if (!xml.ok) throw new Error(xml.error.message)
    expect(xml.value).toContain('<opModImLimW xmlns="https://csipaus.anu.edu.au/csipaus">20000</opModImLimW>')
    expect(xml.value.indexOf('opModImLimW')).toBeLessThan(xml.value.indexOf('opModExLimW'))
    const again = parseSep2(xml.value, 'DERControlList')
    expect(again.ok && again.value.doc).toEqual(parsed.value.doc)
    expect(again.ok && again.value.unknown).toEqual(parsed.value.unknown)
  })
})

describe('tolerated schema deviations are reported as warnings', () => {
  it('handbook 10.5: EventStatus without potentiallySuperseded', () => {
    const parsed = parseSep2(fixture('handbook/10.5-dercontrol-list.xml'), 'DERControlList')
    expect(parsed.ok && parsed.value.warnings).toEqual([
      { path: 'DERControlList/DERControl[0]/EventStatus', message: "EventStatus lacks 'potentiallySuperseded', which the schema requires" },
    ])
  })

  it('DERCapability without csipaus:doeModesSupported (CSIP-AUS minOccurs=1)', () => {
    const parsed = parseSep2(fixture('annex-d/28-dercap.xml').replace(/<csipaus:doeModesSupported>.*<\/csipaus:doeModesSupported>/, ''), 'DERCapability')
    expect(parsed.ok && parsed.value.warnings.map((w) => w.message)).toEqual(["DERCapability lacks 'doeModesSupported', which the schema requires"])
  })

  it('Annex D documents carry no warnings', () => {
    const parsed = parseSep2(fixture('annex-d/19-derc-list.xml'), 'DERControlList')
    expect(parsed.ok && parsed.value.warnings).toEqual([])
  })
})
