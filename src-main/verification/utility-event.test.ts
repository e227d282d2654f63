import { describe, expect, it } from 'vitest'
import type { Resolution } from '../../src-shared/controls/scheduler/resolve'
import { cachedUtilityEventProbe, describeUtilityEvent, utilityEventAt } from './utility-event'

/** A resolution whose export limit comes from `source` (only `effective` is read). */
function resolutionWith(source: Resolution['effective']['expLimW']['source'], value: number): Resolution {
  const effective = { expLimW: { value, source }, impLimW: { value: null, source: { kind: 'implied' } } }
  return { effective } as unknown as Resolution
}

const event = { kind: 'event', mRID: 'EV1', programId: '/derp/0', primacy: 1 } as const

describe('the utility event that governs a mode (issue 17 item 5)', () => {
  it('names the event, with its description from the stored events', () => {
    const controls = { resolution: () => resolutionWith(event, 0), view: () => ({ events: [{ mRID: 'EV1', description: 'Export 0 W' }] }) }
    const found = utilityEventAt(controls, 'expLimW', 0)
    expect(found).toEqual({ mRID: 'EV1', programId: '/derp/0', description: 'Export 0 W', value: 0 })
    if (!found) throw new Error('an event governs the export limit')
    expect(describeUtilityEvent(found)).toBe('the utility\'s event "Export 0 W" (mRID EV1, 0 W)')
  })

  it('the default control is not an event: the run may replace it', () => {
    const controls = { resolution: () => resolutionWith({ kind: 'default', programId: '/derp/0' }, 1500), view: () => ({ events: [] }) }
    expect(utilityEventAt(controls, 'expLimW', 0)).toBeUndefined()
  })

  it('the probe reads the schedule at most once a second', () => {
    let reads = 0
    const probe = cachedUtilityEventProbe(() => ({ resolution: () => (reads++, resolutionWith(event, 0)) }))
    expect(probe('expLimW', 0)).toMatchObject({ mRID: 'EV1' })
    expect(probe('expLimW', 999)).toMatchObject({ mRID: 'EV1' })
    expect(reads).toBe(1)
    expect(probe('impLimW', 1000)).toBeUndefined()
    expect(reads).toBe(2)
  })
})
