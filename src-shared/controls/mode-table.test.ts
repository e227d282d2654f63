import { describe, expect, it } from 'vitest'
import { impliedValue } from './scheduler/evaluate'
import { CONTROL_MODE_TABLE, DEFAULT_SET_GRAD_W, MODE_SPECS, fromViewValue, toViewValue } from './mode-table'
import { modeValuesText, modesFromView, viewModes } from './mode-views'
import { CONTROL_MODES } from './types'

describe('the control-mode table, row by row against the handbook (CTL-1, 10.6, 10.7, figure 8)', () => {
  it.each([
    // mode, element, namespace, wire type, unit, valid range, implied default (handbook figure 8 "Implied Mode Defaults")
    ['expLimW', 'opModExpLimW', 'csipaus', 'ActivePower', 'W', { min: 0, max: Number.MAX_VALUE }, Infinity],
    ['impLimW', 'opModImpLimW', 'csipaus', 'ActivePower', 'W', { min: 0, max: Number.MAX_VALUE }, Infinity],
    ['genLimW', 'opModGenLimW', 'csipaus', 'ActivePower', 'W', { min: 0, max: Number.MAX_VALUE }, Infinity],
    ['loadLimW', 'opModLoadLimW', 'csipaus', 'ActivePower', 'W', { min: 0, max: Number.MAX_VALUE }, Infinity],
    ['connect', 'opModConnect', 'sep', 'boolean', 'on/off', undefined, true],
    ['energize', 'opModEnergize', 'sep', 'boolean', 'on/off', undefined, true],
    // handbook FAQ "Why is the opModMaxLimW percentage more than 100?": hundredths of a percent of setMaxW.
    ['maxLimW', 'opModMaxLimW', 'sep', 'PerCent', 'hundredths of % of setMaxW', { min: 0, max: 10_000 }, 10_000],
    ['fixedW', 'opModFixedW', 'sep', 'SignedPerCent', 'hundredths of % of setMaxW', { min: -10_000, max: 10_000 }, null],
    ['targetW', 'opModTargetW', 'sep', 'ActivePower', 'W', { min: -Number.MAX_VALUE, max: Number.MAX_VALUE }, null],
  ] as const)('%s: %s (%s, %s) in %s', (mode, element, ns, wire, unit, range, implied) => {
    const spec = CONTROL_MODE_TABLE[mode]
    expect({ element: spec.element, ns: spec.ns, wire: spec.wire, unit: spec.unit, range: spec.range }).toEqual({ element, ns, wire, unit, range })
    expect(spec.implied).toBe(implied)
    expect(impliedValue(mode)).toBe(implied)
  })

  it('lists every control mode once, in the CTL-1 order', () => {
    expect(MODE_SPECS.map((s) => s.mode)).toEqual([...CONTROL_MODES])
  })

  it('handbook 10.7: setGradW unspecified = 28 (0.28 %/s, AS 4777)', () => {
    expect(DEFAULT_SET_GRAD_W).toBe(28)
  })

  it('percent modes are hundredths on the wire and percent in the views; watts are watts', () => {
    expect(toViewValue('maxLimW', 5_000)).toBe(50)
    expect(fromViewValue('maxLimW', 50)).toBe(5_000)
    expect(toViewValue('expLimW', 1500)).toBe(1500)
    const engine = { expLimW: 1500, maxLimW: 12_345, fixedW: -2_500, connect: false }
    expect(viewModes(engine, 600)).toEqual({ opModExpLimW: 1500, opModMaxLimW: 123.45, opModFixedW: -25, opModConnect: false, rampTms: 6 })
    expect(modesFromView(viewModes(engine))).toEqual(engine)
  })

  it('writes one line in the table\'s words and units', () => {
    expect(modeValuesText({ expLimW: 1500, genLimW: Infinity, energize: false, maxLimW: 5_000 })).toBe('export 1500 W, generation unlimited, de-energize, max 50 %')
  })
})
