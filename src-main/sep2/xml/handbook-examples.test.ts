import { describe, expect, it } from 'vitest'
import { parseSep2, serialiseSep2 } from './codec'
import { fixture } from './test-support'

// handbook 10.8.3 (usage points: role flags 03 site / 49 DER) and 10.8.4 (meter reading).
describe('handbook 10.8.3 MirrorUsagePoint examples', () => {
  it.each([
    ['10.8.3-mup-site.xml', '01E0F2357FF85E4B7EE6C60300057269', 'NMI123567 Site Readings', 0x03],
    ['10.8.3-mup-der.xml', '01E0F2357FF85E4B7EE6C64900057269', 'NMI123567 DER Readings', 0x49],
  ])('%s', (file, mrid, description, roleFlags) => {
    const result = parseSep2(fixture(`handbook/${file}`), 'MirrorUsagePoint')
    if (!result.ok) throw new Error(result.error.message)
    const { doc } = result.value
    expect([doc.mRID, doc.description, doc.roleFlags.value, doc.serviceCategoryKind, doc.status]).toEqual([mrid, description, roleFlags, 0, 1])
    // The LFDI is wrapped onto a second line in the handbook: whitespace is not part of the value.
    expect(doc.deviceLFDI).toBe('01E0F2357FF85E4B7EE6C60ED43B22DF278F17E0')
    expect(result.value.unknown).toEqual([])
  })
})

describe('handbook 10.8.4 MirrorMeterReading example', () => {
  const result = parseSep2(fixture('handbook/10.8.4-mmr.xml'), 'MirrorMeterReading')

  it('reads the reading and its type', () => {
    if (!result.ok) throw new Error(result.error.message)
    const { doc } = result.value
    expect([doc.mRID, doc.lastUpdateTime, doc.nextUpdateTime, doc.version]).toEqual(['AA00007301', 1659656880, 1659657180, 0])
    expect(doc.Reading).toEqual({ qualityFlags: { value: 1, raw: '0001' }, value: 1500 })
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

  it('round-trips', () => {
    if (!result.ok) throw new Error(result.error.message)
    const xml = serialiseSep2('MirrorMeterReading', result.value.doc)
    const again = xml.ok ? parseSep2(xml.value, 'MirrorMeterReading') : xml
    expect(again.ok && again.value.doc).toEqual(result.value.doc)
  })
})
