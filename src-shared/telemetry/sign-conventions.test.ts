import { describe, it, expect } from 'vitest'
import {
  INTERNAL_CONVENTION,
  derReadingFromChargeW,
  derReadingFromGenerationW,
  sampleToReadingSign,
  signFactor,
  siteReadingFromExportW,
  siteReadingFromImportW,
  toReadingSign,
} from './sign-conventions'
import { aggregateInterval } from './averaging'

describe('sign conventions (TEL-4, handbook 10.8.2)', () => {
  it('site readings: negative for export / generation, positive for consumption', () => {
    expect(siteReadingFromImportW(1200)).toBe(1200) // importing = consuming
    expect(siteReadingFromImportW(-3000)).toBe(-3000) // exporting
    expect(siteReadingFromExportW(3000)).toBe(-3000)
    expect(siteReadingFromExportW(-1200)).toBe(1200)
  })

  it('DER readings: positive for generation, negative for consumption', () => {
    expect(derReadingFromGenerationW(4500)).toBe(4500)
    expect(derReadingFromGenerationW(-800)).toBe(-800) // battery charging from the grid
    expect(derReadingFromChargeW(2000)).toBe(-2000)
    expect(derReadingFromChargeW(-2000)).toBe(2000) // discharging
  })

  it('the internal convention passes through unchanged for both scopes', () => {
    expect(signFactor(INTERNAL_CONVENTION.site, 'site')).toBe(1)
    expect(signFactor(INTERNAL_CONVENTION.der, 'der')).toBe(1)
  })

  it('a value signed for one scope converts to the other scope', () => {
    // The PV inverter's output seen as site flow: generation is export, so negative.
    expect(toReadingSign(4000, { from: 'der-generation-positive', scope: 'site' })).toBe(-4000)
    expect(toReadingSign(4000, { from: 'site-export-positive', scope: 'der' })).toBe(4000)
  })

  it('never produces -0', () => {
    expect(Object.is(siteReadingFromExportW(0), 0)).toBe(true)
    expect(Object.is(derReadingFromChargeW(0), 0)).toBe(true)
  })

  it('a whole sample flips W and var but never V or Hz', () => {
    const sample = { a: { w: 3000, var: -200, v: 241 }, total: { w: 3000 }, hz: 50.01 }
    expect(sampleToReadingSign(sample, { from: 'site-export-positive', scope: 'site' })).toEqual({
      a: { w: -3000, var: 200, v: 241 },
      total: { w: -3000, var: undefined },
      hz: 50.01,
    })
    expect(sampleToReadingSign(sample, { from: 'site-import-positive', scope: 'site' })).toBe(sample)
  })

  it('converting before averaging keeps maximum and minimum the right way round', () => {
    const start = 0
    const samples = [1000, 5000].map((w, i) => ({
      t: start + (i + 1) * 150_000,
      site: sampleToReadingSign({ a: { w } }, { from: 'site-export-positive', scope: 'site' }),
    }))
    const w = aggregateInterval(samples, { startMs: start, endMs: start + 300_000 }).site.channels[0]?.stats
    expect(w).toMatchObject({ maximum: -1000, minimum: -5000 })
  })
})
