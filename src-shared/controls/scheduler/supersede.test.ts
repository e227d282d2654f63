/**
 * Superseded (7) responses (handbook 12 figure 10; cactus ALL-18 (s), GEN-10 (g), (u), LOA-10): an event overridden
 * for the rest of its time is superseded, not completed – under both overlap rules.
 */
import { describe, it, expect } from 'vitest'
import type { EventInput, ProgramInput } from '../types'
import { resolveSchedule } from './resolve'
import type { OverlapRule } from './rank'
import { kW, makeEvent } from './test-builders'

const MIN5 = 300
const FIXED = { expLimW: kW(1.5), impLimW: kW(1.5) }
const RULES: OverlapRule[] = ['resume', 'csip-no-resume']
const exp10imp15 = { expLimW: kW(10), impLimW: kW(15) }
const exp5imp5 = { expLimW: kW(5), impLimW: kW(5) }

function program(id: string, primacy: number, events: EventInput[]): ProgramInput {
  return { id, mRID: `P${id}`, primacy, events, defaultControl: { modes: { expLimW: kW(1.5), impLimW: kW(1.5) } } }
}

function resolve(programs: ProgramInput[], now: number, overlap: OverlapRule) {
  return resolveSchedule({ programs, fixed: FIXED, now, draws: {}, horizonS: 3600, settings: { overlap } })
}

function kinds(programs: ProgramInput[], mRID: string, overlap: OverlapRule): [string, number][] {
  return resolve(programs, 0, overlap).intents.filter((i) => i.mRID === mRID).map((i) => [i.kind, i.dueAt])
}

describe.each(RULES)('figure 10 with the older event as one 15-minute event (%s)', (rule) => {
  const programs = [
    program('B', 2, [
      makeEvent({ mRID: 'OLD', programId: 'B', creationTime: 100, start: 0, duration: 3 * MIN5, modes: exp10imp15 }),
      makeEvent({ mRID: 'NEW', programId: 'B', creationTime: 200, start: MIN5, duration: 2 * MIN5, modes: exp5imp5 }),
    ]),
  ]

  it('row 00:00-00:05 the older runs, 00:05-00:15 the newer', () => {
    expect(resolve(programs, 150, rule).effective.expLimW.value).toBe(kW(10))
    expect(resolve(programs, 450, rule).effective.expLimW.value).toBe(kW(5))
    expect(resolve(programs, 750, rule).effective.impLimW.value).toBe(kW(5))
  })

  it('the older one is started, then superseded when the newer one starts – never completed', () => {
    expect(kinds(programs, 'OLD', rule)).toEqual([['received', 0], ['started', 0], ['superseded', MIN5]])
    expect(kinds(programs, 'NEW', rule)).toEqual([['received', 0], ['started', MIN5], ['completed', 3 * MIN5]])
  })
})

describe.each(RULES)('a shorter newer event of the same program (cactus ALL-18 (q-s), %s)', (rule) => {
  const older = makeEvent({ mRID: 'DERC4', programId: 'B', creationTime: 100, start: 600, duration: 600, modes: exp10imp15 })
  const newer = makeEvent({ mRID: 'DERC5', programId: 'B', creationTime: 200, start: 600, duration: 60, modes: { expLimW: 0, impLimW: 0 } })
  const programs = [program('B', 0, [older, newer])]

  it('the older event is superseded and does not resume after the newer one ends', () => {
    expect(kinds(programs, 'DERC4', rule)).toEqual([['received', 0], ['superseded', 600]])
    expect(resolve(programs, 700, rule).effective.expLimW).toEqual({ value: kW(1.5), source: { kind: 'default', programId: 'B' } })
  })

  it('a newer event starting mid-way cuts the older one there', () => {
    const late = { ...newer, start: 900 }
    expect(kinds([program('B', 0, [older, late])], 'DERC4', rule)).toEqual([['received', 0], ['started', 600], ['superseded', 900]])
    expect(resolve([program('B', 0, [older, late])], 1000, rule).effective.expLimW.value).toBe(kW(1.5))
  })

  it('a newer event with no mode in common leaves the older one alone (modes are independent, handbook 12)', () => {
    const other = { ...newer, modes: { genLimW: 0 } }
    expect(kinds([program('B', 0, [older, other])], 'DERC4', rule)).toEqual([['received', 0], ['started', 600], ['completed', 1200]])
  })
})

describe('a higher-primacy event that overrides a running event for the rest of its time (cactus GEN-10 (e-g))', () => {
  const low = makeEvent({ mRID: 'DERC1', programId: 'B', start: 0, duration: 600, modes: { expLimW: kW(20) } })
  const high = makeEvent({ mRID: 'DERC2', programId: 'A', start: 60, duration: 840, modes: { expLimW: 0 } })
  const programs = [program('B', 2, [low]), program('A', 1, [high])]

  it("'resume': started, then superseded when the higher one takes over for good", () => {
    expect(kinds(programs, 'DERC1', 'resume')).toEqual([['received', 0], ['started', 0], ['superseded', 60]])
  })

  it("'csip-no-resume': never executed, so superseded from its start", () => {
    expect(kinds(programs, 'DERC1', 'csip-no-resume')).toEqual([['received', 0], ['superseded', 0]])
  })

  it("'resume': a higher event that ends first lets it resume and complete", () => {
    const short = { ...high, duration: 120 }
    expect(kinds([program('B', 2, [low]), program('A', 1, [short])], 'DERC1', 'resume')).toEqual([['received', 0], ['started', 0], ['completed', 600]])
  })
})
