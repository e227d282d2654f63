import { describe, expect, it } from 'vitest'
import { stepPosition, WIZARD_STEPS } from './wizard'

describe('stepPosition (Step x of 8, Back and Next)', () => {
  it('numbers every step of the flow in order, with its neighbours', () => {
    expect(WIZARD_STEPS.map(stepPosition)).toEqual([
      { number: 1, total: 8, next: 'certificates' },
      { number: 2, total: 8, previous: 'site', next: 'devices' },
      { number: 3, total: 8, previous: 'certificates', next: 'server' },
      { number: 4, total: 8, previous: 'devices', next: 'limits' },
      { number: 5, total: 8, previous: 'server', next: 'verification' },
      { number: 6, total: 8, previous: 'limits', next: 'telemetry' },
      { number: 7, total: 8, previous: 'verification', next: 'report' },
      { number: 8, total: 8, previous: 'telemetry' },
    ])
  })
})
