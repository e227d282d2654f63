import { describe, expect, it } from 'vitest'
import { smoothTowards } from './smoothing'
import { DEFAULT_CONTROLLER_SETTINGS } from './types'

const settings = DEFAULT_CONTROLLER_SETTINGS // deadband 50, step 500, smoothing 0.5, margin 100

describe('smoothing the generation setpoint under a noisy load (issue 11)', () => {
  it('a wider rise band holds small rises', () => {
    expect(smoothTowards({ previousW: 2000, targetW: 2150, ceilingW: 8000, settings })).toBe(2075)
    expect(smoothTowards({ previousW: 2000, targetW: 2150, ceilingW: 8000, settings, riseDeadbandW: 200 })).toBe(2000)
  })

  it('a wider cut band skips cuts only up to the margin: a larger one is made at once (handbook 11.3)', () => {
    expect(smoothTowards({ previousW: 2000, targetW: 1920, ceilingW: 8000, settings, cutDeadbandW: 300 })).toBe(2000)
    expect(smoothTowards({ previousW: 2000, targetW: 1890, ceilingW: 8000, settings, cutDeadbandW: 300 })).toBe(1890)
  })
})
