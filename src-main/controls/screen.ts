/**
 * REL-4 (issue 15 item 4): a polled snapshot is screened before anything is stored or scheduled. An invalid default
 * or event (src-shared/controls/validate.ts) is taken out – the previous valid one holds, or the fixed limits where
 * there is none – and reported; events that share an mRID with different content are all refused, since which one
 * the utility meant cannot be told from list order (identical copies are kept once, and reported).
 */
import { defaultProblems, eventProblems, problemsText, type EventInput } from '../../src-shared/controls'
import type { NormalisedProgram, NormalisedSnapshot, RefusedEventInput } from './snapshot'

export interface RejectedControl {
  kind: 'event' | 'default' | 'duplicate-mrid'
  programId: string
  mRID: string
  /** What was wrong, in words ("opModExpLimW: -5000 W is negative; …"). */
  reason: string
  /** Whether the control was refused (false: a duplicate kept once, reported only). */
  refused: boolean
  /** Where the event wants its responses, and whether it asks for them (events only). */
  replyTo?: string
  responseRequired?: number
  /** End of the event's interval (UTC s), for how long a rejection response is retried. */
  endS?: number
}

export interface ScreenedSnapshot {
  snapshot: NormalisedSnapshot
  rejected: RejectedControl[]
}

function rejectedEvent(event: EventInput, reason: string, kind: RejectedControl['kind'], refused = true): RejectedControl {
  const out: RejectedControl = { kind, programId: event.programId, mRID: event.mRID, reason, refused, endS: event.start + event.duration }
  if (event.replyTo !== undefined) out.replyTo = event.replyTo
  if (event.responseRequired !== undefined) out.responseRequired = event.responseRequired
  return out
}

/** mRIDs that appear more than once: 'same' when every copy is identical, 'conflict' otherwise. */
function duplicateMrids(programs: readonly NormalisedProgram[]): Map<string, 'same' | 'conflict'> {
  const seen = new Map<string, string[]>()
  for (const p of programs) for (const { event } of p.events) seen.set(event.mRID, [...(seen.get(event.mRID) ?? []), JSON.stringify(event)])
  const out = new Map<string, 'same' | 'conflict'>()
  for (const [mRID, copies] of seen) if (copies.length > 1) out.set(mRID, copies.every((c) => c === copies[0]) ? 'same' : 'conflict')
  return out
}

function screenProgram(p: NormalisedProgram, duplicates: Map<string, 'same' | 'conflict'>, kept: Set<string>, rejected: RejectedControl[]): NormalisedProgram {
  const out: NormalisedProgram = { ...p, events: [] }
  const problems = p.defaultControl ? defaultProblems(p.defaultControl) : []
  if (p.defaultControl && problems.length > 0) {
    delete out.defaultControl
    out.keepStoredDefault = true
    rejected.push({ kind: 'default', programId: p.href, mRID: p.mRID, reason: `DefaultDERControl not applied: ${problemsText(problems)}`, refused: true })
  }
  const held: string[] = []
  for (const entry of p.events) {
    const { event } = entry
    const duplicate = duplicates.get(event.mRID)
    const eventIssues = eventProblems(event)
    if (eventIssues.length > 0) {
      held.push(event.mRID)
      rejected.push(rejectedEvent(event, `DERControl not applied: ${problemsText(eventIssues)}`, 'event'))
    } else if (duplicate === 'conflict') {
      held.push(event.mRID)
      rejected.push(rejectedEvent(event, `DERControl not applied: mRID ${event.mRID} appears more than once with different content`, 'duplicate-mrid'))
    } else if (kept.has(event.mRID)) {
      rejected.push(rejectedEvent(event, `mRID ${event.mRID} appears more than once (identical copies, used once)`, 'duplicate-mrid', false))
    } else {
      kept.add(event.mRID)
      out.events.push(entry)
    }
  }
  for (const r of p.refusedEvents ?? []) {
    if (r.mRID !== undefined) held.push(r.mRID)
    rejected.push(refusedAtCodec(p.href, r))
  }
  delete out.refusedEvents
  if (held.length > 0) out.heldEvents = held
  return out
}

/**
 * A DERControl the codec refused as a whole (its interval, EventStatus or mRID is wrong): not applied – a stored
 * (previous valid) version with the same mRID holds – and answered 253 when its mRID and replyTo were readable.
 */
function refusedAtCodec(programId: string, r: RefusedEventInput): RejectedControl {
  const out: RejectedControl = { kind: 'event', programId, mRID: r.mRID ?? '', reason: `DERControl${r.mRID === undefined ? ' (mRID unreadable)' : ''} not applied: ${r.reason}`, refused: true }
  if (r.mRID !== undefined && r.replyTo !== undefined) out.replyTo = r.replyTo
  if (r.responseRequired !== undefined) out.responseRequired = r.responseRequired
  return out
}

export function screenSnapshot(snapshot: NormalisedSnapshot): ScreenedSnapshot {
  const duplicates = duplicateMrids(snapshot.programs)
  const kept = new Set<string>()
  const rejected: RejectedControl[] = []
  const programs = snapshot.programs.map((p) => screenProgram(p, duplicates, kept, rejected))
  return { snapshot: { polledAt: snapshot.polledAt, programs }, rejected }
}
