import { describe, expect, it } from 'vitest'
import { decodeProfileReading, planProfileReads } from '../../src-shared/devices/meter-profile'
import { meterProfile, meterProfiles } from './meter-profiles'

/** Float32 big-endian (high word first) registers, written independently of the profile code. */
function floatWords(v: number): [number, number] {
  const view = new DataView(new ArrayBuffer(4))
  view.setFloat32(0, v)
  return [view.getUint16(0), view.getUint16(2)]
}

describe('Eastron SDM630 profile (DEV-3)', () => {
  const profile = meterProfile('eastron-sdm630')
  if (!profile) throw new Error('SDM630 profile missing')

  it('validates every bundled profile', () => {
    expect(meterProfiles().map((p) => p.id)).toContain('eastron-sdm630')
  })

  // Eastron SDM630 Modbus protocol: 30001 = input register 0x0000, float32, high word first
  it.each([
    [0x0000, 'V', 'A', 'V'],
    [0x0002, 'V', 'B', 'V'],
    [0x0004, 'V', 'C', 'V'],
    [0x0006, 'A', 'A', 'A'],
    [0x000c, 'W', 'A', 'W'],
    [0x000e, 'W', 'B', 'W'],
    [0x0010, 'W', 'C', 'W'],
    [0x0012, 'VA', 'A', 'VA'],
    [0x0018, 'var', 'A', 'var'],
    [0x001e, 'PF', 'A', ''],
    [0x0034, 'W', 'total', 'W'],
    [0x0038, 'VA', 'total', 'VA'],
    [0x003c, 'var', 'total', 'var'],
    [0x0046, 'Hz', 'total', 'Hz'],
    [0x0048, 'WhImport', 'total', 'Wh'],
    [0x004a, 'WhExport', 'total', 'Wh'],
    [0x015a, 'WhImport', 'A', 'Wh'],
    [0x0160, 'WhExport', 'A', 'Wh'],
  ])('register %i holds %s phase %s', (register, quantity, phase, unit) => {
    const p = profile.points.find((x) => x.register === register)
    expect(p).toMatchObject({ quantity, phase, unit, function: 'input', type: 'float32', wordOrder: 'big' })
  })

  it('plans few reads, none over 125 registers, and decodes a register image into per-phase values', () => {
    const blocks = planProfileReads(profile)
    expect(blocks.every((b) => b.count <= 125 && b.function === 'input')).toBe(true)
    expect(blocks.length).toBeLessThanOrEqual(3)
    const regs = new Map<number, number>()
    const put = (address: number, v: number) => floatWords(v).forEach((w, i) => regs.set(address + i, w))
    put(0x0000, 241.5)
    put(0x000c, -1500)
    put(0x000e, -1200)
    put(0x0010, 300)
    put(0x0018, -120)
    put(0x0034, -2400)
    put(0x0046, 49.98)
    put(0x0048, 1234.5)
    put(0x004a, 678.25)
    const data = blocks.map((block) => ({ block, data: Array.from({ length: block.count }, (_, i) => regs.get(block.address + i) ?? 0) }))
    const r = decodeProfileReading(profile, data)
    expect(r.phases.A.V).toBeCloseTo(241.5, 3)
    expect(r.phases.A.W).toBe(-1500)
    expect(r.phases.B.W).toBe(-1200)
    expect(r.phases.C.W).toBe(300)
    expect(r.phases.A.var).toBe(-120)
    expect(r.total.W).toBe(-2400)
    expect(r.total.Hz).toBeCloseTo(49.98, 3)
    expect(r.total.WhImport).toBeCloseTo(1_234_500, 0)
    expect(r.total.WhExport).toBe(678_250)
  })
})
