/** resolveSchedule beyond the figures: intents (ALL-21), cancel fallback (GEN-09), primacy (GEN-10), CTL-2 states. */
import { describe, it, expect } from 'vitest'
import type { EventInput, ProgramInput } from '../types'
import { resolveSchedule } from './resolve'
import { kW, makeEvent, timelineValueAt } from './test-builders'

const FIXED = { expLimW: kW(1.5), impLimW: kW(1.5) }
const T0 = 1_700_000_000
const DEFAULT = { modes: { expLimW: kW(1.5), impLimW: kW(4) } }

function program(id: string, primacy: number, events: EventInput[], withDefault = true): ProgramInput {
  return withDefault ? { id, mRID: `M${id}`, primacy, events, defaultControl: DEFAULT } : { id, mRID: `M${id}`, primacy, events }
}

describe('ALL-21: 24 back-to-back one-minute controls', () => {
  const events = Array.from({ length: 24 }, (_, i) =>
    makeEvent({ mRID: `E${i}`, programId: 'P', start: T0 + 60 * i, duration: 60, modes: { expLimW: 1000 + i }, responseRequired: 0b11, replyTo: '/rsps/0/rsp' }),
  )
  const r = resolveSchedule({ programs: [program('P', 1, events)], fixed: FIXED, now: T0 - 10, draws: {}, horizonS: 3600 })

  it('each event yields received, started and completed exactly once', () => {
    for (let i = 0; i < 24; i++) {
      const mine = r.intents.filter((x) => x.mRID === `E${i}`)
      expect(mine.map((x) => x.status).sort(), `E${i}`).toEqual([1, 2, 3])
      expect(mine.find((x) => x.kind === 'started')?.dueAt).toBe(T0 + 60 * i)
      expect(mine.find((x) => x.kind === 'completed')?.dueAt).toBe(T0 + 60 * (i + 1))
      expect(mine.every((x) => x.required && x.replyTo === '/rsps/0/rsp')).toBe(true)
    }
    expect(r.intents).toHaveLength(72)
  })

  it('the timeline steps through all 24 values and back to the default', () => {
    const exp = r.timeline.filter((e) => e.mode === 'expLimW')
    expect(exp.map((e) => e.value)).toEqual([kW(1.5), ...Array.from({ length: 24 }, (_, i) => 1000 + i), kW(1.5)])
    expect(r.nextChangeAt).toBe(T0)
  })
})

describe('GEN-09: a cancelled control falls back to the default', () => {
  const ev = (status: EventInput['currentStatus']) =>
    makeEvent({ mRID: 'C1', programId: 'P', start: T0, duration: 600, modes: { expLimW: kW(5) }, currentStatus: status })

  it('active event applies; the same event Cancelled (2) does not, the default does', () => {
    const active = resolveSchedule({ programs: [program('P', 1, [ev(1)])], fixed: FIXED, now: T0 + 100, draws: {}, horizonS: 600 })
    expect(active.effective.expLimW.value).toBe(kW(5))
    const cancelled = resolveSchedule({ programs: [program('P', 1, [ev(2)])], fixed: FIXED, now: T0 + 100, draws: {}, horizonS: 600 })
    expect(cancelled.effective.expLimW).toEqual({ value: kW(1.5), source: { kind: 'default', programId: 'P' } })
    expect(cancelled.intents.map((i) => [i.kind, i.dueAt])).toEqual([['cancelled', T0 + 100]])
  })

  it('without a default, a cancelled control falls to the fixed limits (CTL-7)', () => {
    const r = resolveSchedule({ programs: [program('P', 1, [ev(2)], false)], fixed: FIXED, now: T0 + 100, draws: {}, horizonS: 0 })
    expect(r.effective.expLimW).toEqual({ value: kW(1.5), source: { kind: 'fixed' } })
  })

  it('Superseded (4) does not apply and is answered 7', () => {
    const r = resolveSchedule({ programs: [program('P', 1, [ev(4)])], fixed: FIXED, now: T0 + 100, draws: {}, horizonS: 600 })
    expect(r.effective.expLimW.source.kind).toBe('default')
    expect(r.intents.map((i) => i.status)).toEqual([7])
  })

  it('Cancelled with randomization (3) ends the running event |start draw| seconds after it was seen', () => {
    const r = resolveSchedule({
      programs: [program('P', 1, [{ ...ev(3), randomizeStart: 10 }])], fixed: FIXED, now: T0 + 100,
      draws: { C1: { start: 7, duration: 0 } }, cancelSeenAt: { C1: T0 + 100 }, horizonS: 600,
    })
    // start shifted by the draw: T0 + 7; the cancellation takes effect at T0 + 100 + 7.
    expect(r.effective.expLimW.value).toBe(kW(5))
    expect(timelineValueAt(r.timeline, 'expLimW', T0 + 106)).toBe(kW(5))
    expect(timelineValueAt(r.timeline, 'expLimW', T0 + 107)).toBe(kW(1.5))
    expect(r.intents.map((i) => [i.kind, i.dueAt])).toEqual([['started', T0 + 7], ['cancelled', T0 + 107]])
  })

  it('Cancelled with randomization before it started: never runs', () => {
    const r = resolveSchedule({ programs: [program('P', 1, [ev(3)])], fixed: FIXED, now: T0 - 100, draws: {}, horizonS: 3600 })
    expect(r.timeline.filter((e) => e.mode === 'expLimW')).toHaveLength(1)
    expect(r.intents.map((i) => i.kind)).toEqual(['cancelled'])
  })
})

describe('GEN-10: primacy across two programs', () => {
  const low = makeEvent({ mRID: 'LOW', programId: 'P2', start: T0, duration: 600, creationTime: 999, modes: { expLimW: kW(8), impLimW: kW(9) } })
  const high = makeEvent({ mRID: 'HIGH', programId: 'P1', start: T0, duration: 600, creationTime: 1, modes: { expLimW: kW(2) } })

  it('the lower primacy wins per mode, whatever the creation times and input order', () => {
    for (const programs of [[program('P1', 1, [high]), program('P2', 5, [low])], [program('P2', 5, [low]), program('P1', 1, [high])]]) {
      const r = resolveSchedule({ programs, fixed: FIXED, now: T0 + 1, draws: {}, horizonS: 0 })
      expect(r.effective.expLimW.source).toEqual({ kind: 'event', mRID: 'HIGH', programId: 'P1', primacy: 1 })
      expect(r.effective.impLimW.value).toBe(kW(9))
    }
  })

  it('the default of the lowest-primacy program that has one applies', () => {
    const programs: ProgramInput[] = [
      { id: 'P2', mRID: 'M2', primacy: 2, events: [], defaultControl: { modes: { expLimW: 2222 } } },
      { id: 'P1', mRID: 'M1', primacy: 1, events: [], defaultControl: { modes: { expLimW: 1111 } } },
      { id: 'P0', mRID: 'M0', primacy: 0, events: [] },
    ]
    const r = resolveSchedule({ programs, fixed: FIXED, now: T0, draws: {}, horizonS: 0 })
    expect(r.effective.expLimW).toEqual({ value: 1111, source: { kind: 'default', programId: 'P1' } })
    // modes the chosen default does not set fall to the fixed limits, not to P2's default
    expect(r.effective.impLimW).toEqual({ value: kW(1.5), source: { kind: 'fixed' } })
  })
})

describe('CTL-2: randomizeStart (positive and negative) applied once, within bounds', () => {
  const at = (randomizeStart: number, draw: number, t: number) => {
    const e = makeEvent({ mRID: 'R', programId: 'P', start: T0, duration: 300, randomizeStart, modes: { expLimW: 0 } })
    const r = resolveSchedule({ programs: [program('P', 1, [e])], fixed: FIXED, now: T0 - 100, draws: { R: { start: draw, duration: 0 } }, horizonS: 3600 })
    return timelineValueAt(r.timeline, 'expLimW', t)
  }

  it('positive: +7 s starts and ends 7 s late', () => {
    expect(at(10, 7, T0 + 6)).toBe(kW(1.5))
    expect(at(10, 7, T0 + 7)).toBe(0)
    expect(at(10, 7, T0 + 306)).toBe(0)
    expect(at(10, 7, T0 + 307)).toBe(kW(1.5))
  })

  it('negative: -4 s within a -10 s bound starts 4 s early', () => {
    expect(at(-10, -4, T0 - 5)).toBe(kW(1.5))
    expect(at(-10, -4, T0 - 4)).toBe(0)
    expect(at(-10, -4, T0 + 296)).toBe(kW(1.5))
  })

  it('out-of-bound draws are clamped to the bound (and to its sign)', () => {
    expect(at(10, 25, T0 + 9)).toBe(kW(1.5))
    expect(at(10, 25, T0 + 10)).toBe(0)
    expect(at(10, -5, T0)).toBe(0) // a positive bound never starts early
    expect(at(-10, -25, T0 - 10)).toBe(0)
    expect(at(-10, -25, T0 - 11)).toBe(kW(1.5))
  })
})

describe('events that vanish from the list without a Cancelled status', () => {
  const e = makeEvent({ mRID: 'V', programId: 'P', start: T0, duration: 600, modes: { expLimW: kW(3) } })

  it('are treated as cancelled from missingSince', () => {
    const r = resolveSchedule({
      programs: [program('P', 1, [])], fixed: FIXED, now: T0 + 100, draws: {}, horizonS: 600,
      vanished: [{ event: e, missingSince: T0 + 200 }],
    })
    expect(r.effective.expLimW.value).toBe(kW(3))
    expect(timelineValueAt(r.timeline, 'expLimW', T0 + 200)).toBe(kW(1.5))
    expect(r.intents.map((i) => [i.kind, i.dueAt])).toEqual([['started', T0], ['cancelled', T0 + 200]])
  })
})

describe('storage and housekeeping', () => {
  it('keeps a whole 58-event forecast (12 x 5 min + 46 x 30 min, handbook 10.9)', () => {
    const events = [
      ...Array.from({ length: 12 }, (_, i) => makeEvent({ mRID: `F${i}`, programId: 'P', start: T0 + 300 * i, duration: 300, modes: { expLimW: i } })),
      ...Array.from({ length: 46 }, (_, i) => makeEvent({ mRID: `H${i}`, programId: 'P', start: T0 + 3600 + 1800 * i, duration: 1800, modes: { expLimW: 100 + i } })),
    ]
    const r = resolveSchedule({ programs: [program('P', 1, events)], fixed: FIXED, now: T0, draws: {}, horizonS: 86_400 })
    expect(timelineValueAt(r.timeline, 'expLimW', T0 + 3600 + 1800 * 45 + 1)).toBe(145)
    expect(new Set(r.intents.filter((i) => i.kind === 'started').map((i) => i.mRID)).size).toBe(58)
  })

  it('ignores events that ended before now (beyond the look-back)', () => {
    const old = makeEvent({ mRID: 'OLD', programId: 'P', start: T0 - 1000, duration: 300, modes: { expLimW: 0 } })
    const r = resolveSchedule({ programs: [program('P', 1, [old])], fixed: FIXED, now: T0, draws: {}, horizonS: 600 })
    expect(r.intents).toEqual([])
    expect(r.windows).toEqual([])
  })

  it('responseRequired bits: 0b01 asks only for "received", absent asks for nothing', () => {
    const mk = (mRID: string, responseRequired?: number) =>
      makeEvent({ mRID, programId: 'P', start: T0, duration: 60, modes: { expLimW: 0 }, ...(responseRequired === undefined ? {} : { responseRequired }) })
    const r = resolveSchedule({ programs: [program('P', 1, [mk('A', 1)]), program('Q', 2, [mk('B')])], fixed: FIXED, now: T0 - 1, draws: {}, horizonS: 600 })
    const req = (m: string) => r.intents.filter((i) => i.mRID === m).map((i) => [i.kind, i.required])
    expect(req('A')).toEqual([['received', true], ['started', false], ['completed', false]])
    expect(req('B')).toEqual([['received', false], ['superseded', false]])
  })

  it('maxLimW, fixedW and targetW: implied 100 % and "no setpoint"', () => {
    const r = resolveSchedule({ programs: [], fixed: FIXED, now: T0, draws: {}, horizonS: 0 })
    expect(r.effective.maxLimW).toEqual({ value: 10_000, source: { kind: 'implied' } })
    expect(r.effective.fixedW.value).toBeNull()
    expect(r.effective.targetW.value).toBeNull()
  })
})

describe('intent timing details', () => {
  const e = (i: number) => makeEvent({ mRID: `E${i}`, programId: 'P', start: T0 + 60 * i, duration: 60, modes: { expLimW: i } })

  it('back-to-back: the first completes before the next starts at the same instant', () => {
    const r = resolveSchedule({ programs: [program('P', 1, [e(0), e(1)])], fixed: FIXED, now: T0 + 30, draws: {}, horizonS: 600 })
    const atBoundary = r.intents.filter((i) => i.dueAt === T0 + 60).map((i) => `${i.kind}:${i.mRID}`)
    expect(atBoundary).toEqual(['completed:E0', 'started:E1'])
  })

  it('a resolve shortly after an end still reports "completed" (look-back), a late one does not', () => {
    const soon = resolveSchedule({ programs: [program('P', 1, [e(0)])], fixed: FIXED, now: T0 + 60 + 30, draws: {}, horizonS: 600 })
    expect(soon.intents.map((i) => i.kind)).toContain('completed')
    const late = resolveSchedule({ programs: [program('P', 1, [e(0)])], fixed: FIXED, now: T0 + 60 + 61, draws: {}, horizonS: 600 })
    expect(late.intents).toEqual([])
  })

  it('intents due beyond the horizon are left for a later resolve; "received" is due now', () => {
    const r = resolveSchedule({ programs: [program('P', 1, [e(10)])], fixed: FIXED, now: T0, draws: {}, horizonS: 60 })
    expect(r.intents.map((i) => [i.kind, i.dueAt])).toEqual([['received', T0]])
  })
})
