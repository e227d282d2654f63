/**
 * Figures for the engine's hot paths on the installer's laptop (`npm run bench`; prints operations per second, never
 * passes or fails on time). What runs how often:
 * - the scheduler resolves a full forecast (58 events, handbook 10.9) for each of two programs on every poll and
 *   whenever the site controller's limits are rebuilt;
 * - the codec parses a DERControlList of 58 events on every DERControlList poll (its figures against the issue 14
 *   goals: codec.bench.ts);
 * - telemetry averages 1500 samples (5 min at 200 ms, handbook 10.8.1) per reading interval.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { resolveSchedule } from '../src-shared/controls/scheduler/resolve'
import { makeEvent } from '../src-shared/controls/scheduler/test-builders'
import type { ProgramInput } from '../src-shared/controls/types'
import { parseSep2 } from '../src-main/sep2/xml'

const T0 = 1_800_000_000

/** A handbook 10.5.1 forecast: 12 x 5 min then 46 x 30 min. */
function forecastProgram(id: string, primacy: number): ProgramInput {
  const events = Array.from({ length: 58 }, (_, i) => {
    const start = i < 12 ? T0 + i * 300 : T0 + 3600 + (i - 12) * 1800
    return makeEvent({ mRID: `${id}-${i}`, programId: id, start, duration: i < 12 ? 300 : 1800, randomizeStart: 10, modes: { expLimW: 1000 + i * 50, impLimW: 5000 } })
  })
  return { id, mRID: id, primacy, defaultControl: { modes: { expLimW: 1500, impLimW: 1500 } }, events }
}

const programs = [forecastProgram('A', 1), forecastProgram('B', 2)]
const oneEvent = readFileSync(join(__dirname, '../src-main/sep2/xml/__fixtures__/annex-d/19-derc-list.xml'), 'utf8')
const controls = oneEvent.match(/<DERControl\b[\s\S]*?<\/DERControl>/g) ?? []
// 58 events: the Annex D controls repeated, as a full forecast list would arrive.
const derControlList58 = oneEvent.replace(/<DERControl\b[\s\S]*<\/DERControl>/, Array.from({ length: 58 }, (_, i) => controls[i % controls.length] ?? '').join('\n'))

describe('engine hot paths', () => {
  bench('resolveSchedule: 2 programs x 58 events, 24 h horizon', () => {
    resolveSchedule({ programs, fixed: { expLimW: 1500, impLimW: 1500 }, now: T0 + 1234, draws: {}, horizonS: 86_400 })
  })

  bench('parseSep2: DERControlList of 58 events', () => {
    const parsed = parseSep2(derControlList58, 'DERControlList')
    if (!parsed.ok) throw new Error(parsed.error.message)
  })
})
