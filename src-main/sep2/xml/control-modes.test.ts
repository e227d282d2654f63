import { describe, expect, it } from 'vitest'
import { modesFromView } from '../../../src-shared/controls'
import { controlModes } from '../client/control-views'
import { modesOf } from '../../controls/map-documents'
import { parseSep2 } from './codec'
import { modeValuesOf } from './control-modes'
import { fixture } from './test-support'

describe('one vocabulary: the codec mapping, the views and the controls service read the same table (issue 16 item 2)', () => {
  const list = parseSep2(fixture('annex-d/19-derc-list.xml'), 'DERControlList')
  if (!list.ok) throw new Error(list.error.message)
  const bases = (list.value.doc.DERControl ?? []).map((c) => c.DERControlBase)

  it('Annex D event 1: multipliers applied (3 x 10^4 W), in W', () => {
    expect(modeValuesOf(bases[0]!)).toEqual({ impLimW: 3512, expLimW: 2512, genLimW: 30_000, loadLimW: 30_000 })
  })

  it('the installer view converted back gives exactly what the controls service schedules, for every Annex D event', () => {
    expect(bases.length).toBeGreaterThan(1)
    for (const base of bases) expect(modesFromView(controlModes(base))).toEqual(modesOf(base))
  })

  it('a PerCent mode: 2030.5 hundredths in the engine, percent in the view', () => {
    const base = { ...bases[0]!, opModMaxLimW: 5_050 }
    expect(modesOf(base).maxLimW).toBe(5_050)
    expect(controlModes(base).opModMaxLimW).toBe(50.5)
  })
})
