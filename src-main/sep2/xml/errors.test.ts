import { describe, expect, it } from 'vitest'
import { parseSep2 } from './codec'
import { SEP2_XML_CODES } from './errors'

const SEP = 'xmlns="urn:ieee:std:2030.5:ns"'

function codeOf(xml: string, kind?: Parameters<typeof parseSep2>[1]): string {
  const result = parseSep2(xml, kind)
  return result.ok ? 'ok' : result.error.code
}

describe('bad input gives a codec error result with a stable code, never an exception', () => {
  it.each([
    ['unclosed tag', `<Time ${SEP}><currentTime>1</Time>`],
    ['Annex D extraction damage left in', `<DERControlResponse ${SEP}><endDeviceLFDI>AA/endDeviceLFDI><subject>B</subject></DERControlResponse>`],
    ['"</pre>" inside a start tag', `<DERControlList ${SEP} all="0"</pre> results="0"/>`],
    ['not XML at all', 'HTTP/1.1 500 Internal Server Error'],
    ['empty body', ''],
    ['two roots', `<Time ${SEP}/><Time ${SEP}/>`],
    ['unbound prefix', `<DERControlList ${SEP}><ns2:opModExpLimW/></DERControlList>`],
    ['a DOCTYPE (entity expansion)', `<!DOCTYPE Time [<!ENTITY a "aaaa">]><Time ${SEP}><currentTime>&a;</currentTime></Time>`],
    ['1FDI as an element name', `<EndDevice ${SEP}><1FDI>AA</1FDI></EndDevice>`],
  ])('%s -> SEP2_XML_MALFORMED', (_label, xml) => {
    expect(codeOf(xml)).toBe(SEP2_XML_CODES.malformed)
  })

  it.each([
    ['a different resource than asked for', `<Time ${SEP}><currentTime>1</currentTime></Time>`, 'DERControlList' as const],
    ['the right name in no namespace', '<Time><currentTime>1</currentTime></Time>', 'Time' as const],
    ['the right name in the csipaus namespace', '<Time xmlns="https://csipaus.org/ns"/>', 'Time' as const],
    ['a resource the codec does not model', `<TariffProfile ${SEP}/>`, undefined],
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>', undefined],
  ])('%s -> SEP2_XML_UNEXPECTED_ROOT', (_label, xml, kind) => {
    expect(codeOf(xml, kind)).toBe(SEP2_XML_CODES.unexpectedRoot)
  })

  it.each([
    ['Time without currentTime', `<Time ${SEP}><dstEndTime>1</dstEndTime><dstOffset>0</dstOffset><dstStartTime>0</dstStartTime><quality>5</quality><tzOffset>0</tzOffset></Time>`],
    ['DERControl without interval', `<DERControl ${SEP}><mRID>AB</mRID><creationTime>1</creationTime><EventStatus><currentStatus>0</currentStatus><dateTime>1</dateTime></EventStatus><DERControlBase/></DERControl>`],
    ['a scaled value without multiplier (outside a control)', `<DERCapability ${SEP}><modesSupported>00</modesSupported><rtgMaxW><value>1</value></rtgMaxW><type>4</type></DERCapability>`],
    ['a scaled value given as a bare number (outside a control)', `<DERCapability ${SEP}><modesSupported>00</modesSupported><rtgMaxW>1500</rtgMaxW><type>4</type></DERCapability>`],
    ['a number that is not a number', `<Registration ${SEP}><dateTimeRegistered>soon</dateTimeRegistered><pIN>1</pIN></Registration>`],
    ['a boolean that is not a boolean', `<EndDevice ${SEP}><sFDI>1</sFDI><changedTime>1</changedTime><enabled>yes</enabled></EndDevice>`],
    ['a hex bitmap that is not hex', `<DERCapability ${SEP}><modesSupported>0x0G</modesSupported><rtgMaxW><multiplier>0</multiplier><value>1</value></rtgMaxW><type>4</type></DERCapability>`],
    ['a Link without href', `<DeviceCapability ${SEP}><TimeLink/></DeviceCapability>`],
    ['a value element holding elements', `<Registration ${SEP}><dateTimeRegistered><x/></dateTimeRegistered><pIN>1</pIN></Registration>`],
  ])('%s -> SEP2_XML_INVALID', (_label, xml) => {
    expect(codeOf(xml)).toBe(SEP2_XML_CODES.invalid)
  })

  it.each([
    ['ActivePower without multiplier', '<c:opModExpLimW><value>15</value></c:opModExpLimW>', "Element 'multiplier' is required in ActivePower"],
    ['ActivePower given as a bare number', '<c:opModExpLimW>1500</c:opModExpLimW>', "Element 'multiplier' is required in ActivePower"],
  ])('inside a DERControlBase, %s refuses that mode (REL-4), not the document', (_label, mode, reason) => {
    const result = parseSep2(`<DefaultDERControl ${SEP} xmlns:c="https://csipaus.org/ns"><mRID>AB</mRID><DERControlBase>${mode}<opModEnergize>true</opModEnergize></DERControlBase></DefaultDERControl>`, 'DefaultDERControl')
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.doc.DERControlBase).toEqual({ opModEnergize: true, invalid: [{ element: 'opModExpLimW', path: 'DefaultDERControl/DERControlBase/opModExpLimW', reason }] })
  })

  it('the INVALID message names the element and where it is', () => {
    const result = parseSep2(`<DERControl ${SEP}><mRID>AB</mRID><creationTime>1</creationTime><EventStatus><currentStatus>0</currentStatus><dateTime>1</dateTime></EventStatus><DERControlBase/></DERControl>`)
    expect(!result.ok && result.error.message).toContain("Element 'interval' is required in DERControl (at DERControl)")
  })

  it('in a DERControlList, a DERControl missing a required element is refused alone, with that message', () => {
    const result = parseSep2(`<DERControlList ${SEP}><DERControl><mRID>AB</mRID><creationTime>1</creationTime><EventStatus><currentStatus>0</currentStatus><dateTime>1</dateTime></EventStatus><DERControlBase/></DERControl></DERControlList>`, 'DERControlList')
    expect(result.ok && result.value.doc.invalid).toEqual([{ element: 'DERControl', path: 'DERControlList/DERControl[0]', reason: "Element 'interval' is required in DERControl", mRID: 'AB' }])
  })

  it('the MALFORMED message gives line and column', () => {
    const result = parseSep2(`<Time ${SEP}>\n<currentTime>1</Time>`)
    expect(!result.ok && result.error.message).toMatch(/line 2, column \d+/)
  })

  it('a second occurrence of a single-valued element is kept as unknown, not merged', () => {
    const result = parseSep2(`<Registration ${SEP}><dateTimeRegistered>1</dateTimeRegistered><pIN>1</pIN><pIN>2</pIN></Registration>`, 'Registration')
    expect(result.ok && result.value.doc.pIN).toBe(1)
    expect(result.ok && result.value.unknown).toEqual([{ parentPath: 'Registration', ns: 'urn:ieee:std:2030.5:ns', name: 'pIN' }])
  })
})
