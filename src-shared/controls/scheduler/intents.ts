/**
 * Response intents per event (handbook 10.5.3 table 3, CTL-4): which responses are due and when. The caller POSTs
 * each (mRID, status) once and persists what it sent; intents may therefore repeat across resolves.
 */
import { RESPONSE_STATUS, type EventInput, type ResponseIntent, type ResponseKind } from '../types'
import type { EventWindow } from './windows'

/** 2030.5 responseRequired bits: 0 = "message received", 1 = "specific response" (started, completed, ...). */
const BIT_RECEIVED = 0b01
const BIT_SPECIFIC = 0b10

function required(event: EventInput, kind: ResponseKind): boolean {
  const bits = event.responseRequired ?? 0
  return (bits & (kind === 'received' ? BIT_RECEIVED : BIT_SPECIFIC)) !== 0
}

function intent(w: EventWindow, kind: ResponseKind, dueAt: number): ResponseIntent {
  const { mRID, programId, replyTo } = w.event
  const base = { mRID, programId, kind, status: RESPONSE_STATUS[kind], dueAt, required: required(w.event, kind) }
  return replyTo === undefined ? base : { ...base, replyTo }
}

export interface IntentInputs {
  now: number
  /** First instant each event (mRID) decided the value of at least one mode. */
  firstWin: ReadonlyMap<string, number>
  /** When each event's last stretch of deciding a mode ended (absent while it still decides at the last instant). */
  lastLoss: ReadonlyMap<string, number>
  /** Events the server status already settles; when they were first seen so (cancelSeenAt or now). */
  seenAt: (mRID: string) => number
}

function scheduledIntents(w: EventWindow, inputs: IntentInputs): ResponseIntent[] {
  const out = [intent(w, 'received', inputs.now)]
  const won = inputs.firstWin.get(w.event.mRID)
  // An event that never decides any mode (fully overlapped, or dropped under the CSIP rule) is superseded; the
  // response is due when it would have started, so a change to the overlapping event before then still counts.
  if (won === undefined) return [...out, intent(w, 'superseded', w.from)]
  // Overridden for the rest of its time – by a newer event of its program (figure 10) or, under 'resume', by a
  // higher-priority event that outlasts it (cactus GEN-10 (g)) – it is superseded when it stops deciding, not completed.
  const lost = inputs.lastLoss.get(w.event.mRID)
  const end = lost !== undefined && lost < w.plannedTo ? intent(w, 'superseded', lost) : intent(w, 'completed', w.plannedTo)
  return [...out, intent(w, 'started', won), end]
}

function cutShortIntents(w: EventWindow, at: number, inputs: IntentInputs): ResponseIntent[] {
  const won = inputs.firstWin.get(w.event.mRID)
  const cancelled = intent(w, 'cancelled', at)
  return won === undefined ? [cancelled] : [intent(w, 'started', won), cancelled]
}

export function intentsFor(w: EventWindow, inputs: IntentInputs): ResponseIntent[] {
  switch (w.fate.kind) {
    case 'scheduled':
      return scheduledIntents(w, inputs)
    case 'cancelled':
      return [intent(w, 'cancelled', w.fate.at)]
    case 'superseded-by-server':
      return [intent(w, 'superseded', inputs.seenAt(w.event.mRID))]
    case 'cancelled-randomized':
    case 'vanished':
      return cutShortIntents(w, w.fate.at, inputs)
  }
}
