import { describe, it, expect } from 'vitest'
import { aggregateInterval } from './averaging'
import { readingPlan } from './reading-types'
import { QUALITY_QUESTIONABLE, QUALITY_VALID, readingValues } from './reading-values'
import type { TelemetrySample } from './telemetry-types'

const START = Date.UTC(2026, 2, 2, 13, 25)
const END = START + 300_000

function steady(make: (t: number) => TelemetrySample, toMs = END): TelemetrySample[] {
  const out: TelemetrySample[] = []
  for (let t = START + 200; t <= toMs; t += 200) out.push(make(t))
  return out
}

describe('reading values for one interval (TEL-3)', () => {
  const samples = steady((t) => ({ t, site: { a: { w: -48_000, var: 300, v: 240.1 }, hz: t % 1000 === 0 ? 50.02 : 49.98 } }))
  const aggregate = aggregateInterval(samples, { startMs: START, endMs: END })
  const plan = readingPlan({ scope: 'site', phases: ['a'], voltage: true, frequency: true })

  it('picks the qualifier statistic, scales it into Int16 and tags it with the interval end', () => {
    const { readings, missing, errors } = readingValues(aggregate, plan)
    expect(missing).toEqual([])
    expect(errors).toEqual([])
    const byId = Object.fromEntries(readings.map((r) => [`${r.key.quantity}.${r.key.qualifier}`, r.value]))
    expect(byId).toEqual({
      'w.average': { value: -4800, multiplier: 1 },
      'var.average': { value: 300, multiplier: 0 },
      'v.average': { value: 2401, multiplier: -1 },
      'hz.maximum': { value: 5002, multiplier: -2 },
      'hz.minimum': { value: 4998, multiplier: -2 },
    })
    expect(readings[0]).toMatchObject({ timeTagS: END / 1000, durationS: 300, qualityFlags: QUALITY_VALID })
  })

  it('keeps a fixed multiplier when the value fits it, and falls back when it does not', () => {
    const { readings } = readingValues(aggregate, plan, { multipliers: { 'site.a.w.average': 3, 'site.a.var.average': -2 } })
    expect(readings[0]?.value).toEqual({ value: -48, multiplier: 3 })
    // 300 var at 10^-2 would be 30000, which fits; at 10^-3 it would not.
    expect(readings[1]?.value).toEqual({ value: 30_000, multiplier: -2 })
    const tooFine = readingValues(aggregate, plan, { multipliers: { 'site.a.var.average': -3 } })
    expect(tooFine.readings[1]?.value).toEqual({ value: 300, multiplier: 0 })
  })

  it('reports planned readings with no data as missing and marks low-coverage intervals questionable', () => {
    const sparse = aggregateInterval(
      steady((t) => ({ t, site: { a: { w: 100 } } }), START + 60_000),
      { startMs: START, endMs: END },
    )
    const result = readingValues(sparse, plan)
    expect(result.readings.map((r) => r.key.quantity)).toEqual(['w'])
    expect(result.readings[0]?.qualityFlags).toBe(QUALITY_QUESTIONABLE)
    expect(result.missing.map((k) => `${k.quantity}.${k.qualifier}`)).toEqual(['var.average', 'v.average', 'hz.maximum', 'hz.minimum'])
  })

  it('quality is judged per reading: a voltage read only half the time is questionable, W beside it is valid', () => {
    const half = aggregateInterval(
      steady((t) => ({ t, site: t <= START + 150_000 ? { a: { w: 1, v: 240 } } : { a: { w: 1 } } })),
      { startMs: START, endMs: END },
    )
    const flags = readingValues(half, plan).readings.map((r) => [r.key.quantity, r.qualityFlags])
    expect(flags).toEqual([['w', QUALITY_VALID], ['v', QUALITY_QUESTIONABLE]])
  })
})
