import { describe, expect, it } from 'vitest'
import { parseSep2, serialiseSep2 } from './codec'
import type { Sep2Kind } from './models'
import { fixture } from './test-support'

// shared/reference/sep2-examples (IEEE 2030.5-2018 Annex C examples, MIT), copied verbatim.
const MODELLED: [string, Sep2Kind][] = [
  ['device_capability/devicecapability.xml', 'DeviceCapability'],
  ['does/derprogramlist.xml', 'DERProgramList'],
  ['does/dercontrollist.xml', 'DERControlList'],
  ['end_device_resource/enddevicelist.xml', 'EndDeviceList'],
  ['end_device_resource/enddevice.xml', 'EndDevice'],
  ['end_device_resource/functionsetassignmentslist.xml', 'FunctionSetAssignmentsList'],
  ['end_device_resource/registration.xml', 'Registration'],
  ['meter_mirroring/mirrorusagepoint.xml', 'MirrorUsagePoint'],
  ['meter_mirroring/mirrormeterreading.xml', 'MirrorMeterReading'],
  ['meter_mirroring/readingtype.xml', 'ReadingType'],
  ['meter_mirroring/readingsetlist.xml', 'ReadingSetList'],
  ['meter_mirroring/meterreadinglist.xml', 'MeterReadingList'],
  ['meter_mirroring/usagepointlist.xml', 'UsagePointList'],
  ['meter_mirroring/readinglist.xml', 'ReadingList'],
  ['pricing/readingtype.xml', 'ReadingType'],
]

// Pricing is not a CSIP-AUS function set the commissioning client uses: these roots are not modelled.
const NOT_MODELLED = ['pricing/ratecomponentlist.xml', 'pricing/tariffprofile.xml', 'pricing/timetariffintervallist.xml', 'pricing/consumptiontariffintervallist.xml']

function parsed<K extends Sep2Kind>(file: string, kind: K) {
  const result = parseSep2(fixture(`sep2-examples/${file}`), kind)
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`)
  return result.value
}

describe('reference sep2-examples', () => {
  it.each(MODELLED)('%s parses as %s, nothing unknown, and round-trips', (file, kind) => {
    const first = parsed(file, kind)
    expect(first.unknown).toEqual([])
    expect(first.warnings).toEqual([])
    const xml = serialiseSep2(kind, first.doc)
    const second = xml.ok ? parseSep2(xml.value, kind) : xml
    expect(second.ok && second.value.doc).toEqual(first.doc)
  })

  it.each(NOT_MODELLED)('%s is reported as an unexpected root, not a crash', (file) => {
    const result = parseSep2(fixture(`sep2-examples/${file}`))
    expect(!result.ok && result.error.code).toBe('SEP2_XML_UNEXPECTED_ROOT')
  })

  it('DERControl with a curve link (opModVoltWatt) and randomization', () => {
    const ctl = parsed('does/dercontrollist.xml', 'DERControlList').doc.DERControl?.[0]
    expect(ctl?.DERControlBase.opModVoltWatt).toEqual({ href: '/derp/0/dc/3' })
    expect([ctl?.randomizeStart, ctl?.randomizeDuration, ctl?.interval.start, ctl?.interval.duration]).toEqual([180, 180, 1341446400, 86400])
    expect(ctl?.EventStatus.potentiallySuperseded).toBe(false)
  })

  it('EndDevice SFDI and links; FunctionSetAssignments', () => {
    const edev = parsed('end_device_resource/enddevice.xml', 'EndDevice').doc
    expect([edev.sFDI, edev.changedTime, edev.ConfigurationLink?.href, edev.SubscriptionListLink?.all]).toEqual([987654321005, 1379905200, '/edev/3/cfg', 0])
    const fsa = parsed('end_device_resource/functionsetassignmentslist.xml', 'FunctionSetAssignmentsList').doc
    expect(fsa.FunctionSetAssignments?.map((f) => f.mRID)).toEqual(['0ED30F5A0000', '0ED30F5A0001'])
  })

  it('MirrorUsagePoint with a nested MirrorMeterReading; MirrorReadingSet', () => {
    const mup = parsed('meter_mirroring/mirrorusagepoint.xml', 'MirrorUsagePoint').doc
    expect([mup.roleFlags.value, mup.deviceLFDI, mup.MirrorMeterReading?.[0]?.Reading?.value]).toEqual([0x13, '00', 125])
    expect(mup.MirrorMeterReading?.[0]?.ReadingType?.powerOfTenMultiplier).toBe(3)
    const mmr = parsed('meter_mirroring/mirrormeterreading.xml', 'MirrorMeterReading').doc
    expect(mmr.MirrorReadingSet?.[0]?.timePeriod).toEqual({ duration: 86400, start: 1341579365 })
    expect(mmr.MirrorReadingSet?.[0]?.Reading?.[0]).toEqual({ value: 10, localID: '17' })
  })

  it('ReadingList keeps all 24 readings in order', () => {
    const list = parsed('meter_mirroring/readinglist.xml', 'ReadingList').doc
    expect(list.Reading?.length).toBe(24)
    expect(list.Reading?.[10]).toEqual({ href: '/upt/1/mr/1/rs/32/r/e', value: 6, localID: '0A' })
  })
})
