import { describe, expect, it } from 'vitest'
import { requireSunspecModel } from '../../src-main/modbus/sunspec/model-library'
import { decodeModel, numberAt, stringAt } from './sunspec-model-decode'
import { buildModelImage, type GroupContent } from './sunspec-model-encode'
import { decodePointRaw } from './sunspec-point-codec'
import type { SunSpecPointType } from './sunspec-model-types'

function decode(id: number, content: GroupContent) {
  const def = requireSunspecModel(id)
  return decodeModel({ def, words: buildModelImage(def, content), address: 40002 })
}

describe('SunSpec scale factors', () => {
  it.each([
    { sf: -1, raw: 1234, value: 123.4 },
    { sf: -2, raw: 5002, value: 50.02 },
    { sf: 0, raw: 1234, value: 1234 },
    { sf: 2, raw: 12, value: 1200 },
  ])('W raw $raw with W_SF $sf reads $value', ({ sf, raw, value }) => {
    const m = decode(103, { points: { W: raw, W_SF: sf } })
    expect(m.root.points.W?.value).toBe(value)
    expect(m.root.points.W?.raw).toBe(raw)
    expect(m.root.points.W?.scale).toBe(sf)
  })

  it('a negative value with a negative scale factor', () => {
    expect(numberAt(decode(203, { points: { W: -2500, W_SF: -1 } }), 'W')).toBe(-250)
  })

  it('a missing (not implemented) scale factor leaves the value unknown, with a note', () => {
    const m = decode(103, { points: { W: 1234 } })
    expect(m.root.points.W_SF?.raw).toBeNull()
    expect(m.root.points.W?.raw).toBe(1234)
    expect(m.root.points.W?.value).toBeNull()
    expect(m.root.points.W?.note).toMatch(/W_SF/)
  })
})

describe('SunSpec not-implemented sentinels', () => {
  const cases: { type: SunSpecPointType; words: number[]; size: number }[] = [
    { type: 'int16', words: [0x8000], size: 1 },
    { type: 'sunssf', words: [0x8000], size: 1 },
    { type: 'uint16', words: [0xffff], size: 1 },
    { type: 'enum16', words: [0xffff], size: 1 },
    { type: 'bitfield16', words: [0xffff], size: 1 },
    { type: 'acc16', words: [0], size: 1 },
    { type: 'acc32', words: [0, 0], size: 2 },
    { type: 'acc64', words: [0, 0, 0, 0], size: 4 },
    { type: 'int32', words: [0x8000, 0], size: 2 },
    { type: 'uint32', words: [0xffff, 0xffff], size: 2 },
    { type: 'enum32', words: [0xffff, 0xffff], size: 2 },
    { type: 'bitfield32', words: [0xffff, 0xffff], size: 2 },
    { type: 'uint64', words: [0xffff, 0xffff, 0xffff, 0xffff], size: 4 },
    { type: 'int64', words: [0x8000, 0, 0, 0], size: 4 },
    { type: 'float32', words: [0x7fc0, 0], size: 2 },
    { type: 'string', words: [0, 0, 0, 0], size: 4 },
  ]
  it.each(cases)('$type $words is not implemented', ({ type, words, size }) => {
    expect(decodePointRaw(type, words, size)).toBeNull()
  })

  it.each([
    { type: 'int16' as const, words: [0x8001], size: 1, value: -32767 },
    { type: 'int16' as const, words: [0xffff], size: 1, value: -1 },
    { type: 'uint16' as const, words: [0xfffe], size: 1, value: 65534 },
    { type: 'acc32' as const, words: [0, 1], size: 2, value: 1 },
    { type: 'int32' as const, words: [0xffff, 0xfffe], size: 2, value: -2 },
    { type: 'uint32' as const, words: [0x0001, 0x0000], size: 2, value: 65536 },
    { type: 'float32' as const, words: [0x4248, 0], size: 2, value: 50 },
    { type: 'uint64' as const, words: [0, 0, 1, 0], size: 4, value: 65536 },
  ])('values next to the sentinels decode: $type $words = $value', ({ type, words, size, value }) => {
    expect(decodePointRaw(type, words, size)).toBe(value)
  })
})

describe('SunSpec strings, enums and bitfields', () => {
  it('decodes common model 1 strings, trimming the zero padding', () => {
    const m = decode(1, { points: { Mn: 'SunSpec Inc', Md: 'Model X-5000', SN: 'ABC123', Vr: '1.2.3' } })
    expect(stringAt(m, 'Mn')).toBe('SunSpec Inc')
    expect(stringAt(m, 'Md')).toBe('Model X-5000')
    expect(stringAt(m, 'SN')).toBe('ABC123')
    expect(m.root.points.Opt?.value).toBeNull()
    expect(m.length).toBe(66)
  })

  it('names an enum value and the bits set in a bitfield', () => {
    const m = decode(103, { points: { St: 4, Evt1: 2 ** 0 + 2 ** 3 } })
    expect(m.root.points.St?.symbol).toBe('MPPT')
    expect(m.root.points.Evt1?.flags).toEqual(['GROUND_FAULT', 'DC_DISCONNECT'])
  })
})

describe('SunSpec repeating groups', () => {
  it('model 160: modules repeat to fill the model, scaled by the parent group scale factors', () => {
    const m = decode(160, {
      points: { DCA_SF: -2, DCV_SF: -1, DCW_SF: 0, DCWH_SF: 0, N: 2 },
      groups: { module: [{ points: { ID: 1, IDStr: 'String A', DCW: 2100, DCV: 3605 } }, { points: { ID: 2, IDStr: 'String B', DCW: 1900 } }] },
    })
    const modules = m.root.groups.module ?? []
    expect(modules).toHaveLength(2)
    expect(modules[0]?.points.IDStr?.value).toBe('String A')
    expect(modules[0]?.points.DCV?.value).toBe(360.5)
    expect(modules[1]?.points.DCW?.value).toBe(1900)
  })

  it('model 705: curves counted by NCrv, points by NPt (nested)', () => {
    const pt = (v: number, q: number) => ({ points: { V: v, Var: q } })
    const m = decode(705, {
      points: { NPt: 2, NCrv: 2, V_SF: 0, DeptRef_SF: 0, RspTms_SF: 0 },
      groups: { Crv: [{ points: { ActPt: 2 }, groups: { Pt: [pt(92, 30), pt(108, -30)] } }, { points: { ActPt: 2 }, groups: { Pt: [pt(90, 40), pt(110, -40)] } }] },
    })
    const curves = m.root.groups.Crv ?? []
    expect(curves).toHaveLength(2)
    expect(curves[1]?.groups.Pt?.[1]?.points.Var?.value).toBe(-40)
    expect(curves[0]?.groups.Pt?.[0]?.points.V?.value).toBe(92)
  })

  it('model 704: sync groups decode once, with the scale factor from the enclosing group', () => {
    const m = decode(704, { points: { PF_SF: -3 }, groups: { PFWInj: [{ points: { PF: 950 } }] } })
    expect(m.root.groups.PFWInj?.[0]?.points.PF?.value).toBe(0.95)
  })
})

describe('SunSpec decoding of a hand-written register image (independent of the encoder)', () => {
  it('model 203: negative power with a negative scale factor, per-phase values, acc32 energy, missing points', () => {
    const def = requireSunspecModel(203)
    const words = new Array<number>(107).fill(0)
    words[0] = 203
    words[1] = 105
    const at = (name: string) => {
      let offset = 0
      for (const p of def.group.points) {
        if (p.name === name) return offset
        offset += p.size
      }
      throw new Error(name)
    }
    const set = (name: string, ...w: number[]) => w.forEach((v, i) => (words[at(name) + i] = v))
    set('W', 0xf830) // -2000
    set('WphA', 0xfc18) // -1000
    set('WphB', 0x8000) // not implemented
    set('W_SF', 0xffff) // -1
    set('Hz', 4998)
    set('Hz_SF', 0xfffe) // -2
    set('TotWhImp', 0x0001, 0x86a0) // 100000
    set('TotWhExp', 0, 0) // acc32 0: not implemented
    set('TotWh_SF', 0)
    const m = decodeModel({ def, words, address: 40070 })
    expect(m.root.points.W?.value).toBe(-200)
    expect(m.root.points.WphA?.value).toBe(-100)
    expect(m.root.points.WphB?.value).toBeNull()
    expect(m.root.points.Hz?.value).toBe(49.98)
    expect(m.root.points.TotWhImp?.value).toBe(100_000)
    expect(m.root.points.TotWhExp?.value).toBeNull()
    expect(m.root.points.W?.offset).toBe(at('W'))
  })

  it('a model shorter than its definition (older device) leaves the missing tail not implemented', () => {
    const def = requireSunspecModel(1)
    const words = [1, 20, ...new Array<number>(20).fill(0x4141)]
    const m = decodeModel({ def, words, address: 40002 })
    expect(m.root.points.Mn?.value).toBe('A'.repeat(32))
    expect(m.root.points.Md?.value).toBeNull()
    expect(m.root.points.Md?.note).toMatch(/beyond the model length/)
  })
})
