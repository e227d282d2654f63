/**
 * Non-SunSpec meters described as data (DEV-3): a profile lists registers, and this pure code plans the reads and
 * turns the registers into a MeterReading with per-phase and total quantities.
 */
export type MeterQuantity = 'V' | 'A' | 'W' | 'VA' | 'var' | 'PF' | 'Hz' | 'WhImport' | 'WhExport'
export type MeterPhase = 'A' | 'B' | 'C' | 'total'
export type ProfileRegisterType = 'float32' | 'int16' | 'uint16' | 'int32' | 'uint32'

export interface MeterProfilePoint {
  name: string
  register: number
  function: 'input' | 'holding'
  type: ProfileRegisterType
  wordOrder: 'big' | 'little'
  scale: number
  unit: string
  quantity: MeterQuantity
  phase: MeterPhase
}

export interface MeterProfile {
  id: string
  name: string
  manufacturer: string
  phases: 1 | 3
  defaultUnitId: number
  points: MeterProfilePoint[]
}

export type Quantities = Partial<Record<MeterQuantity, number>>

/** A meter reading in the site convention: positive import, negative export (handbook 10.8.2). */
export interface MeterReading {
  phases: Record<'A' | 'B' | 'C', Quantities>
  total: Quantities
}

export interface ReadBlock {
  function: 'input' | 'holding'
  address: number
  count: number
}

const MAX_BLOCK = 125
const MAX_GAP = 16

function words(type: ProfileRegisterType): number {
  return type === 'int16' || type === 'uint16' ? 1 : 2
}

/** Group the profile's registers into as few reads as possible (no block over 125 registers or bridging big gaps). */
export function planProfileReads(profile: MeterProfile): ReadBlock[] {
  const blocks: ReadBlock[] = []
  const sorted = [...profile.points].sort((a, b) => (a.function === b.function ? a.register - b.register : a.function < b.function ? -1 : 1))
  for (const p of sorted) {
    const end = p.register + words(p.type)
    const last = blocks[blocks.length - 1]
    if (last && last.function === p.function && p.register - (last.address + last.count) <= MAX_GAP && end - last.address <= MAX_BLOCK) {
      last.count = Math.max(last.count, end - last.address)
    } else {
      blocks.push({ function: p.function, address: p.register, count: end - p.register })
    }
  }
  return blocks
}

function decodeRegisters(p: MeterProfilePoint, regs: readonly number[]): number {
  const [w0 = 0, w1 = 0] = p.wordOrder === 'big' ? regs : [regs[1] ?? 0, regs[0] ?? 0]
  const view = new DataView(new ArrayBuffer(4))
  view.setUint16(0, w0)
  view.setUint16(2, w1)
  switch (p.type) {
    case 'float32':
      return view.getFloat32(0)
    case 'int32':
      return view.getInt32(0)
    case 'uint32':
      return view.getUint32(0)
    case 'int16':
      return view.getInt16(0)
    case 'uint16':
      return view.getUint16(0)
  }
}

/** Decode the blocks read per planProfileReads (same order) into a reading. */
export function decodeProfileReading(profile: MeterProfile, blocks: { block: ReadBlock; data: readonly number[] }[]): MeterReading {
  const reading: MeterReading = { phases: { A: {}, B: {}, C: {} }, total: {} }
  for (const p of profile.points) {
    const hit = blocks.find((b) => b.block.function === p.function && p.register >= b.block.address && p.register + words(p.type) <= b.block.address + b.block.count)
    if (!hit) continue
    const at = p.register - hit.block.address
    const value = decodeRegisters(p, hit.data.slice(at, at + words(p.type))) * p.scale
    if (!Number.isFinite(value)) continue
    const target = p.phase === 'total' ? reading.total : reading.phases[p.phase]
    target[p.quantity] = value
  }
  return reading
}

/** Registers for a value as the profile's point stores it (used by the simulator). */
export function encodeProfileValue(p: MeterProfilePoint, value: number): number[] {
  const view = new DataView(new ArrayBuffer(4))
  const raw = value / p.scale
  const n = words(p.type)
  if (p.type === 'float32') view.setFloat32(0, raw)
  else if (n === 2) view.setUint32(0, Math.round(raw) >>> 0)
  else view.setUint16(2, Math.round(raw) & 0xffff)
  const regs = n === 2 ? [view.getUint16(0), view.getUint16(2)] : [view.getUint16(2)]
  return p.wordOrder === 'big' ? regs : regs.reverse()
}
