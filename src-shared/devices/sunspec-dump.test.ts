import { describe, expect, it } from 'vitest'
import { requireSunspecModel } from '../../src-main/modbus/sunspec/model-library'
import { dumpRows, dumpText } from './sunspec-dump'
import { decodeModel } from './sunspec-model-decode'
import { buildModelImage } from './sunspec-model-encode'

describe('SunSpec model dump', () => {
  const def = requireSunspecModel(160)
  const model = decodeModel({
    def,
    address: 40100,
    words: buildModelImage(def, { points: { DCW_SF: 0, DCV_SF: -1, N: 1, Evt: 0 }, groups: { module: [{ points: { IDStr: 'PV1', DCW: 1500, DCV: 3800, DCSt: 4 } }] } }),
  })

  it('lists every point with label, address, raw, scaled value and units, repeating groups numbered', () => {
    const rows = dumpRows([model])
    expect(rows.find((r) => r.point === 'module[1].DCV')).toEqual({ model: 160, point: 'module[1].DCV', label: 'DC Voltage', address: expect.any(Number), raw: 3800, value: 380, units: 'V', detail: undefined })
    expect(rows.find((r) => r.point === 'module[1].DCSt')?.detail).toBe('MPPT')
    expect(rows.find((r) => r.point === 'module[1].DCA')?.value).toBeNull()
    expect(rows.find((r) => r.point === 'Evt')?.detail).toBe('none')
    expect(JSON.parse(JSON.stringify(rows))).toHaveLength(rows.length)
  })

  it('renders aligned text with not-implemented values spelled out', () => {
    const text = dumpText([model])
    expect(text).toMatch(/^Model 160 .* at 40100, length 28/)
    expect(text).toMatch(/module\[1\]\.DCV\s+380 V \(raw 3800\)/)
    expect(text).toMatch(/module\[1\]\.DCA\s+not implemented/)
    expect(text).toMatch(/module\[1\]\.IDStr\s+"PV1"/)
  })
})
