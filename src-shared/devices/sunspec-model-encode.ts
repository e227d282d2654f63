import { encodePointRaw, notImplementedWords } from './sunspec-point-codec'
import type { PointValue, SunSpecGroupDef, SunSpecModelDef } from './sunspec-model-types'

/**
 * Build a model's register image from raw point values (the inverse of decodeModel). Used by the device simulator and
 * by tests that construct register maps. Points not given get their "not implemented" sentinel; ID and L are filled in.
 */
export interface GroupContent {
  points?: Record<string, PointValue>
  /** Instances of each nested/repeating group, by group name. */
  groups?: Record<string, GroupContent[]>
}

export function buildModelImage(def: SunSpecModelDef, content: GroupContent): number[] {
  const words = encodeGroup(def.group, content)
  words[0] = def.id
  words[1] = words.length - 2
  return words
}

function encodeGroup(def: SunSpecGroupDef, content: GroupContent): number[] {
  const out: number[] = []
  for (const p of def.points) {
    const value = content.points?.[p.name]
    out.push(...(value === undefined ? notImplementedWords(p.type, p.size) : encodePointRaw(p.type, value, p.size)))
  }
  for (const sub of def.groups ?? []) {
    const given = content.groups?.[sub.name] ?? []
    const count = typeof sub.count === 'number' && sub.count > 0 ? sub.count : sub.count === undefined ? 1 : given.length
    for (let i = 0; i < count; i++) out.push(...encodeGroup(sub, given[i] ?? {}))
  }
  return out
}

/** Register offset (from the ID register) and definition of a top-level point, for writes and simulators. */
export function topLevelPointOffset(def: SunSpecModelDef, name: string): { offset: number; size: number; type: SunSpecModelDef['group']['points'][number]['type'] } | undefined {
  let offset = 0
  for (const p of def.group.points) {
    if (p.name === name) return { offset, size: p.size, type: p.type }
    offset += p.size
  }
  return undefined
}
