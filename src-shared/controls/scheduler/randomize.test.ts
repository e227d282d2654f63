import { describe, it, expect } from 'vitest'
import { clampToBound, drawForEvent, offsetFromUniform } from './randomize'
import { makeEvent } from './test-builders'

describe('random offsets (handbook 10.5.2: randomizeStart may be negative)', () => {
  it.each([
    [10, 0, 0],
    [-10, 0, 0],
    [10, 0.5, 5],
    [10, 0.9999, 10],
    [-10, 0.5, -5],
    [-10, 0.9999, -10],
    [undefined, 0.7, 0],
  ])('bound %s, u %s -> %s', (bound, u, expected) => {
    expect(offsetFromUniform(bound, u)).toBe(expected)
  })

  it('clamps to [0, bound] or [bound, 0]', () => {
    expect(clampToBound(12, 10)).toBe(10)
    expect(clampToBound(-1, 10)).toBe(0)
    expect(clampToBound(-12, -10)).toBe(-10)
    expect(clampToBound(3, -10)).toBe(0)
    expect(clampToBound(Number.NaN, 10)).toBe(0)
  })

  it('draws both offsets of an event', () => {
    const e = makeEvent({ mRID: 'X', programId: 'P', start: 0, duration: 60, modes: {}, randomizeStart: -20, randomizeDuration: 30 })
    expect(drawForEvent(e, { start: 0.25, duration: 0.5 })).toEqual({ start: -5, duration: 15 })
  })
})
