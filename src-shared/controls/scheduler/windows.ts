/**
 * When each event applies (handbook 10.5, CTL-2): interval shifted by the random draws, cut short by cancellation.
 */
import { EVENT_STATUS, type EventInput, type ProgramInput } from '../types'
import { effectiveDraw, type RandomDraw } from './randomize'

/** An event the client stored earlier that a later successful poll no longer lists. */
export interface VanishedEvent {
  event: EventInput
  /** First time (UTC s) a successful poll of the program's DERControlList came back without it. */
  missingSince: number
}

/** What happens to an event, decided from its status and the client's observations. */
export type EventFate =
  | { kind: 'scheduled' }
  /** Status 2: never applies; the cancellation was seen at `at`. */
  | { kind: 'cancelled'; at: number }
  /** Status 3: applies until `at` = seen time + randomised delay (see cancelTimeWithRandomization). */
  | { kind: 'cancelled-randomized'; at: number }
  /** Status 4: the server superseded it; never applies. */
  | { kind: 'superseded-by-server' }
  /** Gone from the list without a Cancelled status: treated as cancelled from `at` (missingSince). */
  | { kind: 'vanished'; at: number }

export interface EventWindow {
  event: EventInput
  primacy: number
  /** Effective start: interval.start + start draw. */
  from: number
  /** Effective end: from + duration + duration draw, cut at the cancellation time where one applies. */
  to: number
  /** Effective end without any cancellation. */
  plannedTo: number
  fate: EventFate
}

export interface WindowInputs {
  programs: readonly ProgramInput[]
  now: number
  draws: Readonly<Record<string, RandomDraw>>
  vanished?: readonly VanishedEvent[]
  /** When the client first saw each event's Cancelled status (UTC s); absent -> `now`. Persist it per mRID. */
  cancelSeenAt?: Readonly<Record<string, number>>
}

/**
 * Status 3 (Cancelled with Randomization): the cancellation takes effect a random delay after it was seen, so that
 * thousands of sites do not all step at once. We reuse the event's persisted start draw as that delay (its magnitude,
 * within the randomizeStart bound the utility chose, typically 10 s, handbook 10.5.2): one draw per event, stable
 * across re-resolves. An event that had not started by then never runs.
 */
export function cancelTimeWithRandomization(seenAt: number, draw: RandomDraw): number {
  return seenAt + Math.abs(draw.start)
}

function fateOf(event: EventInput, inputs: WindowInputs, draw: RandomDraw): EventFate {
  const seenAt = inputs.cancelSeenAt?.[event.mRID] ?? inputs.now
  switch (event.currentStatus) {
    case EVENT_STATUS.scheduled:
    case EVENT_STATUS.active:
      return { kind: 'scheduled' }
    case EVENT_STATUS.cancelled:
      return { kind: 'cancelled', at: seenAt }
    case EVENT_STATUS.cancelledWithRandomization:
      return { kind: 'cancelled-randomized', at: cancelTimeWithRandomization(seenAt, draw) }
    case EVENT_STATUS.superseded:
      return { kind: 'superseded-by-server' }
    default: {
      const unknown: never = event.currentStatus
      throw new Error(`unknown EventStatus ${String(unknown)}`)
    }
  }
}

function cutoff(fate: EventFate, from: number, plannedTo: number): number {
  switch (fate.kind) {
    case 'scheduled':
      return plannedTo
    case 'cancelled':
    case 'superseded-by-server':
      return from // handbook 10.5.2: a cancelled or superseded event does not apply at all
    case 'cancelled-randomized':
    case 'vanished':
      return Math.max(from, Math.min(plannedTo, fate.at))
  }
}

function windowOf(event: EventInput, primacy: number, fate: EventFate, draw: RandomDraw): EventWindow {
  const from = event.start + draw.start
  const plannedTo = from + Math.max(0, event.duration + draw.duration)
  return { event, primacy, from, plannedTo, to: cutoff(fate, from, plannedTo), fate }
}

/**
 * One window per event of every program, plus the vanished ones.
 * Vanished events (decision): an event that disappears from a successfully fetched list without ever showing a
 * Cancelled status is treated as cancelled from `missingSince`. The server no longer publishes it, so the utility has
 * withdrawn it (10.5.1: replaced events are normally Superseded, but servers also delete them); keeping a withdrawn
 * limit would enforce something nobody asked for. This differs from a loss of communications (11.1), where the list
 * could not be fetched at all and stored events keep running: the caller only reports an event as vanished after a
 * successful poll.
 */
export function eventWindows(inputs: WindowInputs): EventWindow[] {
  const primacyOf = new Map(inputs.programs.map((p) => [p.id, p.primacy]))
  const windows: EventWindow[] = []
  for (const program of inputs.programs) {
    for (const event of program.events) {
      const draw = effectiveDraw(event, inputs.draws[event.mRID])
      windows.push(windowOf(event, program.primacy, fateOf(event, inputs, draw), draw))
    }
  }
  for (const gone of inputs.vanished ?? []) {
    const primacy = primacyOf.get(gone.event.programId)
    if (primacy === undefined) continue // its whole program is gone: nothing of it applies
    const draw = effectiveDraw(gone.event, inputs.draws[gone.event.mRID])
    windows.push(windowOf(gone.event, primacy, { kind: 'vanished', at: gone.missingSince }, draw))
  }
  return windows
}
