import { describe, expect, it } from 'vitest'
import { parseSep2, serialiseSep2 } from './codec'
import type { ParsedSep2 } from './codec'
import type { Sep2Kind } from './models'
import { fixture, fixtureNames } from './test-support'
import { scaledNumber } from './values'

// handbook Annex D: every payload of the example client flow, repaired only where the PDF extraction broke it.
const ANNEX_D_KINDS: Record<string, Sep2Kind> = {
  '01-dcap.xml': 'DeviceCapability',
  '02-tm.xml': 'Time',
  '03-edev-list.xml': 'EndDeviceList',
  '04-rg-EQLDEV3.xml': 'Registration',
  '05-edev-EQLDEV3.xml': 'EndDevice',
  '06-rg-EQLDEV1.xml': 'Registration',
  '07-edev-EQLDEV1.xml': 'EndDevice',
  '08-rg-EQLDEV2.xml': 'Registration',
  '09-edev-EQLDEV2.xml': 'EndDevice',
  '10-rg-EQLDEV4.xml': 'Registration',
  '11-edev-EQLDEV4.xml': 'EndDevice',
  '12-rg-E-AGGREQL.xml': 'Registration',
  '13-edev-E-AGGREQL.xml': 'EndDevice',
  '14-mup-list.xml': 'MirrorUsagePointList',
  '15-fsa-list.xml': 'FunctionSetAssignmentsList',
  '16-derp-list-fsa2.xml': 'DERProgramList',
  '17-derp-list-fsa1.xml': 'DERProgramList',
  '18-dderc.xml': 'DefaultDERControl',
  '19-derc-list.xml': 'DERControlList',
  '20-derc-response-1.xml': 'DERControlResponse',
  '21-derc-response-2.xml': 'DERControlResponse',
  '22-derc-response-3.xml': 'DERControlResponse',
  '23-derc-response-4.xml': 'DERControlResponse',
  '24-derc-response-5.xml': 'DERControlResponse',
  '25-derc-list-empty.xml': 'DERControlList',
  '26-der-list.xml': 'DERList',
  '27-ders.xml': 'DERStatus',
  '28-dercap.xml': 'DERCapability',
  '29-derg.xml': 'DERSettings',
  '30-mup-site.xml': 'MirrorUsagePoint',
  '31-mmr-site-w.xml': 'MirrorMeterReading',
  '32-mr-site-w.xml': 'MeterReading',
  '33-mmr-site-var.xml': 'MirrorMeterReading',
  '34-mr-site-var.xml': 'MeterReading',
  '35-mmr-site-v.xml': 'MirrorMeterReading',
  '36-mr-site-v.xml': 'MeterReading',
  '37-mup-der.xml': 'MirrorUsagePoint',
  '38-mmr-der-w.xml': 'MirrorMeterReading',
  '39-mr-der-w.xml': 'MeterReading',
  '40-mmr-der-var.xml': 'MirrorMeterReading',
  '41-mr-der-var.xml': 'MeterReading',
  '42-mmr-der-v.xml': 'MirrorMeterReading',
  '43-mr-der-v.xml': 'MeterReading',
}

function parseFixture<K extends Sep2Kind>(name: string, kind: K): ParsedSep2<K> {
  const result = parseSep2(fixture(`annex-d/${name}`), kind)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value
}

describe('handbook Annex D payloads', () => {
  it('has a kind for every fixture file and a file for every kind', () => {
    expect(fixtureNames('annex-d')).toEqual(Object.keys(ANNEX_D_KINDS).sort())
  })

  it.each(Object.entries(ANNEX_D_KINDS))('%s parses as %s with nothing unknown and no warnings', (name, kind) => {
    const parsed = parseFixture(name, kind)
    expect(parsed.kind).toBe(kind)
    expect(parsed.unknown).toEqual([])
    expect(parsed.warnings).toEqual([])
  })

  it.each(Object.entries(ANNEX_D_KINDS))('%s round-trips: parse -> serialise -> parse is deep-equal', (name, kind) => {
    const first = parseFixture(name, kind)
    const xml = serialiseSep2(kind, first.doc)
    if (!xml.ok) throw new Error(xml.error.message)
    const second = parseSep2(xml.value, kind)
    expect(second.ok && second.value.doc).toEqual(first.doc)
  })
})

describe('Annex D values', () => {
  it('DeviceCapability links', () => {
    const { doc } = parseFixture('01-dcap.xml', 'DeviceCapability')
    expect(doc.TimeLink).toEqual({ href: '/api/v2/tm' })
    expect(doc.EndDeviceListLink).toEqual({ href: '/api/v2/edev', all: 5 })
    expect(doc.MirrorUsagePointListLink).toEqual({ href: '/api/v2/mup', all: 2 })
  })

  it('Time', () => {
    const { doc } = parseFixture('02-tm.xml', 'Time')
    expect(doc).toEqual({
      href: '/api/v2/tm',
      currentTime: 1682475024,
      dstEndTime: 1699174800,
      dstOffset: 3600,
      dstStartTime: 1678615200,
      localTime: 1682453424,
      quality: 5,
      tzOffset: -25200,
    })
  })

  it('EndDeviceList: attributes, LFDI and SFDI of every device', () => {
    const { doc } = parseFixture('03-edev-list.xml', 'EndDeviceList')
    expect([doc.all, doc.results, doc.subscribable]).toEqual([5, 5, 1])
    expect(doc.EndDevice?.map((d) => [d.href, d.lFDI, d.sFDI, d.enabled])).toEqual([
      ['/api/v2/edev/_EQLDEV3', '4075DE6031E562ACF4D9EAA765A5B2ED00057269', 173034634270, true],
      ['/api/v2/edev/_EQLDEV1', '4AECA0BBB7FE3A29920E6B0643348B2200057269', 201123460434, true],
      ['/api/v2/edev/E-AGGREQL', 'B1857F74B5DA25E82E78BE34877221CB89D55F45', 476530583793, undefined],
    ])
    expect(doc.EndDevice?.[0]?.FunctionSetAssignmentsListLink).toEqual({ href: '/api/v2/edev/_EQLDEV3/fsa', all: 2 })
    expect(doc.EndDevice?.[2]?.SubscriptionListLink).toEqual({ href: '/api/v2/edev/E-AGGREQL/sub', all: 0 })
  })

  it.each([
    ['04-rg-EQLDEV3.xml', 300, 1682464854, 1234],
    ['06-rg-EQLDEV1.xml', 300, 1682464854, 1234],
    ['08-rg-EQLDEV2.xml', 301, 1682464854, 1234],
    ['10-rg-EQLDEV4.xml', 301, 1682464854, 1234],
    ['12-rg-E-AGGREQL.xml', 301, 1682439677, 111115],
  ])('Registration %s: pollRate %i, registered %i, PIN %i', (name, pollRate, registered, pin) => {
    const { doc } = parseFixture(name, 'Registration')
    expect([doc.pollRate, doc.dateTimeRegistered, doc.pIN]).toEqual([pollRate, registered, pin])
  })

  it.each([
    ['05-edev-EQLDEV3.xml', '4075DE6031E562ACF4D9EAA765A5B2ED00057269', 173034634270],
    ['07-edev-EQLDEV1.xml', '4AECA0BBB7FE3A29920E6B0643348B2200057269', 201123460434],
    ['09-edev-EQLDEV2.xml', '7264E5CDFBF2C3E145B2489C464459A300057269', 307074408638],
    ['11-edev-EQLDEV4.xml', 'C1862AD7780DAF866A837405E15C974600057269', 519487276713],
    ['13-edev-E-AGGREQL.xml', 'B1857F74B5DA25E82E78BE34877221CB89D55F45', 476530583793],
  ])('EndDevice %s: lFDI %s, sFDI %i', (name, lfdi, sfdi) => {
    const { doc } = parseFixture(name, 'EndDevice')
    expect([doc.lFDI, doc.sFDI, doc.subscribable]).toEqual([lfdi, sfdi, 0])
  })

  it('MirrorUsagePointList: role flags as hex bitmaps', () => {
    const { doc } = parseFixture('14-mup-list.xml', 'MirrorUsagePointList')
    expect(doc.MirrorUsagePoint?.map((m) => [m.mRID, m.roleFlags, m.deviceLFDI])).toEqual([
      ['4075DE6031E562ACF4D9EA4900057269', { value: 0x49, raw: '49' }, '4075DE6031E562ACF4D9EAA765A5B2ED00057269'],
      ['4075DE6031E562ACF4D9EA0B00057269', { value: 0x0b, raw: '0B' }, '4075DE6031E562ACF4D9EAA765A5B2ED00057269'],
    ])
  })

  it('FunctionSetAssignmentsList', () => {
    const { doc } = parseFixture('15-fsa-list.xml', 'FunctionSetAssignmentsList')
    expect(doc.FunctionSetAssignments?.map((f) => [f.mRID, f.description, f.version, f.DERProgramListLink?.href, f.TimeLink?.href])).toEqual([
      ['DE045D141A8B335F96AFDE5AFECDBA09', 'FSA 2', 1, '/api/v2/edev/_EQLDEV3/fsa/2/derp', '/api/v2/tm'],
      ['5B58B532F06F361382ECF6F2FECDBA09', 'Inverter - EQLDEV3 FSA', 0, '/api/v2/edev/_EQLDEV3/fsa/1/derp', '/api/v2/tm'],
    ])
  })

  it.each([
    ['16-derp-list-fsa2.xml', 'C7170E2F587E43EE98E51043FECDBA09', 1, 5, '/api/v2/derp/TESTPRG3/dderc'],
    ['17-derp-list-fsa1.xml', 'C882D1F83246441786FB8278FECDBA09', 102, 0, undefined],
  ])('DERProgramList %s: mRID %s, primacy %i', (name, mrid, primacy, controls, dderc) => {
    const { doc } = parseFixture(name, 'DERProgramList')
    expect(doc.pollRate).toBe(301)
    const program = doc.DERProgram?.[0]
    expect([program?.mRID, program?.primacy, program?.DERControlListLink?.all, program?.DefaultDERControlLink?.href]).toEqual([mrid, primacy, controls, dderc])
  })

  it('DefaultDERControl: ImpLim = ExpLim = 15 x 10^2 = 1500 W, energize, setSoftGradW', () => {
    const { doc } = parseFixture('18-dderc.xml', 'DefaultDERControl')
    const base = doc.DERControlBase
    expect(base.opModImpLimW).toEqual({ multiplier: 2, value: 15 })
    expect(base.opModImpLimW && scaledNumber(base.opModImpLimW)).toBe(1500)
    expect(base.opModExpLimW && scaledNumber(base.opModExpLimW)).toBe(1500)
    expect(base.opModEnergize).toBe(true)
    expect([doc.setSoftGradW, doc.setGradW, doc.mRID]).toEqual([1, undefined, 'E6F3A83FC1E64929BB4502AA0CEA0FDB'])
  })

  // Watts per control: [mRID, start, Imp, Exp, Gen, Load] with multipliers applied.
  const CONTROLS: [string, number, number, number, number | undefined, number | undefined][] = [
    ['DC1B27AC943B44AC87DAF7E162B6F6D4', 1682475300, 3512, 2512, 30000, 30000],
    ['737A28BE154F4050BFB61D24202C0983', 1682475600, 2510, 2500, undefined, undefined],
    ['B449BA6254B54629824DD5A8483FDC85', 1682475900, 5000, 5000, undefined, undefined],
    ['13F80DFABADB421088DFC77B7C05AA7E', 1682476200, 12000, 10000, undefined, undefined],
    ['295BB93B19464FC99501B8AB04689F87', 1682476500, 0, 0, 0, 0],
  ]

  it.each(CONTROLS.map((row, index) => [index, ...row] as const))('DERControl %i (%s) limits in W', (index, mrid, start, imp, exp, gen, load) => {
    const { doc } = parseFixture('19-derc-list.xml', 'DERControlList')
    const control = doc.DERControl?.[index]
    const watts = (v: { value: number; multiplier: number } | undefined) => (v === undefined ? undefined : scaledNumber(v))
    expect(control?.mRID).toBe(mrid)
    expect(control?.interval).toEqual({ duration: 300, start })
    const base = control?.DERControlBase
    expect([watts(base?.opModImpLimW), watts(base?.opModExpLimW), watts(base?.opModGenLimW), watts(base?.opModLoadLimW)]).toEqual([imp, exp, gen, load])
  })

  it('DERControl attributes and EventStatus', () => {
    const { doc } = parseFixture('19-derc-list.xml', 'DERControlList')
    expect([doc.all, doc.results, doc.subscribable, doc.DERControl?.length]).toEqual([5, 5, 1, 5])
    const first = doc.DERControl?.[0]
    expect(first?.replyTo).toBe('/api/v2/rsps/res-ms/rsp')
    expect(first?.responseRequired).toEqual({ value: 3, raw: '03' })
    expect(first?.creationTime).toBe(1682511010)
    expect(first?.EventStatus).toEqual({
      currentStatus: 0,
      dateTime: 1682511010,
      potentiallySuperseded: false,
      potentiallySupersededTime: 1682511010,
      reason: '',
    })
  })

  it.each([
    ['20-derc-response-1.xml', 'DC1B27AC943B44AC87DAF7E162B6F6D4'],
    ['21-derc-response-2.xml', '737A28BE154F4050BFB61D24202C0983'],
    ['22-derc-response-3.xml', 'B449BA6254B54629824DD5A8483FDC85'],
    ['23-derc-response-4.xml', '13F80DFABADB421088DFC77B7C05AA7E'],
    ['24-derc-response-5.xml', '295BB93B19464FC99501B8AB04689F87'],
  ])('DERControlResponse %s answers %s with status 1 (received)', (name, subject) => {
    const { doc } = parseFixture(name, 'DERControlResponse')
    expect(doc).toEqual({ createdDateTime: 1682475000, endDeviceLFDI: '4075DE6031E562ACF4D9EAA765A5B2ED00057269', status: 1, subject })
  })

  it('empty DERControlList', () => {
    const { doc } = parseFixture('25-derc-list-empty.xml', 'DERControlList')
    expect(doc).toEqual({ all: 0, results: 0, subscribable: 1 })
  })

  it('DERList links', () => {
    const { doc } = parseFixture('26-der-list.xml', 'DERList')
    const der = doc.DER?.[0]
    expect(der?.DERStatusLink?.href).toBe('/api/v2/edev/_EQLDEV3/der/_EQLDEV3/ders')
    expect(der?.DERCapabilityLink?.href).toBe('/api/v2/edev/_EQLDEV3/der/_EQLDEV3/dercap')
    expect(der?.DERSettingsLink?.href).toBe('/api/v2/edev/_EQLDEV3/der/_EQLDEV3/derg')
    expect(der?.DERAvailabilityLink?.href).toBe('/api/v2/edev/_EQLDEV3/der/_EQLDEV3/dera')
  })

  it('DERStatus', () => {
    const { doc } = parseFixture('27-ders.xml', 'DERStatus')
    expect(doc.readingTime).toBe(1682475028)
    expect(doc.operationalModeStatus).toEqual({ dateTime: 1682475028, value: 2 })
    expect(doc.genConnectStatus).toEqual({ dateTime: 1682475028, value: { value: 0, raw: '0' } })
  })

  it('DERCapability: modesSupported 0x00500088, doeModesSupported 0x0F, ratings with multipliers', () => {
    const { doc } = parseFixture('28-dercap.xml', 'DERCapability')
    expect(doc.modesSupported).toEqual({ value: 0x00500088, raw: '00500088' })
    expect(doc.doeModesSupported).toEqual({ value: 15, raw: '0000000F' })
    expect(doc.type).toBe(1)
    expect(scaledNumber(doc.rtgMaxW)).toBe(50000)
    expect(doc.rtgMaxVA && scaledNumber(doc.rtgMaxVA)).toBe(52500)
    expect(doc.rtgMaxVar && scaledNumber(doc.rtgMaxVar)).toBe(2500)
    expect(doc.rtgVNom).toEqual({ multiplier: 0, value: 230 })
  })

  it('DERSettings', () => {
    const { doc } = parseFixture('29-derg.xml', 'DERSettings')
    expect([doc.updatedTime, doc.modesEnabled?.value, doc.setGradW]).toEqual([1682475029, 0x00500088, 1])
    expect(scaledNumber(doc.setMaxW)).toBe(50000)
    expect(doc.setMaxVA && scaledNumber(doc.setMaxVA)).toBe(52500)
  })

  it.each([
    ['30-mup-site.xml', '4075DE6031E562ACF4D9EA0B00057269', 'Site Measurement', 0x03],
    ['37-mup-der.xml', '4075DE6031E562ACF4D9EA4900057269', 'Device Measurement', 0x49],
  ])('MirrorUsagePoint %s', (name, mrid, description, roleFlags) => {
    const { doc } = parseFixture(name, 'MirrorUsagePoint')
    expect([doc.mRID, doc.description, doc.roleFlags.value, doc.serviceCategoryKind, doc.status]).toEqual([mrid, description, roleFlags, 0, 1])
    expect(doc.deviceLFDI).toBe('4075DE6031E562ACF4D9EAA765A5B2ED00057269')
  })

  it.each([
    ['31-mmr-site-w.xml', 48, 37, 3, 38],
    ['33-mmr-site-var.xml', 30000, 37, 0, 63],
    ['35-mmr-site-v.xml', 240, 9, 0, 29],
    ['38-mmr-der-w.xml', 48, 37, 3, 38],
    ['40-mmr-der-var.xml', 30000, 37, 0, 63],
    ['42-mmr-der-v.xml', 240, 9, 0, 29],
  ])('MirrorMeterReading %s: value %i, kind %i, 10^%i, uom %i', (name, value, kind, p10, uom) => {
    const { doc } = parseFixture(name, 'MirrorMeterReading')
    expect([doc.lastUpdateTime, doc.nextUpdateTime, doc.version]).toEqual([1682475000, 1682475300, 0])
    expect(doc.Reading).toEqual({ qualityFlags: { value: 0, raw: '00' }, value })
    const rt = doc.ReadingType
    expect([rt?.commodity, rt?.kind, rt?.dataQualifier, rt?.flowDirection, rt?.phase, rt?.powerOfTenMultiplier, rt?.uom]).toEqual([1, kind, 2, 19, 128, p10, uom])
  })

  it('MeterReading links', () => {
    const { doc } = parseFixture('32-mr-site-w.xml', 'MeterReading')
    expect(doc.mRID).toBe('33B710B2E8C2424997F8EA1E00057269')
    expect(doc.ReadingLink?.href).toBe('/api/v2/upt/86e73745-8a19-4ece-86c8-78a6852964a5/mr/33B710B2E8C2424997F8EA1E00057269/r')
    expect(doc.ReadingTypeLink?.href).toBe('/api/v2/upt/86e73745-8a19-4ece-86c8-78a6852964a5/mr/33B710B2E8C2424997F8EA1E00057269/rt')
  })
})
