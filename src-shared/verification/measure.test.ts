import { describe, expect, it } from 'vitest'
import { measuredFor } from './measure'

describe('measuredFor (handbook 10.8.2 signs)', () => {
  it.each([
    ['expLimW', { siteW: -3200, derW: 4000 }, 3200],
    ['expLimW', { siteW: 500, derW: 4000 }, 0],
    ['impLimW', { siteW: 1200, derW: -800 }, 1200],
    ['impLimW', { siteW: -100, derW: 0 }, 0],
    ['genLimW', { siteW: 0, derW: 2500 }, 2500],
    ['loadLimW', { siteW: 0, derW: -2500 }, 2500],
    ['connect', { siteW: 0, derW: -300 }, 300],
    ['energize', { siteW: 0, derW: 0 }, 0],
  ] as const)('%s of %o is %d W', (mode, powers, expected) => {
    expect(measuredFor(mode, powers)).toBe(expected)
  })

  it('gives nothing when the meter or the DER gave nothing', () => {
    expect(measuredFor('expLimW', { siteW: undefined, derW: 100 })).toBeUndefined()
    expect(measuredFor('genLimW', { siteW: 100, derW: undefined })).toBeUndefined()
  })
})
