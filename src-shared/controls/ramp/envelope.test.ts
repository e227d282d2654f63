/** handbook 11.3 figures 6 and 7 (figures.md), CTL-5. */
import { describe, it, expect } from 'vitest'
import { DEFAULT_SET_GRAD_W } from '../mode-table'
import { buildRampEnvelope, type TargetStep } from './envelope'

const CAPACITY = 10_000 // a 10 kW DER
// setGradW absent -> 28 hundredths of a percent per second of 10 kW = 28 W/s
const RATE = (DEFAULT_SET_GRAD_W / 10_000) * CAPACITY

function figureSteps(rampTmsSecond?: number): TargetStep[] {
  const second: TargetStep = { at: 350, value: 10_000, kind: 'event' }
  return [
    { at: 0, value: 1_500, kind: 'default' },
    { at: 30, value: 5_000, kind: 'event' },
    rampTmsSecond === undefined ? second : { ...second, rampTms: rampTmsSecond },
    { at: 650, value: 1_500, kind: 'default' },
  ]
}

describe('figure 6: rampTms absent, 28 W/s both ways', () => {
  const env = buildRampEnvelope({ steps: figureSteps(), capacityW: CAPACITY })

  it('the rate is 28 W/s', () => expect(RATE).toBe(28))

  it.each([
    [0, 1_500, 1_500],
    [29, 1_500, 1_500],
    [30, 5_000, 1_500],
    [60, 5_000, 1_500 + 28 * 30], // 2340
    [154, 5_000, 1_500 + 28 * 124], // 4972
    [155, 5_000, 5_000], // 1500 + 28 * 125 = 5000: reached at 30 + 3500/28 = 155 s
    [300, 5_000, 5_000],
    [350, 10_000, 5_000],
    [400, 10_000, 5_000 + 28 * 50], // 6400
    [528, 10_000, 5_000 + 28 * 178], // 9984
    [529, 10_000, 10_000], // reached at 350 + 5000/28 = 528.57 s
    [650, 1_500, 10_000],
    [700, 1_500, 10_000 - 28 * 50], // 8600, the fall is ramped too
    [953, 1_500, 10_000 - 28 * 303], // 1516
    [954, 1_500, 1_500], // reached at 650 + 8500/28 = 953.57 s
    [2_000, 1_500, 1_500],
  ])('t = %d s: target %d W, ramped %d W', (t, target, ramped) => {
    const p = env.at(t)
    expect(p.target).toBe(target)
    expect(p.ramped).toBeCloseTo(ramped, 6)
  })

  it('reaches each target at the figure\'s times', () => {
    expect(env.segments.map((s) => s.reachesAt)).toEqual([0, 155, 350 + 5000 / 28, 650 + 8500 / 28])
    expect(env.segments[2]?.reachesAt).toBeCloseTo(528.6, 1)
    expect(env.segments[3]?.reachesAt).toBeCloseTo(953.6, 1)
  })
})

describe('figure 7 in spirit: rampTms 6000 (60 s) on the second control', () => {
  const env = buildRampEnvelope({ steps: figureSteps(6000), capacityW: CAPACITY })

  it.each([
    [350, 5_000],
    [380, 5_000 + (5_000 / 60) * 30], // 7500: the whole 5 kW change takes 60 s
    [410, 10_000],
    [650, 10_000],
    [700, 10_000 - 28 * 50], // back to the default at setGradW
    [954, 1_500],
  ])('t = %d s: ramped %d W', (t, ramped) => {
    expect(env.at(t).ramped).toBeCloseTo(ramped, 6)
  })
})

describe('interrupted ramps continue from where they are', () => {
  it('an event cut short ramps back to the default from its midway value', () => {
    const env = buildRampEnvelope({
      steps: [{ at: 0, value: 1_500, kind: 'default' }, { at: 30, value: 5_000, kind: 'event' }, { at: 100, value: 1_500, kind: 'default' }],
      capacityW: CAPACITY,
    })
    // at 100 s the ramp had reached 1500 + 28 * 70 = 3460 W; back down at 28 W/s: 1960 / 28 = 70 s -> 170 s
    expect(env.at(100).ramped).toBeCloseTo(3_460, 6)
    expect(env.at(135).ramped).toBeCloseTo(3_460 - 28 * 35, 6)
    expect(env.at(170).ramped).toBeCloseTo(1_500, 6)
  })

  it('a rampTms ramp starts from the current ramped value', () => {
    const env = buildRampEnvelope({
      steps: [{ at: 0, value: 1_500, kind: 'default' }, { at: 30, value: 5_000, kind: 'event' }, { at: 100, value: 10_000, kind: 'event', rampTms: 1_000 }],
      capacityW: CAPACITY,
    })
    // from 3460 W to 10000 W in 10 s: 654 W/s
    expect(env.at(105).ramped).toBeCloseTo(3_460 + 654 * 5, 6)
    expect(env.at(110).ramped).toBe(10_000)
  })
})

describe('setGradW and rampTms edge values', () => {
  const steps: TargetStep[] = [{ at: 0, value: 1_500, kind: 'default' }, { at: 10, value: 5_000, kind: 'event' }]

  it('setGradW 0 = no limit: a step', () => {
    expect(buildRampEnvelope({ steps, capacityW: CAPACITY, setGradW: 0 }).at(10).ramped).toBe(5_000)
  })

  it('setGradW 100 = 1 %/s of 10 kW = 100 W/s', () => {
    expect(buildRampEnvelope({ steps, capacityW: CAPACITY, setGradW: 100 }).at(20).ramped).toBe(2_500)
  })

  it('rampTms 0 = a step', () => {
    const s: TargetStep[] = [steps[0] as TargetStep, { at: 10, value: 5_000, kind: 'event', rampTms: 0 }]
    expect(buildRampEnvelope({ steps: s, capacityW: CAPACITY }).at(10).ramped).toBe(5_000)
  })

  it("decrease: 'step' makes falls immediate, rises still ramp", () => {
    const env = buildRampEnvelope({ steps: figureSteps(), capacityW: CAPACITY, decrease: 'step' })
    expect(env.at(60).ramped).toBeCloseTo(2_340, 6)
    expect(env.at(650).ramped).toBe(1_500)
  })

  it('from no limit (Infinity) the ramp down starts at the capacity', () => {
    const env = buildRampEnvelope({
      steps: [{ at: 0, value: Infinity, kind: 'implied' }, { at: 10, value: 5_000, kind: 'event' }],
      capacityW: CAPACITY,
    })
    expect(env.at(5).ramped).toBe(Infinity)
    expect(env.at(20).ramped).toBeCloseTo(10_000 - 28 * 10, 6)
  })

  it('a fall from an event above what the site can reach starts at the achievable value (issue 11 item 4)', () => {
    const steps: TargetStep[] = [{ at: 0, value: 20_000, kind: 'event' }, { at: 10, value: 1_500, kind: 'default' }]
    const capped = buildRampEnvelope({ steps, capacityW: CAPACITY, achievableW: CAPACITY })
    expect(capped.at(20).ramped).toBeCloseTo(10_000 - 28 * 10, 6)
    expect(capped.at(10 + 8_500 / 28).ramped).toBeCloseTo(1_500, 6)
    // Without it the limit would still be above the capacity 5 minutes after the fall began.
    expect(buildRampEnvelope({ steps, capacityW: CAPACITY }).at(310).ramped).toBeGreaterThan(CAPACITY)
  })

  it('between two values above the achievable one the limit simply steps (nothing the site could do changes)', () => {
    const steps: TargetStep[] = [{ at: 0, value: 20_000, kind: 'event' }, { at: 10, value: 15_000, kind: 'event', rampTms: 1000 }]
    expect(buildRampEnvelope({ steps, capacityW: CAPACITY, achievableW: CAPACITY }).at(10)).toEqual({ target: 15_000, ramped: 15_000 })
  })

  it('an event rampTms spans the achievable part of the change', () => {
    const steps: TargetStep[] = [{ at: 0, value: 20_000, kind: 'event' }, { at: 10, value: 0, kind: 'event', rampTms: 1000 }]
    const env = buildRampEnvelope({ steps, capacityW: CAPACITY, achievableW: CAPACITY })
    expect(env.at(15).ramped).toBeCloseTo(5_000, 6)
    expect(env.at(20).ramped).toBe(0)
  })

  it('no steps: no limit', () => {
    expect(buildRampEnvelope({ steps: [], capacityW: CAPACITY }).at(5)).toEqual({ target: Infinity, ramped: Infinity })
  })
})
