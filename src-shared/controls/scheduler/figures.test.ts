/** Handbook 12 figures 8, 9 and 10 (figures.md), slot by slot (CTL-3, CTL-7). */
import { describe, it, expect } from 'vitest'
import type { ControlMode, ModeValue, ProgramInput } from '../types'
import { resolveSchedule, type ResolveSettings } from './resolve'
import { kW, makeEvent, timelineValueAt } from './test-builders'

const MIN5 = 300
const FIXED = { expLimW: kW(1.5), impLimW: kW(1.5) }
type Expect = Partial<Record<ControlMode, ModeValue>>

function check(programs: ProgramInput[], rows: [string, number, Expect][], overlap: ResolveSettings['overlap'] = 'resume'): void {
  const whole = resolveSchedule({ programs, fixed: FIXED, now: 0, draws: {}, horizonS: 3600, settings: { overlap } })
  for (const [slot, mid, expected] of rows) {
    const now = resolveSchedule({ programs, fixed: FIXED, now: mid, draws: {}, horizonS: 0, settings: { overlap } })
    for (const [mode, value] of Object.entries(expected) as [ControlMode, ModeValue][]) {
      expect(now.effective[mode].value, `${slot} ${mode} (resolved at ${mid})`).toBe(value)
      expect(timelineValueAt(whole.timeline, mode, mid), `${slot} ${mode} (timeline from 0)`).toBe(value)
    }
  }
}

describe('figure 8: overlapping events of two programs', () => {
  const B = 'B'
  const A = 'A'
  const exp10imp15 = { expLimW: kW(10), impLimW: kW(15) }
  const programs: ProgramInput[] = [
    {
      id: B, mRID: 'PB', primacy: 2,
      events: [
        makeEvent({ mRID: 'B1', programId: B, start: 1 * MIN5, duration: MIN5, modes: exp10imp15 }),
        makeEvent({ mRID: 'B2', programId: B, start: 2 * MIN5, duration: MIN5, modes: exp10imp15 }),
        makeEvent({ mRID: 'B3', programId: B, start: 4 * MIN5, duration: MIN5, modes: exp10imp15 }),
        makeEvent({ mRID: 'B4', programId: B, start: 6 * MIN5, duration: MIN5, modes: exp10imp15 }),
      ],
    },
    {
      id: A, mRID: 'PA', primacy: 1,
      // The default is "not yet in force" in the first slot (fixed limits apply): it arrives at 00:05.
      defaultControl: { modes: { expLimW: kW(1.5), impLimW: kW(4) }, since: MIN5 },
      events: [
        // "Program A's export event spans 00:10-00:20 as one event."
        makeEvent({ mRID: 'A1', programId: A, start: 2 * MIN5, duration: 2 * MIN5, modes: { expLimW: 0 } }),
        makeEvent({ mRID: 'A2', programId: A, start: 6 * MIN5, duration: MIN5, modes: { genLimW: 0, connect: false } }),
      ],
    },
  ]
  const implied = { genLimW: Infinity, loadLimW: Infinity, connect: true, energize: true }

  it('every column', () => {
    check(programs, [
      ['00:00-00:05 fixed limits', 150, { expLimW: kW(1.5), impLimW: kW(1.5), ...implied }],
      ['00:05-00:10 B', 450, { expLimW: kW(10), impLimW: kW(15), ...implied }],
      ['00:10-00:15 A export, B import', 750, { expLimW: 0, impLimW: kW(15), ...implied }],
      ['00:15-00:20 A export, default import', 1050, { expLimW: 0, impLimW: kW(4), ...implied }],
      ['00:20-00:25 B', 1350, { expLimW: kW(10), impLimW: kW(15), ...implied }],
      ['00:25-00:30 default', 1650, { expLimW: kW(1.5), impLimW: kW(4), ...implied }],
      ['00:30-00:35 B + A Gen/Connect', 1950, { expLimW: kW(10), impLimW: kW(15), genLimW: 0, connect: false, loadLimW: Infinity, energize: true }],
    ])
  })

  it('names the source of each value', () => {
    const at = (now: number) => resolveSchedule({ programs, fixed: FIXED, now, draws: {}, horizonS: 0 }).effective
    expect(at(150).expLimW.source).toEqual({ kind: 'fixed' })
    expect(at(150).genLimW.source).toEqual({ kind: 'implied' })
    expect(at(750).expLimW.source).toEqual({ kind: 'event', mRID: 'A1', programId: A, primacy: 1 })
    expect(at(750).impLimW.source).toEqual({ kind: 'event', mRID: 'B2', programId: B, primacy: 2 })
    expect(at(1050).impLimW.source).toEqual({ kind: 'default', programId: A })
    expect(at(1950).connect.source).toEqual({ kind: 'event', mRID: 'A2', programId: A, primacy: 1 })
  })
})

describe('figure 9: overlapped events of different duration', () => {
  const programs: ProgramInput[] = [
    {
      id: 'B', mRID: 'PB', primacy: 2,
      defaultControl: { modes: { expLimW: kW(1.5), impLimW: kW(1.5) } },
      events: [makeEvent({ mRID: 'B1', programId: 'B', start: 0, duration: 4 * MIN5, modes: { expLimW: kW(10), impLimW: kW(15) } })],
    },
    {
      id: 'A', mRID: 'PA', primacy: 1,
      events: [makeEvent({ mRID: 'A1', programId: 'A', start: MIN5, duration: 2 * MIN5, modes: { expLimW: 0 } })],
    },
  ]

  it('preferred (IEEE 2030.5:2023, setting "resume"): B resumes after A', () => {
    check(programs, [
      ['00:00-00:05', 150, { expLimW: kW(10), impLimW: kW(15) }],
      ['00:05-00:10', 450, { expLimW: 0, impLimW: kW(15) }],
      ['00:10-00:15', 750, { expLimW: 0, impLimW: kW(15) }],
      ['00:15-00:20', 1050, { expLimW: kW(10), impLimW: kW(15) }],
    ], 'resume')
  })

  it('alternative (CSIP, setting "csip-no-resume"): B is not executed at all', () => {
    check(programs, [
      ['00:00-00:05', 150, { expLimW: kW(1.5), impLimW: kW(1.5) }],
      ['00:05-00:10', 450, { expLimW: 0 }],
      ['00:10-00:15', 750, { expLimW: 0 }],
      ['00:15-00:20', 1050, { expLimW: kW(1.5), impLimW: kW(1.5) }],
    ], 'csip-no-resume')
  })

  it('alternative middle import: the default 1.5 kW, because B is dropped as a whole (rank.ts)', () => {
    const r = resolveSchedule({ programs, fixed: FIXED, now: 450, draws: {}, horizonS: 0, settings: { overlap: 'csip-no-resume' } })
    expect(r.effective.impLimW).toEqual({ value: kW(1.5), source: { kind: 'default', programId: 'B' } })
  })

  it('alternative: B gets a superseded intent, never started', () => {
    const r = resolveSchedule({ programs, fixed: FIXED, now: 0, draws: {}, horizonS: 3600, settings: { overlap: 'csip-no-resume' } })
    expect(r.intents.filter((i) => i.mRID === 'B1').map((i) => i.kind)).toEqual(['received', 'superseded'])
  })
})

describe('figure 10: duplicate events in one program, the newer creationTime wins', () => {
  const e = (mRID: string, slot: number, creationTime: number, exp: number, imp: number) =>
    makeEvent({ mRID, programId: 'B', creationTime, start: slot * MIN5, duration: MIN5, modes: { expLimW: kW(exp), impLimW: kW(imp) } })
  const programs: ProgramInput[] = [
    {
      id: 'B', mRID: 'PB', primacy: 2,
      defaultControl: { modes: { expLimW: kW(1.5), impLimW: kW(1.5) } },
      events: [
        e('OLD0', 0, 100, 10, 15), e('OLD1', 1, 100, 10, 15), e('OLD2', 2, 100, 10, 15), e('OLD3', 3, 100, 5, 5),
        e('NEW1', 1, 200, 5, 5), e('NEW2', 2, 200, 5, 5), e('NEW3', 3, 200, 10, 15),
      ],
    },
  ]
  const rows: [string, number, Expect][] = [
    ['00:00-00:05', 150, { expLimW: kW(10), impLimW: kW(15) }],
    ['00:05-00:10', 450, { expLimW: kW(5), impLimW: kW(5) }],
    ['00:10-00:15', 750, { expLimW: kW(5), impLimW: kW(5) }],
    ['00:15-00:20', 1050, { expLimW: kW(10), impLimW: kW(15) }],
  ]

  it('every slot (resume)', () => check(programs, rows, 'resume'))
  it('every slot (csip-no-resume gives the same here)', () => check(programs, rows, 'csip-no-resume'))

  it('the overlapped older events are superseded, the others run', () => {
    const r = resolveSchedule({ programs, fixed: FIXED, now: 0, draws: {}, horizonS: 3600 })
    const superseded = r.intents.filter((i) => i.kind === 'superseded').map((i) => i.mRID)
    expect(superseded.sort()).toEqual(['OLD1', 'OLD2', 'OLD3'])
    expect(r.intents.filter((i) => i.kind === 'started').map((i) => i.mRID)).toEqual(['OLD0', 'NEW1', 'NEW2', 'NEW3'])
  })
})
