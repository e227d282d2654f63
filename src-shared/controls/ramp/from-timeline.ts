/** Glue: the scheduler's timeline of one numeric mode -> ramp steps (CTL-5 applied to CTL-3's result). */
import type { EventInput, NumericMode, ProgramInput, TimelineEntry } from '../types'
import type { TargetStep } from './envelope'

/** rampTms of every event by mRID, for stepsFromTimeline. */
export function rampTmsByEvent(programs: readonly ProgramInput[]): Map<string, number> {
  const out = new Map<string, number>()
  const add = (e: EventInput): void => {
    if (e.rampTms !== undefined) out.set(e.mRID, e.rampTms)
  }
  for (const p of programs) p.events.forEach(add)
  return out
}

/**
 * The timeline entries of `mode` as ramp steps. A null value (no setpoint) or a boolean is read as "no limit"
 * (Infinity); callers use this for the W limit modes (expLimW, impLimW, genLimW, loadLimW) and maxLimW after conversion.
 */
export interface StepsFromTimelineInput {
  timeline: readonly TimelineEntry[]
  mode: NumericMode
  /** rampTms by event mRID (rampTmsByEvent). */
  rampTms: ReadonlyMap<string, number>
}

export function stepsFromTimeline({ timeline, mode, rampTms }: StepsFromTimelineInput): TargetStep[] {
  const steps: TargetStep[] = []
  for (const entry of timeline) {
    if (entry.mode !== mode) continue
    const value = typeof entry.value === 'number' ? entry.value : Infinity
    const source = entry.source
    if (source.kind === 'event') {
      const tms = rampTms.get(source.mRID)
      steps.push(tms === undefined ? { at: entry.at, value, kind: 'event' } : { at: entry.at, value, kind: 'event', rampTms: tms })
    } else {
      steps.push({ at: entry.at, value, kind: source.kind })
    }
  }
  return steps
}
