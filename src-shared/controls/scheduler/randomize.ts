/**
 * Random offsets of handbook 10.5.2 (randomizeStart may be negative). The scheduler is pure: the caller draws once per
 * event (CTL-2 "applied once per event"), persists the draw, and passes it in. These helpers turn uniform numbers into
 * offsets and keep any draw inside the event's bound.
 */
import type { EventInput } from '../types'

/** Pre-drawn offsets (s) for one event. */
export interface RandomDraw {
  start: number
  duration: number
}

/** Keep `offset` between 0 and `bound` (bound may be negative: the offset is then in [bound, 0]). */
export function clampToBound(offset: number, bound: number | undefined): number {
  if (bound === undefined || bound === 0 || !Number.isFinite(offset)) return 0
  const lo = Math.min(0, bound)
  const hi = Math.max(0, bound)
  return Math.min(hi, Math.max(lo, offset))
}

/** A whole-second offset between 0 and `bound` from a uniform number u in [0, 1). */
export function offsetFromUniform(bound: number | undefined, u: number): number {
  if (bound === undefined || bound === 0) return 0
  return clampToBound(Math.round(u * bound), bound) + 0 // + 0 turns -0 into 0
}

/** Draw both offsets of an event from two uniform numbers (the caller owns the randomness and persists the result). */
export function drawForEvent(event: EventInput, uniforms: { start: number; duration: number }): RandomDraw {
  return {
    start: offsetFromUniform(event.randomizeStart, uniforms.start),
    duration: offsetFromUniform(event.randomizeDuration, uniforms.duration),
  }
}

/** The draw to use for an event: the caller's, kept inside the event's bounds; missing = no offset. */
export function effectiveDraw(event: EventInput, draw: RandomDraw | undefined): RandomDraw {
  return {
    start: clampToBound(draw?.start ?? 0, event.randomizeStart),
    duration: clampToBound(draw?.duration ?? 0, event.randomizeDuration),
  }
}
