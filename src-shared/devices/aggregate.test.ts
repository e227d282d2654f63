import { describe, expect, it } from 'vitest'
import { aggregateDer } from './aggregate'
import type { DerLive } from './der-values'

const inverter = (v: Partial<DerLive>): DerLive => ({ W: 0, var: 0, VA: 0, V: 0, Hz: 0, A: 0, PF: undefined, energyWh: 0, state: undefined, ...v })

describe('aggregateDer', () => {
  it('sums powers and averages voltage and frequency when both inverters run', () => {
    const a = aggregateDer([inverter({ W: 3000, var: 100, V: 240, Hz: 50.02, energyWh: 1000 }), inverter({ W: 2000, var: -50, V: 244, Hz: 49.98, energyWh: 500 })])
    expect(a.W).toBe(5000)
    expect(a.var).toBe(50)
    expect(a.V).toBe(242)
    expect(a.Hz).toBeCloseTo(50, 9)
    expect(a.energyWh).toBe(1500)
    expect(a.live).toBe(2)
  })

  it('one of two inverters stopped (0 W, 0 V, 0 Hz): voltage and frequency are not halved', () => {
    const a = aggregateDer([inverter({ W: 3000, V: 241, Hz: 50.01, energyWh: 1000 }), inverter({ W: 0, V: 0, Hz: 0, energyWh: 700 })])
    expect(a.W).toBe(3000)
    expect(a.V).toBe(241)
    expect(a.Hz).toBe(50.01)
    expect(a.energyWh).toBe(1700)
    expect(a.reporting).toBe(2)
    expect(a.live).toBe(1)
  })

  it('one of two inverters not answering: it is left out, not counted as zero', () => {
    const a = aggregateDer([inverter({ W: 2500, V: 239, Hz: 50 }), undefined])
    expect(a.W).toBe(2500)
    expect(a.V).toBe(239)
    expect(a.reporting).toBe(1)
  })

  it('no inverter reporting gives unknown values rather than zeros', () => {
    const a = aggregateDer([undefined, undefined])
    expect(a.W).toBeUndefined()
    expect(a.V).toBeUndefined()
  })
})
