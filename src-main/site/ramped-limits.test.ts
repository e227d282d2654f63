import { describe, expect, it } from 'vitest'
import type { Resolution, TimelineEntry } from '../../src-shared/controls'
import { rampedLimitsFromControls } from './ramped-limits'

const EVENT = { kind: 'event' as const, mRID: 'E1', programId: 'P', primacy: 1 }
const DEFAULT = { kind: 'default' as const, programId: 'P' }

function resolutionWith(timeline: TimelineEntry[]): Resolution {
  return { now: 0, effective: {} as Resolution['effective'], timeline, intents: [], nextChangeAt: undefined, windows: [] }
}

describe('ramped limits from the controls schedule (SITE-1, handbook 11.3)', () => {
  const timeline: TimelineEntry[] = [
    { at: 0, mode: 'expLimW', value: 5000, source: DEFAULT },
    { at: 0, mode: 'connect', value: true, source: DEFAULT },
    { at: 100, mode: 'expLimW', value: 1500, source: EVENT },
    { at: 200, mode: 'connect', value: false, source: EVENT },
  ]
  const make = (tl: TimelineEntry[]) => {
    let current = tl
    const source = rampedLimitsFromControls({
      controls: { resolution: () => resolutionWith(current) },
      capacityW: 10_000,
      rampTms: () => new Map([['E1', 1000]]),
    })
    return { source, set: (next: TimelineEntry[]) => (current = next) }
  }

  it('ramps the export limit over the event rampTms (10 s) and passes connect through', () => {
    const { source } = make(timeline)
    expect(source.at(50_000)).toEqual({ expLimW: 5000, connect: true })
    expect(source.at(105_000).expLimW).toBe(3250)
    expect(source.at(110_000).expLimW).toBe(1500)
    expect(source.at(250_000)).toEqual({ expLimW: 1500, connect: false })
  })

  it('a schedule change mid-ramp carries on from where the ramp had got to', () => {
    const { source, set } = make(timeline)
    expect(source.at(105_000).expLimW).toBe(3250)
    set([{ at: 105, mode: 'expLimW', value: 1500, source: EVENT }])
    source.refresh(105_000)
    expect(source.at(105_000).expLimW).toBe(3250)
    expect(source.at(106_000).expLimW).toBeLessThan(3250)
    expect(source.at(106_000).expLimW).toBeGreaterThan(1500)
  })

  it('without a limit the mode is absent (the controller reads that as unlimited)', () => {
    const { source } = make([{ at: 0, mode: 'expLimW', value: null, source: { kind: 'implied' } }])
    expect(source.at(1000)).toEqual({})
  })
})
