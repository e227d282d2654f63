/**
 * Control domain types, independent of XML (handbook 10.4-10.7, 12; REQUIREMENTS CTL-1..CTL-3, CTL-7).
 * Times are UTC seconds. Power values are watts with the SEP2 `multiplier` already applied (see units.ts),
 * except maxLimW, which stays in hundredths of a percent of setMaxW as sent (see maxLimWToW).
 */

/** CTL-1: the CSIP-AUS modes plus the 2030.5 base modes the server may send. */
export type ControlMode =
  | 'expLimW'
  | 'impLimW'
  | 'genLimW'
  | 'loadLimW'
  | 'connect'
  | 'energize'
  | 'maxLimW'
  | 'fixedW'
  | 'targetW'

export const CONTROL_MODES: readonly ControlMode[] = [
  'expLimW',
  'impLimW',
  'genLimW',
  'loadLimW',
  'connect',
  'energize',
  'maxLimW',
  'fixedW',
  'targetW',
]

export type BooleanMode = 'connect' | 'energize'
export type NumericMode = Exclude<ControlMode, BooleanMode>

/** Value of a mode: watts (or hundredths of a percent for maxLimW), or a boolean for connect/energize. */
export type ModeValue = number | boolean
export type ModeValues = Partial<Record<ControlMode, ModeValue>>

/** handbook 10.5.2: EventStatus currentStatus. */
export const EVENT_STATUS = {
  scheduled: 0,
  active: 1,
  cancelled: 2,
  cancelledWithRandomization: 3,
  superseded: 4,
} as const
export type EventStatusCode = (typeof EVENT_STATUS)[keyof typeof EVENT_STATUS]

/** What is wrong with a control: the element, e.g. `opModExpLimW` or `interval.duration`, and why. */
export interface ControlProblem {
  field: string
  message: string
}

/** handbook 10.7: the DefaultDERControl of a program. */
export interface DefaultControlInput {
  modes: ModeValues
  /** REL-4: mode values the codec refused (outside their IEEE 2030.5 type); the default is then not applied. */
  invalid?: ControlProblem[]
  /** Ramp rate in hundredths of a percent of setMaxW per second; absent -> 28 (handbook 10.7). 0 = no limit. */
  setGradW?: number
  /**
   * When the client first had this default (UTC s). Before it the default is not in force (handbook figure 8's
   * first slot shows fixed limits "when no controls or default"). Absent = in force at all times.
   */
  since?: number
}

/** One DERControl event (handbook 10.5). */
export interface EventInput {
  mRID: string
  programId: string
  /** UTC seconds. Within one program the later creationTime wins (handbook 12, figure 10). */
  creationTime: number
  currentStatus: EventStatusCode
  /** interval.start, UTC seconds. */
  start: number
  /** interval.duration, seconds. */
  duration: number
  /** Bound (s) of the random start offset; may be negative (handbook 10.5.2). */
  randomizeStart?: number
  /** Bound (s) of the random duration offset; may be negative. */
  randomizeDuration?: number
  modes: ModeValues
  /** REL-4: mode values the codec refused (outside their IEEE 2030.5 type); the event is then refused (253). */
  invalid?: ControlProblem[]
  /** Time for the whole transition to this event's limits, hundredths of a second (handbook 11.3). */
  rampTms?: number
  /** HexBinary8 bitmap (2030.5): bit 0 = respond "received", bit 1 = respond with the specific responses. */
  responseRequired?: number
  replyTo?: string
}

/** One DERProgram (handbook 10.4): lower primacy = higher priority. */
export interface ProgramInput {
  /** Stable id of the program, e.g. its href. Events name it in `programId`. */
  id: string
  mRID: string
  primacy: number
  defaultControl?: DefaultControlInput
  events: EventInput[]
}

/** handbook 11.4, CTL-7: the fixed import/export limits of the site's connection agreement (W). */
export interface FixedLimits {
  expLimW: number
  impLimW: number
}

/** Where an effective mode value comes from (APP-2 shows it). */
export type ControlSource =
  | { kind: 'event'; mRID: string; programId: string; primacy: number }
  | { kind: 'default'; programId: string }
  | { kind: 'fixed' }
  | { kind: 'implied' }

export interface EffectiveMode {
  /** null = nothing sets this mode (fixedW / targetW without a control: the DER runs autonomously). */
  value: ModeValue | null
  source: ControlSource
}

export type EffectiveModes = Record<ControlMode, EffectiveMode>

export interface TimelineEntry {
  at: number
  mode: ControlMode
  value: ModeValue | null
  source: ControlSource
}

/** handbook 10.5.3 table 3: the responses the client sends. */
export type ResponseKind = 'received' | 'started' | 'completed' | 'cancelled' | 'superseded'

export const RESPONSE_STATUS: Readonly<Record<ResponseKind, 1 | 2 | 3 | 6 | 7>> = {
  received: 1,
  started: 2,
  completed: 3,
  cancelled: 6,
  superseded: 7,
}

export interface ResponseIntent {
  mRID: string
  programId: string
  kind: ResponseKind
  status: 1 | 2 | 3 | 6 | 7
  /** When the response becomes due (UTC s); may be in the past – the caller sends each (mRID, status) once. */
  dueAt: number
  /** Whether the event's responseRequired bitmap asks for this response. */
  required: boolean
  replyTo?: string
}
