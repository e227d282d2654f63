import { describe, expect, it } from 'vitest'
import { decodeModel } from '../../../src-shared/devices/sunspec-model-decode'
import { buildModelImage, type GroupContent } from '../../../src-shared/devices/sunspec-model-encode'
import type { DecodedGroup, SunSpecGroupDef } from '../../../src-shared/devices/sunspec-model-types'
import { sunspecModels } from './model-library'

/** DEV-2: every model the requirement names is bundled and decodes from its definition. */
const REQUIRED = [1, 101, 102, 103, 111, 112, 113, 120, 121, 122, 123, 124, 160, 201, 202, 203, 204, 211, 212, 213, 214, 701, 702, 703, 704, 705]

/** Content giving every point a distinct in-range raw value (strings for strings, sf 0), one instance per group. */
function content(def: SunSpecGroupDef, seed: { n: number }): GroupContent {
  const points: Record<string, number | string> = {}
  for (const p of def.points) {
    if (p.type === 'pad') continue
    if (p.type === 'string') points[p.name] = `S${seed.n++}`
    else if (p.type === 'sunssf') points[p.name] = 0
    else if (p.type === 'count' || def.groups?.some((g) => g.count === p.name)) points[p.name] = 1
    else points[p.name] = (seed.n++ % 200) + 1
  }
  const groups: Record<string, GroupContent[]> = {}
  for (const g of def.groups ?? []) groups[g.name] = [content(g, seed)]
  return { points, groups }
}

function everyPoint(g: DecodedGroup): DecodedGroup['pointList'] {
  return [...g.pointList, ...Object.values(g.groups).flatMap((list) => list.flatMap(everyPoint))]
}

describe('bundled SunSpec model definitions', () => {
  it('include every model DEV-2 names', () => {
    expect([...sunspecModels().keys()].sort((a, b) => a - b)).toEqual(REQUIRED)
  })

  it.each(REQUIRED)('model %i: an image with nothing implemented decodes to all not-implemented', (id) => {
    const def = sunspecModels().get(id)
    if (!def) throw new Error('missing')
    const words = buildModelImage(def, {})
    const m = decodeModel({ def, words, address: 40002 })
    expect(m.length).toBe(words.length - 2)
    const points = everyPoint(m.root).filter((p) => p.name !== 'ID' && p.name !== 'L' && p.type !== 'pad')
    expect(points.filter((p) => p.raw !== null).map((p) => p.name)).toEqual([])
  })

  it.each(REQUIRED)('model %i: every point round-trips through its registers', (id) => {
    const def = sunspecModels().get(id)
    if (!def) throw new Error('missing')
    const given = content(def.group, { n: 1 })
    const m = decodeModel({ def, words: buildModelImage(def, given), address: 40002 })
    for (const [name, value] of Object.entries(given.points ?? {})) {
      if (name === 'ID' || name === 'L') continue
      expect([name, m.root.points[name]?.raw]).toEqual([name, value])
    }
    expect(m.id).toBe(id)
  })
})
