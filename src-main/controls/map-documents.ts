/**
 * Polled documents -> scheduler input (handbook 10.5-10.7, CTL-1, CTL-2). Multipliers are applied here
 * (value x 10^multiplier W); opModMaxLimW and opModFixedW stay in hundredths of a percent of setMaxW as sent, and
 * times become UTC seconds, as the pure scheduler expects.
 */
import {
  EVENT_STATUS,
  type ControlProblem,
  type DefaultControlInput,
  type EventInput,
  type EventStatusCode,
  type ModeValues,
} from '../../src-shared/controls'
import type { RefusedEvent, RefusedMode } from '../../src-shared/contract/server'
import type { DERControl, DERControlBase, DefaultDERControl } from '../sep2/xml'
import { modeValuesOf } from '../sep2/xml/control-modes'
import type { NormalisedProgram, NormalisedSnapshot, ProgramsSnapshot, RefusedEventInput } from './snapshot'

/** handbook 10.6: the modes a DERControlBase sets, in scheduler units (the control-mode table decides which and how). */
export function modesOf(base: DERControlBase): ModeValues {
  return modeValuesOf(base)
}

/** REL-4: DERControls the codec refused as a whole, as screening input (reason with its path, identity if read). */
export function refusedEventInputs(refused: readonly RefusedEvent[] | undefined): RefusedEventInput[] | undefined {
  if (refused === undefined || refused.length === 0) return undefined
  return refused.map((r) => {
    const out: RefusedEventInput = { reason: `${r.reason} (at ${r.path})` }
    if (r.mRID !== undefined) out.mRID = r.mRID
    if (r.replyTo !== undefined) out.replyTo = r.replyTo
    if (r.responseRequired !== undefined) out.responseRequired = r.responseRequired
    return out
  })
}

/** REL-4: the elements the codec refused (value outside its IEEE 2030.5 type), as problems the screening refuses. */
export function refusedProblems(refused: readonly RefusedMode[] | undefined): ControlProblem[] | undefined {
  if (refused === undefined || refused.length === 0) return undefined
  return refused.map((r) => ({ field: r.element, message: `${r.reason} (at ${r.path})` }))
}

const KNOWN_STATUSES: readonly number[] = Object.values(EVENT_STATUS)

/** handbook 10.5.2: 0..4. Anything else is not a status we can act on. */
export function isEventStatus(value: number): value is EventStatusCode {
  return KNOWN_STATUSES.includes(value)
}

/** One DERControl as scheduler input; undefined for an unknown EventStatus (kept out of the schedule, reported). */
export function eventInput(control: DERControl, programId: string): EventInput | undefined {
  const status = control.EventStatus.currentStatus
  if (!isEventStatus(status)) return undefined
  const event: EventInput = {
    mRID: control.mRID,
    programId,
    creationTime: control.creationTime,
    currentStatus: status,
    start: control.interval.start,
    duration: control.interval.duration,
    modes: modesOf(control.DERControlBase),
  }
  const invalid = refusedProblems(control.DERControlBase.invalid)
  if (invalid !== undefined) event.invalid = invalid
  if (control.randomizeStart !== undefined) event.randomizeStart = control.randomizeStart
  if (control.randomizeDuration !== undefined) event.randomizeDuration = control.randomizeDuration
  if (control.DERControlBase.rampTms !== undefined) event.rampTms = control.DERControlBase.rampTms
  if (control.responseRequired !== undefined) event.responseRequired = control.responseRequired.value
  if (control.replyTo !== undefined) event.replyTo = control.replyTo
  return event
}

/** handbook 10.7: the default's modes and setGradW; `since` is when the client first had a default (persisted). */
export function defaultInput(doc: DefaultDERControl, since: number): DefaultControlInput {
  const out: DefaultControlInput = { modes: modesOf(doc.DERControlBase), since }
  const invalid = refusedProblems(doc.DERControlBase.invalid)
  if (invalid !== undefined) out.invalid = invalid
  if (doc.setGradW !== undefined) out.setGradW = doc.setGradW
  return out
}

/** A polled snapshot of documents in the service's own units (events with an unknown EventStatus are left out). */
export function normaliseSnapshot(snapshot: ProgramsSnapshot): NormalisedSnapshot {
  const programs = snapshot.programs.map((p): NormalisedProgram => {
    const out: NormalisedProgram = { href: p.href, mRID: p.mRID, primacy: p.primacy, events: [] }
    if (p.description !== undefined) out.description = p.description
    if (p.defaultControl) {
      const { modes, setGradW, invalid } = defaultInput(p.defaultControl, 0)
      out.defaultControl = { modes, ...(setGradW === undefined ? {} : { setGradW }), ...(invalid === undefined ? {} : { invalid }) }
    }
    for (const control of p.controls) {
      const event = eventInput(control, p.href)
      if (event) out.events.push(control.description === undefined ? { event } : { event, description: control.description })
    }
    const refused = refusedEventInputs(p.refusedControls)
    if (refused !== undefined) out.refusedEvents = refused
    return out
  })
  return { polledAt: snapshot.polledAt, programs }
}
