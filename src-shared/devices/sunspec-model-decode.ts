import { applyScale, decodePointRaw } from './sunspec-point-codec'
import type { DecodedGroup, DecodedModel, DecodedPoint, SunSpecGroupDef, SunSpecModelDef, SunSpecPointDef } from './sunspec-model-types'

/**
 * Decode a SunSpec model from its registers, driven by the model definition: points in order, then nested and
 * repeating groups; scale factors looked up by name in the point's group and then its enclosing groups.
 */
export interface DecodeModelInput {
  def: SunSpecModelDef
  /** The model's registers starting at its ID register: ID, L, then L registers. */
  words: readonly number[]
  /** Modbus address of the ID register (for dumps). */
  address: number
}

interface Cursor {
  offset: number
  end: number
}

export function decodeModel(input: DecodeModelInput): DecodedModel {
  const length = input.words[1] ?? 0
  const cursor: Cursor = { offset: 0, end: Math.min(length + 2, input.words.length) }
  const root = decodeGroup({ def: input.def.group, words: input.words, cursor, parents: [] })
  return {
    id: input.def.id,
    length,
    address: input.address,
    name: input.def.group.name,
    label: input.def.group.label ?? input.def.group.name,
    root,
  }
}

/** Registers one instance of a group occupies, when its size does not depend on counts read from the device. */
export function staticGroupSize(def: SunSpecGroupDef): number {
  const own = def.points.reduce((sum, p) => sum + p.size, 0)
  const nested = (def.groups ?? []).reduce((sum, g) => sum + staticGroupSize(g) * (typeof g.count === 'number' && g.count > 0 ? g.count : 1), 0)
  return own + nested
}

interface GroupInput {
  def: SunSpecGroupDef
  words: readonly number[]
  cursor: Cursor
  parents: DecodedGroup[]
}

function decodeGroup(input: GroupInput): DecodedGroup {
  const group: DecodedGroup = { name: input.def.name, points: {}, pointList: [], groups: {} }
  for (const p of input.def.points) {
    const point = readPoint(p, input.words, input.cursor)
    group.points[p.name] = point
    group.pointList.push(point)
  }
  const scope = [group, ...input.parents]
  for (const point of group.pointList) applyPointScale(point, input.def.points, scope)
  for (const sub of input.def.groups ?? []) {
    const count = groupCount(sub, scope, input.cursor)
    const instances: DecodedGroup[] = []
    for (let i = 0; i < count && input.cursor.offset < input.cursor.end; i++) {
      instances.push(decodeGroup({ def: sub, words: input.words, cursor: input.cursor, parents: scope }))
    }
    group.groups[sub.name] = instances
  }
  return group
}

function groupCount(def: SunSpecGroupDef, scope: DecodedGroup[], cursor: Cursor): number {
  if (def.count === undefined) return 1
  if (typeof def.count === 'number' && def.count > 0) return def.count
  if (typeof def.count === 'string') {
    const found = lookup(scope, def.count)
    return typeof found?.raw === 'number' ? found.raw : 0
  }
  // count 0: as many instances as fit in the rest of the model (SunSpec repeating block)
  const size = staticGroupSize(def)
  return size > 0 ? Math.floor((cursor.end - cursor.offset) / size) : 0
}

function lookup(scope: DecodedGroup[], name: string): DecodedPoint | undefined {
  for (const g of scope) {
    const p = g.points[name]
    if (p) return p
  }
  return undefined
}

function readPoint(def: SunSpecPointDef, words: readonly number[], cursor: Cursor): DecodedPoint {
  const offset = cursor.offset
  cursor.offset += def.size
  const inRange = offset + def.size <= cursor.end
  const raw = inRange ? decodePointRaw(def.type, words.slice(offset, offset + def.size), def.size) : null
  return {
    name: def.name,
    label: def.label ?? def.name,
    type: def.type,
    units: def.units,
    access: def.access ?? 'R',
    offset,
    size: def.size,
    raw,
    value: raw,
    scale: undefined,
    ...describeSymbols(def, raw),
    note: inRange ? undefined : 'beyond the model length this device reports',
  }
}

function describeSymbols(def: SunSpecPointDef, raw: DecodedPoint['raw']): Pick<DecodedPoint, 'symbol' | 'flags'> {
  if (typeof raw !== 'number' || !def.symbols) return { symbol: undefined, flags: undefined }
  if (def.type.startsWith('bitfield')) {
    const flags = def.symbols.filter((s) => Math.floor(raw / 2 ** s.value) % 2 === 1).map((s) => s.name)
    return { symbol: undefined, flags }
  }
  return { symbol: def.symbols.find((s) => s.value === raw)?.name, flags: undefined }
}

function applyPointScale(point: DecodedPoint, defs: SunSpecPointDef[], scope: DecodedGroup[]): void {
  const sf = defs.find((d) => d.name === point.name)?.sf
  if (sf === undefined || typeof point.raw !== 'number') return
  const exponent = typeof sf === 'number' ? sf : lookup(scope, sf)?.raw
  if (typeof exponent !== 'number') {
    point.value = null
    point.note = `scale factor ${String(sf)} is not implemented by the device`
    return
  }
  point.scale = exponent
  point.value = applyScale(point.raw, exponent)
}

/** A top-level point's scaled value as a number, or undefined when absent / not implemented. */
export function numberAt(model: DecodedModel | undefined, name: string): number | undefined {
  const v = model?.root.points[name]?.value
  return typeof v === 'number' ? v : undefined
}

/** A top-level point's string value, or undefined. */
export function stringAt(model: DecodedModel | undefined, name: string): string | undefined {
  const v = model?.root.points[name]?.value
  return typeof v === 'string' ? v : undefined
}
