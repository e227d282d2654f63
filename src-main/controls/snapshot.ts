/**
 * What the controls service takes from a poll: a small interface of its own so it does not depend on the SEP2
 * client's internals. Each program carries the documents as the codec parsed them (multipliers not yet applied).
 */
import type { ControlProblem, EventInput, ModeValues } from '../../src-shared/controls'
import type { DERControl, DefaultDERControl, RefusedElement } from '../sep2/xml'

export interface ProgramSnapshot {
  /** The DERProgram's href: the program's stable id (events name it). */
  href: string
  mRID: string
  primacy: number
  description?: string
  /** The program's DefaultDERControl, if it links one and the read succeeded. */
  defaultControl?: DefaultDERControl
  /** Every DERControl of every page of the program's DERControlList (handbook 10.9: up to 58 are kept). */
  controls: DERControl[]
  /** REL-4: DERControls the codec refused as a whole (their own values wrong), with their identity where readable. */
  refusedControls?: RefusedElement[]
}

export interface ProgramsSnapshot {
  /** When the poll completed (Unix ms). */
  polledAt: number
  programs: ProgramSnapshot[]
}

/** A program as the service stores it: modes with multipliers applied, times in UTC seconds (scheduler units). */
export interface NormalisedProgram {
  href: string
  mRID: string
  primacy: number
  description?: string
  /** `invalid`: modes the codec refused (REL-4); screening then refuses the default. */
  defaultControl?: { modes: ModeValues; setGradW?: number; invalid?: ControlProblem[] }
  events: { event: EventInput; description?: string }[]
  /** REL-4: the program's default was invalid and is not applied: the stored (previous valid) default holds. */
  keepStoredDefault?: true
  /** REL-4: events refused in this poll whose stored (previous valid) version, if any, holds. */
  heldEvents?: string[]
  /** REL-4: DERControls refused at the codec as a whole (interval, EventStatus, mRID): screened out and reported. */
  refusedEvents?: RefusedEventInput[]
}

/** A DERControl the codec refused: what was wrong and, where readable, whom to answer (IEEE 2030.5-2018 Table 27). */
export interface RefusedEventInput {
  reason: string
  mRID?: string
  replyTo?: string
  responseRequired?: number
}

export interface NormalisedSnapshot {
  polledAt: number
  programs: NormalisedProgram[]
}
