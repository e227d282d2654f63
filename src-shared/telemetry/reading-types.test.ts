import { describe, it, expect } from 'vitest'
import {
  DESCRIPTION_MAX_LENGTH,
  readingDescription,
  readingKeyId,
  readingMrid,
  readingPlan,
  readingType,
  type Qualifier,
  type ReadingKey,
} from './reading-types'
import type { ChannelPhase, Quantity, Scope } from './telemetry-types'
import { validateMrid } from '../identity/mrid'

const key = (scope: Scope, phase: ChannelPhase, quantity: Quantity, qualifier: Qualifier = 'average'): ReadingKey => ({
  scope,
  phase,
  quantity,
  qualifier,
})

describe('ReadingType fields (TEL-3, handbook 10.8.4 and Annex D)', () => {
  it('reproduces the handbook 10.8.4 example: Average W Reading - Phase A (Site)', () => {
    expect(readingType(key('site', 'a', 'w'), { powerOfTenMultiplier: 0 })).toEqual({
      commodity: 1,
      dataQualifier: 2,
      flowDirection: 19,
      intervalLength: 300,
      kind: 37,
      phase: 128,
      powerOfTenMultiplier: 0,
      uom: 38,
    })
  })

  it('reproduces Annex D: W x 10^3, var, and V with kind 9', () => {
    expect(readingType(key('der', 'a', 'w'), { powerOfTenMultiplier: 3 })).toMatchObject({ kind: 37, flowDirection: 19, powerOfTenMultiplier: 3, uom: 38 })
    expect(readingType(key('site', 'a', 'var'), { powerOfTenMultiplier: 0 })).toMatchObject({ kind: 37, dataQualifier: 2, flowDirection: 19, phase: 128, uom: 63 })
    expect(readingType(key('site', 'a', 'v'), { powerOfTenMultiplier: 0 })).toMatchObject({ kind: 9, dataQualifier: 2, flowDirection: 19, phase: 128, uom: 29 })
  })

  it('strict 2030.5 profile: only defined enumeration values, flow naming the positive direction', () => {
    const strict = { powerOfTenMultiplier: 0, profile: 'ieee-2030.5' as const }
    expect(readingType(key('site', 'a', 'w'), strict)).toMatchObject({ kind: 37, flowDirection: 1 })
    expect(readingType(key('der', 'a', 'w'), strict)).toMatchObject({ kind: 37, flowDirection: 19 })
    expect(readingType(key('site', 'b', 'v'), strict)).toMatchObject({ kind: 0, flowDirection: 0, phase: 64, uom: 29 })
  })

  it('phases, qualifiers, units and the interval length', () => {
    const rt = (k: ReadingKey) => readingType(k, { powerOfTenMultiplier: -2, intervalLengthS: 60 })
    expect(rt(key('site', 'b', 'w')).phase).toBe(64)
    expect(rt(key('site', 'c', 'w')).phase).toBe(32)
    expect(rt(key('site', 'total', 'w')).phase).toBe(0)
    expect(rt(key('site', 'total', 'hz', 'maximum'))).toMatchObject({ dataQualifier: 8, uom: 33, phase: 0, kind: 0, flowDirection: 0 })
    expect(rt(key('der', 'total', 'hz', 'minimum'))).toMatchObject({ dataQualifier: 9, intervalLength: 60, powerOfTenMultiplier: -2 })
  })
})

describe('the readings to post (handbook 10.8 table 4)', () => {
  const ids = (keys: ReadingKey[]) => keys.map(readingKeyId)

  it('three-phase site: W, var, V per phase, frequency max and min', () => {
    expect(ids(readingPlan({ scope: 'site', phases: ['a', 'b', 'c'], voltage: true, frequency: true }))).toEqual([
      'site.a.w.average', 'site.b.w.average', 'site.c.w.average', // Real power, average, W, mandatory
      'site.a.var.average', 'site.b.var.average', 'site.c.var.average', // Reactive power, average, var, mandatory
      'site.a.v.average', 'site.b.v.average', 'site.c.v.average', // Voltage per phase, average, V, mandatory
      'site.total.hz.maximum', // Frequency, maximum, optional
      'site.total.hz.minimum', // Frequency, minimum, optional
    ])
  })

  it('DER aggregate: W and var mandatory, voltage and frequency optional', () => {
    expect(ids(readingPlan({ scope: 'der', phases: ['a'], voltage: false, frequency: false }))).toEqual(['der.a.w.average', 'der.a.var.average'])
    expect(ids(readingPlan({ scope: 'der', phases: ['a'], voltage: true, frequency: false }))).toContain('der.a.v.average')
  })

  it('net totals are added only on request', () => {
    const plan = ids(readingPlan({ scope: 'site', phases: ['a', 'b', 'c'], voltage: false, frequency: false, totals: true }))
    expect(plan).toContain('site.total.w.average')
    expect(plan).toContain('site.total.var.average')
    expect(plan).not.toContain('site.total.v.average')
  })
})

describe('MirrorMeterReading descriptions', () => {
  it('fit String32 and still say Site or DER (10.8.3)', () => {
    const all = (['site', 'der'] as const).flatMap((scope) =>
      readingPlan({ scope, phases: ['a', 'b', 'c'], voltage: true, frequency: true, totals: true }),
    )
    const descriptions = all.map(readingDescription)
    for (const d of descriptions) expect(d.length).toBeLessThanOrEqual(DESCRIPTION_MAX_LENGTH)
    expect(new Set(descriptions).size).toBe(descriptions.length)
    expect(readingDescription(key('site', 'a', 'w'))).toBe('Avg W Reading - Phase A (Site)')
    expect(readingDescription(key('der', 'c', 'var'))).toBe('Avg var Reading - Phase C (DER)')
    expect(readingDescription(key('site', 'total', 'hz', 'maximum'))).toBe('Max Hz Reading (Site)')
  })
})

describe('reading mRIDs (handbook 10.8.4, FAQ, ID-6)', () => {
  it('24 random hex digits, upper-cased, then the PEN as 8 digits', () => {
    const mrid = readingMrid({ randomHex: '33b710b2e8c2424997f8ea1e', pen: 57269 })
    expect(mrid).toEqual({ ok: true, value: '33B710B2E8C2424997F8EA1E00057269' }) // Annex D's first reading
    if (mrid.ok) expect(validateMrid(mrid.value, { pen: 57269 })).toEqual({ valid: true, reasons: [] })
  })

  it('refuses short or non-hex random parts and bad PENs', () => {
    expect(readingMrid({ randomHex: 'ABC', pen: 57269 })).toMatchObject({ ok: false, error: { code: 'TELEMETRY_MRID' } })
    expect(readingMrid({ randomHex: 'Z'.repeat(24), pen: 57269 }).ok).toBe(false)
    expect(readingMrid({ randomHex: 'A'.repeat(24), pen: 0 }).ok).toBe(false)
  })
})
