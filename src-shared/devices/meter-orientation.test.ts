import { describe, expect, it } from 'vitest'
import type { MeterReading, Quantities } from './meter-profile'
import { checkMeterOrientation } from './meter-orientation'

function meter(a: Quantities, b: Quantities, c: Quantities): MeterReading {
  const total = [a, b, c].reduce((s, q) => s + (q.W ?? 0), 0)
  return { phases: { A: a, B: b, C: c }, total: { W: total } }
}

describe('checkMeterOrientation (handbook 10.8.2: site export reads negative)', () => {
  it('export negative on every phase: OK', () => {
    const r = checkMeterOrientation({ meter: meter({ W: -1500, PF: -1 }, { W: -1400, PF: -0.99 }, { W: -1450, PF: -1 }), generationW: 4800 })
    expect(r.verdict).toEqual({ kind: 'ok' })
    expect(r.siteW).toBe(-4350)
    expect(r.words).toMatch(/right way round/)
  })

  it('all phases read import while generating: CTs reversed', () => {
    const r = checkMeterOrientation({ meter: meter({ W: 1500, PF: 1 }, { W: 1400, PF: 1 }, { W: 1450, PF: 1 }), generationW: 4800 })
    expect(r.verdict).toEqual({ kind: 'ct-reversed', phases: ['A', 'B', 'C'] })
    expect(r.words).toMatch(/reversed/)
  })

  it('one phase reads import: that CT reversed', () => {
    const r = checkMeterOrientation({ meter: meter({ W: -1500, PF: -1 }, { W: 1400, PF: 1 }, { W: -1450, PF: -1 }), generationW: 4800 })
    expect(r.verdict).toEqual({ kind: 'ct-reversed', phases: ['B'] })
  })

  it('a CT measuring another phase shows a poor power factor: phase swapped', () => {
    const r = checkMeterOrientation({ meter: meter({ W: 750, PF: 0.5 }, { W: -1400, PF: -1 }, { W: 720, PF: 0.48 }), generationW: 4800 })
    expect(r.verdict).toEqual({ kind: 'phase-swapped', phases: ['A', 'C'] })
  })

  it('too little generation: inconclusive, and says what to do', () => {
    const r = checkMeterOrientation({ meter: meter({ W: 300 }, { W: 200 }, { W: 100 }), generationW: 100 })
    expect(r.verdict.kind).toBe('inconclusive')
    expect(r.words).toMatch(/Start generation/)
  })

  it('single-phase generation only checks its own phase', () => {
    const r = checkMeterOrientation({ meter: meter({ W: -2500, PF: -1 }, { W: 300, PF: 1 }, { W: 200, PF: 1 }), generationW: 3000, generationPhases: ['A'] })
    expect(r.verdict).toEqual({ kind: 'ok' })
  })
})
