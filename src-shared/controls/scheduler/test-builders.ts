/** Small builders for scheduler tests and simulations (pure; also handy for the utility-server simulator's scripts). */
import type { ControlMode, EventInput, ModeValue, TimelineEntry } from '../types'

type EventSpec = Pick<EventInput, 'mRID' | 'programId' | 'start' | 'duration' | 'modes'> & Partial<EventInput>

/** An event with creationTime 0 and status Scheduled unless given. */
export function makeEvent(spec: EventSpec): EventInput {
  return { creationTime: 0, currentStatus: 0, ...spec }
}

/** kW -> W, as the handbook figures are in kW. */
export const kW = (v: number): number => v * 1000

/** The value of `mode` at `t` read back from a timeline (the last entry at or before t). */
export function timelineValueAt(timeline: readonly TimelineEntry[], mode: ControlMode, t: number): ModeValue | null | undefined {
  let found: TimelineEntry | undefined
  for (const e of timeline) if (e.mode === mode && e.at <= t) found = e
  return found?.value
}
