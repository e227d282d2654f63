import { describe, expect, it } from 'vitest'
import { aggregateInterval, readingPlan, readingValues } from '../../src-shared/telemetry'
import type { SiteSample } from '../devices/device-manager'
import { telemetrySampleFromSiteSample } from './from-site-sample'

const T0 = Date.UTC(2026, 0, 15, 2, 0)

function siteSample(at: number, siteW: number, derW: number): SiteSample {
  return {
    seq: 0,
    at,
    mono: 0,
    roundMs: 20,
    periodMs: 200,
    site: {
      phases: { A: { W: siteW / 2, var: 50, V: 241 }, B: { W: siteW / 2, var: 50, V: 239 }, C: {} },
      total: { W: siteW, var: 100, Hz: 50.02 },
    },
    der: { W: derW, var: -20, VA: derW, V: 240, Hz: 50.02, energyWh: 0, reporting: 2, live: 2 },
    devices: [],
    gap: undefined,
  }
}

describe('device samples as telemetry (TEL-3, TEL-4)', () => {
  it('keeps the handbook 10.8.2 signs: site export negative, DER generation positive; a missing phase is left out', () => {
    const t = telemetrySampleFromSiteSample(siteSample(T0, -3000, 3800))
    expect(t.site).toEqual({ a: { w: -1500, var: 50, v: 241 }, b: { w: -1500, var: 50, v: 239 }, total: { w: -3000, var: 100 }, hz: 50.02 })
    expect(t.der).toEqual({ total: { w: 3800, var: -20 }, hz: 50.02 })
  })

  it('averages into readings with the right signs over an interval of 200 ms samples', () => {
    const interval = { startMs: T0 - 300_000, endMs: T0 }
    const samples = []
    for (let t = interval.startMs; t <= interval.endMs; t += 200) samples.push(telemetrySampleFromSiteSample(siteSample(t, -3000, 3800)))
    const plan = [
      ...readingPlan({ scope: 'site', phases: ['a', 'b'], voltage: true, frequency: true }),
      ...readingPlan({ scope: 'der', phases: [], voltage: false, frequency: false, totals: true }),
    ]
    const values = readingValues(aggregateInterval(samples, interval), plan)
    const byId = Object.fromEntries(values.readings.map((r) => [`${r.key.scope}.${r.key.phase}.${r.key.quantity}.${r.key.qualifier}`, r.value]))
    expect(byId['site.a.w.average']).toEqual({ value: -1500, multiplier: 0 })
    expect(byId['site.b.v.average']).toEqual({ value: 2390, multiplier: -1 })
    expect(byId['site.total.hz.maximum']).toEqual({ value: 5002, multiplier: -2 })
    expect(byId['der.total.w.average']).toEqual({ value: 3800, multiplier: 0 })
    expect(byId['der.total.var.average']).toEqual({ value: -20, multiplier: 0 })
    expect(values.missing).toEqual([])
  })
})
