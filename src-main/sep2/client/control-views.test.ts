/** DERControlBase with multipliers applied (handbook 10.6, Annex D) and CSV export escaping. */
import { describe, expect, it } from 'vitest'
import type { ExchangeRecord } from '../../../src-shared/contract/server'
import { controlModes, describeModes } from './control-views'
import { exchangesToCsv } from './exchange-export'

describe('control modes', () => {
  it.each([
    [{ value: 15, multiplier: 2 }, 1500],
    [{ value: 3, multiplier: 4 }, 30000],
    [{ value: 251, multiplier: 1 }, 2510],
    [{ value: 5, multiplier: -1 }, 0.5],
    [{ value: 3512, multiplier: 0 }, 3512],
  ])('opModExpLimW %j is %d W', (scaled, watts) => {
    expect(controlModes({ opModExpLimW: scaled }).opModExpLimW).toBe(watts)
  })

  it('rampTms is hundredths of a second; percentages are hundredths of a percent', () => {
    expect(controlModes({ rampTms: 12_500, opModFixedW: 5_000, opModMaxLimW: 10_000, opModConnect: false })).toEqual({ rampTms: 125, opModFixedW: 50, opModMaxLimW: 100, opModConnect: false })
    expect(describeModes({ opModExpLimW: 1500, opModEnergize: true })).toBe('export 1500 W, energize')
  })
})

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    const record: ExchangeRecord = {
      id: 1, siteId: 's', method: 'GET', url: 'https://x/a?s=0,1', status: 200, durationMs: 5, startedAt: Date.UTC(2026, 0, 1), attempt: 1,
      requestBody: null, responseBody: '<a b="c">\n</a>', tlsVersion: 'TLSv1.3', tlsCipher: null, errorCode: null,
    }
    expect(exchangesToCsv([record]).split('\r\n')[1]).toBe('1,2026-01-01T00:00:00.000Z,GET,"https://x/a?s=0,1",200,5,1,TLSv1.3,,,,"<a b=""c"">\n</a>"')
  })
})
