import { describe, expect, it } from 'vitest'
import type { ReadingValue } from '../../src-shared/telemetry'
import { parseSep2 } from '../sep2/xml'
import { mirrorMeterReadingXml, mirrorUsagePointXml } from './mirror-documents'

const LFDI = '01E0F2357FF85E4B7EE6C60ED43B22DF278F17E0'
const PEN = 57269

describe('MirrorUsagePoints (TEL-2, handbook 10.8.3)', () => {
  it.each([
    { scope: 'site' as const, mRID: '01E0F2357FF85E4B7EE6C60300057269', roleFlags: '03', description: 'NMI123567 Site Readings' },
    { scope: 'der' as const, mRID: '01E0F2357FF85E4B7EE6C64900057269', roleFlags: '49', description: 'NMI123567 DER Readings' },
  ])('$scope: mRID, roleFlags and description as the handbook example', ({ scope, mRID, roleFlags, description }) => {
    const xml = mirrorUsagePointXml(scope, { lfdi: LFDI, pen: PEN, nmi: 'NMI123567' })
    if (!xml.ok) throw new Error(xml.error.message)
    expect(xml.value).toContain(`<roleFlags>${roleFlags}</roleFlags>`)
    const parsed = parseSep2(xml.value, 'MirrorUsagePoint')
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.value.doc).toMatchObject({ mRID, description, serviceCategoryKind: 0, status: 1, deviceLFDI: LFDI })
    expect(parsed.value.doc.roleFlags.value).toBe(Number.parseInt(roleFlags, 16))
  })
})

describe('MirrorMeterReading (TEL-3, TEL-4, handbook 10.8.4)', () => {
  it('site export on phase A: negative value, ReadingType of the handbook, the interval ending at the tick', () => {
    const reading: ReadingValue = {
      key: { scope: 'site', phase: 'a', quantity: 'w', qualifier: 'average' },
      timeTagS: 1659656880,
      durationS: 300,
      value: { value: -1500, multiplier: 0 },
      qualityFlags: 1,
      coverage: 1,
    }
    const xml = mirrorMeterReadingXml(reading, { mRID: 'AA000073010000000000000000057269' })
    if (!xml.ok) throw new Error(xml.error.message)
    const parsed = parseSep2(xml.value, 'MirrorMeterReading')
    if (!parsed.ok) throw new Error(parsed.error.message)
    const doc = parsed.value.doc
    expect(doc).toMatchObject({ description: 'Avg W Reading - Phase A (Site)', lastUpdateTime: 1659656880, nextUpdateTime: 1659657180, version: 0 })
    expect(doc.Reading).toMatchObject({ value: -1500, timePeriod: { start: 1659656580, duration: 300 } })
    expect(doc.Reading?.qualityFlags?.value).toBe(1)
    expect(doc.ReadingType).toEqual({
      commodity: 1,
      kind: 37,
      dataQualifier: 2,
      flowDirection: 19,
      phase: 128,
      powerOfTenMultiplier: 0,
      intervalLength: 300,
      uom: 38,
    })
  })

  it('voltage with a -1 multiplier and frequency minimum', () => {
    const v = mirrorMeterReadingXml(
      { key: { scope: 'site', phase: 'b', quantity: 'v', qualifier: 'average' }, timeTagS: 600, durationS: 300, value: { value: 2401, multiplier: -1 }, qualityFlags: 1, coverage: 1 },
      { mRID: 'AB' },
    )
    expect(v.ok && v.value).toContain('<powerOfTenMultiplier>-1</powerOfTenMultiplier>')
    const hz = mirrorMeterReadingXml(
      { key: { scope: 'der', phase: 'total', quantity: 'hz', qualifier: 'minimum' }, timeTagS: 600, durationS: 300, value: { value: 4995, multiplier: -2 }, qualityFlags: 1, coverage: 1 },
      { mRID: 'AC' },
    )
    if (!hz.ok) throw new Error(hz.error.message)
    const parsed = parseSep2(hz.value, 'MirrorMeterReading')
    expect(parsed.ok && parsed.value.doc.ReadingType).toMatchObject({ dataQualifier: 9, uom: 33, phase: 0, powerOfTenMultiplier: -2 })
  })
})
