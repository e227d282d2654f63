import { describe, it, expect } from 'vitest'
import { inventoryFromSiteDer, siteCapability, siteSettings, siteTotals, type DerInventoryEntry } from './ratings'

const pv: DerInventoryEntry = { type: 4, count: 2, rtgMaxW: 5000, rtgMaxVA: 5000, rtgMaxVar: 3000 }
const bess: DerInventoryEntry = { type: 80, rtgMaxW: 5000, rtgMaxVA: 6000, rtgMaxVar: 3000, rtgMaxVarNeg: -2500, rtgMaxWh: 13_500 }

describe('site sums of ratings and settings (handbook 10.3.2, 10.3.3, TEL-1)', () => {
  it('sums ratings across devices and counts', () => {
    expect(siteTotals([pv, bess])).toMatchObject({
      rtgMaxW: 15_000,
      rtgMaxVA: 16_000,
      rtgMaxVar: 9000,
      rtgMaxVarNeg: -8500, // -3000 x 2 (defaults to -rtgMaxVar) + -2500
      rtgMaxWh: 13_500,
    })
  })

  it('settings default to the ratings (10.3.3)', () => {
    expect(siteTotals([pv, { ...bess, setMaxW: 3000 }])).toMatchObject({ setMaxW: 13_000, setMaxVA: 16_000, setMaxVar: 9000 })
  })

  it('members no device has are left out', () => {
    const t = siteTotals([{ type: 4, rtgMaxW: 6000 }])
    expect(t).toEqual({ rtgMaxW: 6000, rtgMaxVA: 6000, setMaxW: 6000, setMaxVA: 6000 })
  })

  it('setGradW is the setMaxW-weighted mean, not a sum', () => {
    const t = siteTotals([
      { type: 4, rtgMaxW: 10_000, setGradW: 28 },
      { type: 80, rtgMaxW: 5000, setGradW: 100 },
    ])
    expect(t.setGradW).toBe(52) // (28 x 10 kW + 100 x 5 kW) / 15 kW
  })

  it('scales into Int16 value + multiplier as the 2030.5 power types expect', () => {
    const cap = siteCapability([pv, bess])
    expect(cap).toEqual({
      ok: true,
      value: {
        type: 83,
        rtgMaxW: { value: 15_000, multiplier: 0 },
        rtgMaxVA: { value: 16_000, multiplier: 0 },
        rtgMaxVar: { value: 9000, multiplier: 0 },
        rtgMaxVarNeg: { value: -8500, multiplier: 0 },
        rtgMaxWh: { value: 13_500, multiplier: 0 },
      },
    })
    // Annex D's 50 kW / 52.5 kVA site.
    const big = siteSettings([{ type: 1, rtgMaxW: 50_000, rtgMaxVA: 52_500, rtgMaxVar: 2500, setGradW: 1 }])
    expect(big).toEqual({
      ok: true,
      value: {
        setMaxW: { value: 5000, multiplier: 1 },
        setMaxVA: { value: 5250, multiplier: 1 },
        setMaxVar: { value: 2500, multiplier: 0 },
        setMaxVarNeg: { value: -2500, multiplier: 0 },
        setGradW: 1,
      },
    })
  })

  it('setGradW is always present (2030.5 requires it): 28 = 0.28 %/s when no device states one', () => {
    expect(siteSettings([{ type: 4, rtgMaxW: 6000 }])).toMatchObject({ ok: true, value: { setGradW: 28 } })
    expect(siteSettings([{ type: 4, rtgMaxW: 6000 }], { defaultSetGradW: 100 })).toMatchObject({ ok: true, value: { setGradW: 100 } })
  })

  it('an impossible rating is an error result, not a crash', () => {
    expect(siteCapability([{ type: 4, rtgMaxW: 1e20 }])).toMatchObject({ ok: false, error: { code: 'DER_RATING_RANGE' } })
  })

  it('reads the Site step inventory', () => {
    const inventory = inventoryFromSiteDer([
      { type: 4, ratedW: 5000, ratedVA: 5000, count: 2 },
      { type: 80, ratedW: 5000, ratedVA: 5000, storageWh: 13_500, count: 1 },
    ])
    expect(siteTotals(inventory)).toMatchObject({ rtgMaxW: 15_000, rtgMaxVA: 15_000, rtgMaxWh: 13_500 })
  })
})
