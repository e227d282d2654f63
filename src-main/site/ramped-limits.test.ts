import { describe, expect, it } from 'vitest'
import type { Resolution, TimelineEntry } from '../../src-shared/controls'
import { resolveSchedule } from '../../src-shared/controls/scheduler/resolve'
import type { ProgramInput } from '../../src-shared/controls/types'
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

describe('ramps start from what the site can reach (issue 11 item 4)', () => {
  const HIGH = { kind: 'event' as const, mRID: 'HIGH', programId: 'P', primacy: 1 }
  const timeline: TimelineEntry[] = [
    { at: 0, mode: 'expLimW', value: 20_000, source: HIGH },
    { at: 0, mode: 'impLimW', value: 20_000, source: HIGH },
    { at: 100, mode: 'expLimW', value: 1500, source: DEFAULT },
    { at: 100, mode: 'impLimW', value: 1500, source: DEFAULT },
  ]
  const source = rampedLimitsFromControls({ controls: { resolution: () => resolutionWith(timeline) }, capacityW: 10_000 })

  it('export falls from the 10 kW capacity, not from the 20 kW event, at 28 W/s', () => {
    expect(source.at(110_000).expLimW).toBeCloseTo(10_000 - 280, 6)
    expect(source.at((100 + 8500 / 28) * 1000).expLimW).toBeCloseTo(1500, 6)
  })

  it('import, which household load can push past the DER capacity, falls from where it was', () => {
    expect(source.at(110_000).impLimW).toBeCloseTo(20_000 - 280, 6)
  })
})

describe('figure 6 through the scheduler, refreshed every second (CTL-5, SITE-1)', () => {
  const T0 = 1_800_000_000 // UTC seconds
  // Handbook figure 6: 10 kW of DER, default export 1.5 kW, 5 kW from 30 s to 350 s, 10 kW from 350 s to 650 s.
  const program: ProgramInput = {
    id: 'P',
    mRID: 'P',
    primacy: 1,
    defaultControl: { modes: { expLimW: 1500, impLimW: 4000 } },
    events: [
      { mRID: 'E1', programId: 'P', creationTime: T0 - 100, currentStatus: 0, start: T0 + 30, duration: 320, modes: { expLimW: 5000 } },
      { mRID: 'E2', programId: 'P', creationTime: T0 - 100, currentStatus: 0, start: T0 + 350, duration: 300, modes: { expLimW: 10_000 }, rampTms: 0 },
    ],
  }
  const controls = { resolution: (atMs = 0) => resolveSchedule({ programs: [program], fixed: { expLimW: 1500, impLimW: 1500 }, now: atMs / 1000, draws: {}, horizonS: 3600 }) }

  it('ramps at 28 W/s, steps into an event with rampTms 0, and never jumps across a refresh', () => {
    const source = rampedLimitsFromControls({ controls, capacityW: 10_000 })
    const seen: number[] = []
    for (let t = 0; t <= 1000; t++) {
      source.refresh((T0 + t) * 1000)
      seen.push(source.at((T0 + t) * 1000).expLimW ?? NaN)
    }
    expect(seen[0]).toBeCloseTo(1500, 6)
    // 1500 + 28 x (100 - 30) = 3460
    expect(seen[100]).toBeCloseTo(3460, 3)
    expect(seen[155]).toBeCloseTo(5000, 3)
    // E2 has rampTms 0: the limit steps to 10 kW at 350 s (the event's own ramp time wins over setGradW).
    expect(seen[350]).toBeCloseTo(10_000, 3)
    // back down at setGradW: 10000 - 28 x (800 - 650) = 5800
    expect(seen[800]).toBeCloseTo(5800, 3)
    expect(seen[1000]).toBeCloseTo(1500, 3)
    for (let t = 1; t < seen.length; t++) if (t !== 350) expect(Math.abs((seen[t] ?? 0) - (seen[t - 1] ?? 0))).toBeLessThanOrEqual(28 + 1e-6)
    expect(source.at((T0 + 100) * 1000)).toMatchObject({ impLimW: expect.closeTo(4000, 6), connect: true, energize: true })
  })
})

describe('rebuilt midway, an event ramp keeps its rampTms (handbook 11.3: rampTms is the time of the whole change)', () => {
  const T0 = 1_800_000_000
  const program: ProgramInput = {
    id: 'P',
    mRID: 'P',
    primacy: 1,
    defaultControl: { modes: { expLimW: 1500 } },
    events: [{ mRID: 'E1', programId: 'P', creationTime: T0 - 100, currentStatus: 0, start: T0 + 30, duration: 300, modes: { expLimW: 5000 }, rampTms: 1000 }],
  }
  const controls = { resolution: (atMs = 0) => resolveSchedule({ programs: [program], fixed: { expLimW: 1500, impLimW: 1500 }, now: atMs / 1000, draws: {}, horizonS: 3600 }) }

  it('refreshed every second, the 1.5 -> 5 kW change still takes 10 s (350 W/s)', () => {
    const source = rampedLimitsFromControls({ controls, capacityW: 10_000 })
    for (let t = 0; t <= 45; t++) {
      source.refresh((T0 + t) * 1000)
      const expected = t < 30 ? 1500 : Math.min(5000, 1500 + 350 * (t - 30))
      expect(source.at((T0 + t) * 1000).expLimW, `at ${t} s`).toBeCloseTo(expected, 6)
    }
  })
})
