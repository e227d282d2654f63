import { buildModelImage, topLevelPointOffset, type GroupContent } from '../../../src-shared/devices/sunspec-model-encode'
import { decodePointRaw, encodePointRaw } from '../../../src-shared/devices/sunspec-point-codec'
import type { PointValue, SunSpecModelDef } from '../../../src-shared/devices/sunspec-model-types'
import { requireSunspecModel } from '../../modbus/sunspec/model-library'

/**
 * A SunSpec register map as a device holds it: 'SunS' at the base address, the model chain, the end marker
 * (0xFFFF, 0). Points are read and set by model id and point name; clients write RW points of top-level groups.
 */
export interface ModelSpec {
  id: number
  content: GroupContent
}

const SUNS = [0x5375, 0x6e53]
const END_MARKER = [0xffff, 0]

export class SunSpecMap {
  readonly base: number
  private readonly regs = new Map<number, number>()
  private readonly models = new Map<number, { address: number; def: SunSpecModelDef; length: number }>()
  private readonly writable = new Set<number>()

  constructor(models: ModelSpec[], base = 40000) {
    this.base = base
    let address = base
    for (const [i, w] of SUNS.entries()) this.regs.set(base + i, w)
    address += SUNS.length
    for (const spec of models) address = this.place(spec, address)
    for (const [i, w] of END_MARKER.entries()) this.regs.set(address + i, w)
  }

  private place(spec: ModelSpec, address: number): number {
    const def = requireSunspecModel(spec.id)
    const image = buildModelImage(def, spec.content)
    image.forEach((w, i) => this.regs.set(address + i, w))
    this.models.set(spec.id, { address, def, length: image.length })
    let offset = 0
    for (const p of def.group.points) {
      if (p.access === 'RW') for (let i = 0; i < p.size; i++) this.writable.add(address + offset + i)
      offset += p.size
    }
    return address + image.length
  }

  has(modelId: number): boolean {
    return this.models.has(modelId)
  }

  /** Address of a model's ID register. */
  addressOf(modelId: number): number | undefined {
    return this.models.get(modelId)?.address
  }

  private locate(modelId: number, point: string): { address: number; size: number; type: SunSpecModelDef['group']['points'][number]['type'] } {
    const model = this.models.get(modelId)
    const at = model && topLevelPointOffset(model.def, point)
    if (!model || !at) throw new Error(`simulated map has no point ${modelId}.${point}`)
    return { ...at, address: model.address + at.offset }
  }

  /** Set a top-level point's raw value (integer before scaling, or a string). */
  set(modelId: number, point: string, raw: PointValue): void {
    const at = this.locate(modelId, point)
    encodePointRaw(at.type, raw, at.size).forEach((w, i) => this.regs.set(at.address + i, w))
  }

  /** A top-level point's raw value, or null when it holds the not-implemented sentinel. */
  get(modelId: number, point: string): PointValue | null {
    const at = this.locate(modelId, point)
    const words = Array.from({ length: at.size }, (_, i) => this.regs.get(at.address + i) ?? 0)
    return decodePointRaw(at.type, words, at.size)
  }

  read(address: number, count: number): number[] | undefined {
    const out: number[] = []
    for (let a = address; a < address + count; a++) {
      const w = this.regs.get(a)
      if (w === undefined) return undefined
      out.push(w)
    }
    return out
  }

  /** Write registers; refused (false) unless every register belongs to a writable point. */
  write(address: number, values: number[]): boolean {
    if (!values.every((_, i) => this.writable.has(address + i))) return false
    values.forEach((w, i) => this.regs.set(address + i, w & 0xffff))
    return true
  }

  /** A copy of every register (for the "stuck" fault). */
  snapshot(): Map<number, number> {
    return new Map(this.regs)
  }
}
