/** Scheduler timeline -> ramp steps -> envelope: figure 6 driven by real events (CTL-3 + CTL-5). */
import { describe, it, expect } from 'vitest'
import { resolveSchedule } from '../scheduler/resolve'
import { makeEvent } from '../scheduler/test-builders'
import type { ProgramInput } from '../types'
import { buildRampEnvelope } from './envelope'
import { rampTmsByEvent, stepsFromTimeline } from './from-timeline'

const T0 = 1_700_000_000

function programs(rampTms?: number): ProgramInput[] {
  return [{
    id: 'P', mRID: 'MP', primacy: 1,
    defaultControl: { modes: { expLimW: 1_500 } },
    events: [
      makeEvent({ mRID: 'E5', programId: 'P', start: T0 + 30, duration: 320, modes: { expLimW: 5_000 } }),
      makeEvent({ mRID: 'E10', programId: 'P', start: T0 + 350, duration: 300, modes: { expLimW: 10_000 }, ...(rampTms === undefined ? {} : { rampTms }) }),
    ],
  }]
}

function envelopeFor(p: ProgramInput[]) {
  const r = resolveSchedule({ programs: p, fixed: { expLimW: 1_500, impLimW: 1_500 }, now: T0, draws: {}, horizonS: 3_600 })
  const steps = stepsFromTimeline({ timeline: r.timeline, mode: 'expLimW', rampTms: rampTmsByEvent(p) })
  return { steps, env: buildRampEnvelope({ steps, capacityW: 10_000, setGradW: p[0]?.defaultControl?.setGradW }) }
}

describe('stepsFromTimeline', () => {
  it('turns the export timeline into default/event steps with rampTms', () => {
    const { steps } = envelopeFor(programs(6_000))
    expect(steps).toEqual([
      { at: T0, value: 1_500, kind: 'default' },
      { at: T0 + 30, value: 5_000, kind: 'event' },
      { at: T0 + 350, value: 10_000, kind: 'event', rampTms: 6_000 },
      { at: T0 + 650, value: 1_500, kind: 'default' },
    ])
  })

  it('figure 6 from the schedule: 5 kW at 155 s, 10 kW at ~528.6 s, 1.5 kW at ~953.6 s', () => {
    const { env } = envelopeFor(programs())
    expect(env.at(T0 + 155).ramped).toBeCloseTo(5_000, 6)
    expect(env.at(T0 + 400).ramped).toBeCloseTo(5_000 + 28 * 50, 6)
    expect(env.at(T0 + 529).ramped).toBe(10_000)
    expect(env.at(T0 + 954).ramped).toBe(1_500)
  })

  it('a null or boolean value reads as no limit', () => {
    const steps = stepsFromTimeline({ timeline: [{ at: 0, mode: 'fixedW', value: null, source: { kind: 'implied' } }], mode: 'fixedW', rampTms: new Map() })
    expect(steps).toEqual([{ at: 0, value: Infinity, kind: 'implied' }])
  })
})
