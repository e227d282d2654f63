import { z } from 'zod'
import { command, siteId } from './command'

/**
 * Step "Limits" (APP-2, CTL-2..CTL-7): the effective value of every mode now with its source, the schedule of the next
 * 24 h, the stored events with their responses, and the overlap setting. Times are Unix ms; values cross the boundary
 * as JSON, so "no limit" is the string 'unlimited' (never Infinity).
 */

export const overlapRuleSchema = z.enum(['resume', 'csip-no-resume'])
export type OverlapRuleSetting = z.infer<typeof overlapRuleSchema>

export const OVERLAP_EXPLANATIONS: Record<OverlapRuleSetting, string> = {
  resume: 'IEEE 2030.5:2023 (utility preferred): an overlapped event resumes when the higher-priority event ends.',
  'csip-no-resume': 'CSIP alternative: an event overlapped by a higher-priority one is dropped and does not resume.',
}

export type LimitMode = 'expLimW' | 'impLimW' | 'genLimW' | 'loadLimW' | 'connect' | 'energize' | 'maxLimW' | 'fixedW' | 'targetW'

export const LIMIT_MODE_LABELS: Record<LimitMode, string> = {
  expLimW: 'Export limit',
  impLimW: 'Import limit',
  genLimW: 'Generation limit',
  loadLimW: 'Load limit',
  connect: 'Connect',
  energize: 'Energize',
  maxLimW: 'Max power (% of setMaxW)',
  fixedW: 'Fixed power (% of setMaxW)',
  targetW: 'Target power',
}

/** W (limit modes, targetW), hundredths of a percent (maxLimW, fixedW), a boolean, 'unlimited', or null = not set. */
export type LimitValue = number | boolean | 'unlimited' | null

export type LimitSourceView =
  | { kind: 'event'; mRID: string; programId: string; primacy: number }
  | { kind: 'default'; programId: string }
  | { kind: 'fixed' }
  | { kind: 'implied' }

export interface EffectiveLimit {
  mode: LimitMode
  value: LimitValue
  source: LimitSourceView
  /** Plain words, e.g. "1500 W", "unlimited", "on". */
  text: string
  /** Plain words for the source, e.g. "event 1A2B… (program /derp/0, primacy 1)". */
  sourceText: string
}

export interface TimelineChange {
  at: number
  mode: LimitMode
  value: LimitValue
  source: LimitSourceView
}

/** One sample of the 24 h chart: target W limits ('unlimited' -> null so recharts leaves a gap) and the ramped export. */
export interface ChartPoint {
  at: number
  expLimW: number | null
  impLimW: number | null
  genLimW: number | null
  loadLimW: number | null
  expRampedW: number | null
}

export type ResponseState = 'sending' | 'accepted' | 'failed' | 'abandoned'

/** handbook table 3, plus 253 (IEEE 2030.5 Table 27 "Rejected - invalid event") for a refused control (REL-4). */
export type ResponseStatusCode = 1 | 2 | 3 | 6 | 7 | 253

export interface SentResponse {
  status: ResponseStatusCode
  kind: 'received' | 'started' | 'completed' | 'cancelled' | 'superseded' | 'rejected'
  state: ResponseState
  firstTriedAt: number
  acceptedAt?: number
  attempts: number
  /** The 201 Location the server gave the DERControlResponse. */
  location?: string
  lastError?: string
}

export interface StoredEventView {
  mRID: string
  programId: string
  primacy: number
  description?: string
  status: number
  statusName: string
  /** interval.start / end as sent. */
  start: number
  end: number
  /** After the randomisation draw (and cut short by a cancellation). */
  effectiveStart: number
  effectiveEnd: number
  randomizeStartS?: number
  drawStartS: number
  /** 'scheduled' | 'cancelled' | 'superseded-by-server' | ... (the scheduler's fate). */
  fate: string
  /** "export 5000 W, import 2000 W". */
  modesText: string
  responseRequired: number
  responses: SentResponse[]
  /** Gone from the server's list without a Cancelled status (handled as cancelled from then on). */
  missingSince?: number
}

export type LinkView =
  | { state: 'never-polled' }
  | { state: 'online'; lastPollAt: number }
  | { state: 'lost'; lastPollAt?: number; since: number; reason: string }

export interface LimitsReferences {
  fixedExpW: number
  fixedImpW: number
  defaultExpW?: number
  defaultImpW?: number
  defaultGenW?: number
  defaultLoadW?: number
}

/** REL-4: a control, default or duplicate mRID the last poll refused or reported, and why. */
export interface RejectedControlView {
  kind: 'event' | 'default' | 'duplicate-mrid'
  programId: string
  mRID: string
  reason: string
  /** false: reported only (identical duplicate copies, used once). */
  refused: boolean
  /** When the poll that brought it completed (ms). */
  at: number
}

export interface LimitsView {
  siteId: string
  now: number
  link: LinkView
  overlap: OverlapRuleSetting
  overlapExplanation: string
  effective: EffectiveLimit[]
  nextChangeAt?: number
  timeline: TimelineChange[]
  chart: ChartPoint[]
  references: LimitsReferences
  events: StoredEventView[]
  /** Ramp inputs (CTL-5): aggregate DER capacity from the site's DER inventory and the default's setGradW. */
  ramp: { capacityW: number; setGradW: number }
  /** How the engine last started: an ordinary restart or after a power outage (handbook 11.2). */
  startReason: 'restart' | 'power-outage'
  /** REL-4: what the last poll refused (not applied: the previous valid value or the fixed limits hold) and why. */
  rejected: RejectedControlView[]
}

export const limitsCommands = {
  'limits.get': command(z.object({ siteId, at: z.number().int().optional() })).returns<LimitsView>(),
  'limits.setOverlap': command(z.object({ siteId, overlap: overlapRuleSchema })).returns<LimitsView>(),
} as const

export const limitsEvents = {
  'limits.changed': z.object({ siteId: z.string(), now: z.number(), nextChangeAt: z.number().optional() }),
} as const
