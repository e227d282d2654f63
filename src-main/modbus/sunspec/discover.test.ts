import { describe, expect, it } from 'vitest'
import { buildModelImage } from '../../../src-shared/devices/sunspec-model-encode'
import { expectCode } from '../testing/expect-code'
import { ModbusExceptionError } from '../errors'
import { createMemoryTransport, place } from '../testing/memory-transport'
import { findSunSpecBase, readSunSpecDevice } from './discover'
import { requireSunspecModel } from './model-library'

const SUNS = [0x5375, 0x6e53]

function map(base: number, models: number[][], end = true): Map<number, number> {
  const regs = new Map<number, number>()
  let at = place(regs, base, SUNS)
  for (const m of models) at = place(regs, at, m)
  if (end) place(regs, at, [0xffff, 0])
  return regs
}

const common = () => buildModelImage(requireSunspecModel(1), { points: { Mn: 'Acme', SN: 'X1' } })
const meter = () => buildModelImage(requireSunspecModel(203), { points: { W: -1200, W_SF: 0 } })

describe('SunSpec discovery (DEV-2)', () => {
  it.each([40000, 0, 50000])("finds 'SunS' at %i", async (base) => {
    const t = createMemoryTransport(map(base, [common()]))
    expect(await findSunSpecBase(t, 1)).toBe(base)
    const d = await readSunSpecDevice(t, { unitId: 1 })
    expect(d.base).toBe(base)
    expect(d.models[0]?.address).toBe(base + 2)
  })

  it('tries 40000 first, then 0, then 50000', async () => {
    const t = createMemoryTransport(map(50000, [common()]))
    await findSunSpecBase(t, 1)
    expect(t.reads.map((r) => r.address)).toEqual([40000, 0, 50000])
  })

  it.each([4, 6])('a device answering exception %i at the probe is reported as that exception, not as "no SunSpec"', async (code) => {
    const failing = { ...createMemoryTransport(new Map()), read: async () => Promise.reject(new ModbusExceptionError('read at 40000', code)) }
    const e = await expectCode(findSunSpecBase(failing, 1), 'MODBUS_EXCEPTION')
    expect(e).toMatchObject({ exceptionCode: code })
  })

  it('no marker anywhere: SUNSPEC_NOT_FOUND in words', async () => {
    const e = await expectCode(readSunSpecDevice(createMemoryTransport(new Map([[40000, 1], [40001, 2]])), { unitId: 3 }), 'SUNSPEC_NOT_FOUND')
    expect(e.message).toMatch(/40000, 0 or 50000 on unit 3/)
  })

  it('an unknown model is skipped by its length and the walk continues to the end marker', async () => {
    const unknown = [64999, 5, 1, 2, 3, 4, 5]
    const t = createMemoryTransport(map(40000, [common(), unknown, meter()]))
    const d = await readSunSpecDevice(t, { unitId: 1 })
    expect(d.models.map((m) => m.id)).toEqual([1, 203])
    expect(d.skipped).toEqual([{ id: 64999, address: 40002 + 68, length: 5 }])
    expect(d.models[1]?.address).toBe(40002 + 68 + 7)
    expect(d.models[1]?.root.points.W?.value).toBe(-1200)
  })

  it('models longer than one read (125 registers) are read in chunks', async () => {
    const modules = Array.from({ length: 8 }, (_, i) => ({ points: { ID: i + 1, DCW: 100 * (i + 1) } }))
    const mppt = buildModelImage(requireSunspecModel(160), { points: { DCW_SF: 0, N: 8 }, groups: { module: modules } })
    const t = createMemoryTransport(map(40000, [mppt]))
    const d = await readSunSpecDevice(t, { unitId: 1 })
    expect(d.models[0]?.length).toBe(8 + 8 * 20)
    expect(d.models[0]?.root.groups.module?.[7]?.points.DCW?.value).toBe(800)
    expect(t.reads.every((r) => r.count <= 125)).toBe(true)
    expect(t.reads.filter((r) => r.address === 40002 + 125)).toHaveLength(1)
  })

  it('a chain with no end marker is an error, not an endless walk', async () => {
    const regs = map(40000, [common()], false)
    await expectCode(readSunSpecDevice(createMemoryTransport(regs), { unitId: 1 }), 'MODBUS_EXCEPTION')
  })
})
