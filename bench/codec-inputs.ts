/**
 * The codec bench inputs (issue 14 item 2): a DERControlList of 58 events (handbook 10.9's forecast: the Annex D
 * controls repeated) and a MirrorMeterReadingList of 30 readings as the telemetry builds them (handbook 10.8.4).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ReadingValue } from '../src-shared/telemetry'
import type { MirrorMeterReadingList } from '../src-main/sep2/xml'
import { mirrorMeterReading } from '../src-main/telemetry/mirror-documents'

const annexD = readFileSync(join(import.meta.dirname, '../src-main/sep2/xml/__fixtures__/annex-d/19-derc-list.xml'), 'utf8')
const controls = annexD.match(/<DERControl\b[\s\S]*?<\/DERControl>/g) ?? []

export const DERC_LIST_58 = annexD.replace(/<DERControl\b[\s\S]*<\/DERControl>/, Array.from({ length: 58 }, (_, i) => controls[i % controls.length] ?? '').join('\n'))

const QUANTITIES = ['w', 'var', 'v', 'hz'] as const
const PHASES = ['a', 'b', 'c'] as const

function reading(i: number): ReadingValue {
  const quantity = QUANTITIES[i % QUANTITIES.length] ?? 'w'
  const phase = PHASES[Math.floor(i / QUANTITIES.length) % PHASES.length] ?? 'a'
  return { key: { scope: i < 15 ? 'site' : 'der', phase, quantity, qualifier: 'average' }, timeTagS: 1_800_000_000, durationS: 300, value: { value: -1500 + i * 37, multiplier: quantity === 'v' ? -1 : 0 }, qualityFlags: 1, coverage: 1 }
}

export const MMR_LIST_30: MirrorMeterReadingList = {
  all: 30,
  results: 30,
  MirrorMeterReading: Array.from({ length: 30 }, (_, i) => mirrorMeterReading(reading(i), { mRID: `AA0000${String(i).padStart(2, '0')}010000000000000000057269` })),
}
