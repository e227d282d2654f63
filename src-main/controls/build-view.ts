/** Resolution + stored state -> the LimitsView the renderer, the CLI and the API show (APP-2). */
import {
  buildRampEnvelope,
  CONTROL_MODES,
  DEFAULT_SET_GRAD_W,
  defaultAt,
  rampTmsByEvent,
  stepsFromTimeline,
  type FixedLimits,
  type ModeValue,
  type NumericMode,
  type ProgramInput,
  type Resolution,
  type TimelineEntry,
} from '../../src-shared/controls'
import {
  OVERLAP_EXPLANATIONS,
  type ChartPoint,
  type EffectiveLimit,
  type LimitsReferences,
  type LimitsView,
  type LinkView,
  type OverlapRuleSetting,
  type RejectedControlView,
  type SentResponse,
  type StoredEventView,
} from '../../src-shared/contract/limits'
import { EVENT_STATUS_NAMES, RESPONSE_KINDS } from './status-names'
import type { StoredEvent, StoredResponse } from '../storage/controls-repo'
import { limitValue, modesText, sourceText, valueText } from './describe'

const SECOND_MS = 1000
/** Chart resolution: one point every 5 minutes plus every change (the forecast's finest interval, handbook 10.5.1). */
export const CHART_STEP_S = 300

export interface ViewInput {
  siteId: string
  resolution: Resolution
  programs: readonly ProgramInput[]
  events: readonly StoredEvent[]
  responses: readonly StoredResponse[]
  draws: Readonly<Record<string, { start: number; duration: number }>>
  link: LinkView
  overlap: OverlapRuleSetting
  fixed: FixedLimits
  capacityW: number
  horizonS: number
  startReason: 'restart' | 'power-outage'
  rejected: readonly RejectedControlView[]
}

const finiteOrNull = (v: ModeValue | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

export function buildView(input: ViewInput): LimitsView {
  const { resolution: r } = input
  const setGradW = defaultAt(input.programs, r.now)?.control.setGradW ?? DEFAULT_SET_GRAD_W
  const view: LimitsView = {
    siteId: input.siteId,
    now: r.now * SECOND_MS,
    link: input.link,
    overlap: input.overlap,
    overlapExplanation: OVERLAP_EXPLANATIONS[input.overlap],
    effective: effectiveList(r),
    timeline: r.timeline.map((e) => ({ at: e.at * SECOND_MS, mode: e.mode, value: limitValue(e.value), source: e.source })),
    chart: chartPoints(input, setGradW),
    references: references(input),
    events: eventViews(input),
    ramp: { capacityW: input.capacityW, setGradW },
    startReason: input.startReason,
    rejected: [...input.rejected],
  }
  if (r.nextChangeAt !== undefined) view.nextChangeAt = r.nextChangeAt * SECOND_MS
  return view
}

function effectiveList(r: Resolution): EffectiveLimit[] {
  return CONTROL_MODES.map((mode) => {
    const e = r.effective[mode]
    return { mode, value: limitValue(e.value), source: e.source, text: valueText(mode, e.value), sourceText: sourceText(e.source) }
  })
}

function references(input: ViewInput): LimitsReferences {
  const out: LimitsReferences = { fixedExpW: input.fixed.expLimW, fixedImpW: input.fixed.impLimW }
  const modes = defaultAt(input.programs, input.resolution.now)?.control.modes
  const set = (key: 'defaultExpW' | 'defaultImpW' | 'defaultGenW' | 'defaultLoadW', v: ModeValue | undefined) => {
    const n = finiteOrNull(v)
    if (n !== null) out[key] = n
  }
  set('defaultExpW', modes?.expLimW)
  set('defaultImpW', modes?.impLimW)
  set('defaultGenW', modes?.genLimW)
  set('defaultLoadW', modes?.loadLimW)
  return out
}

/** The value of `mode` at t from the timeline (entries are in time order; the first ones are the state at now). */
function valueAt(timeline: readonly TimelineEntry[], mode: NumericMode, t: number): ModeValue | null {
  let value: ModeValue | null = null
  for (const e of timeline) {
    if (e.at > t) break
    if (e.mode === mode) value = e.value
  }
  return value
}

function chartPoints(input: ViewInput, setGradW: number): ChartPoint[] {
  const { timeline, now } = input.resolution
  const envelope = buildRampEnvelope({
    steps: stepsFromTimeline({ timeline, mode: 'expLimW', rampTms: rampTmsByEvent(input.programs) }),
    capacityW: input.capacityW,
    setGradW,
  })
  const times = new Set<number>()
  for (let t = now; t <= now + input.horizonS; t += CHART_STEP_S) times.add(t)
  for (const e of timeline) times.add(e.at)
  for (const s of envelope.segments) if (Number.isFinite(s.reachesAt) && s.reachesAt <= now + input.horizonS) times.add(s.reachesAt)
  return [...times]
    .sort((a, b) => a - b)
    .map((t) => ({
      at: Math.round(t * SECOND_MS),
      expLimW: finiteOrNull(valueAt(timeline, 'expLimW', t)),
      impLimW: finiteOrNull(valueAt(timeline, 'impLimW', t)),
      genLimW: finiteOrNull(valueAt(timeline, 'genLimW', t)),
      loadLimW: finiteOrNull(valueAt(timeline, 'loadLimW', t)),
      expRampedW: finiteOrNull(envelope.at(t).ramped),
    }))
}

function responsesOf(mRID: string, responses: readonly StoredResponse[]): SentResponse[] {
  return responses
    .filter((r) => r.mRID === mRID)
    .map((r) => {
      const out: SentResponse = { status: r.status, kind: RESPONSE_KINDS[r.status], state: r.state, firstTriedAt: r.firstTriedAt, attempts: r.attempts }
      if (r.acceptedAt !== undefined) out.acceptedAt = r.acceptedAt
      if (r.location !== undefined) out.location = r.location
      if (r.lastError !== undefined) out.lastError = r.lastError
      return out
    })
}

function eventViews(input: ViewInput): StoredEventView[] {
  const windows = new Map(input.resolution.windows.map((w) => [w.event.mRID, w]))
  const primacy = new Map(input.programs.map((p) => [p.id, p.primacy]))
  return input.events
    .map((stored) => {
      const e = stored.event
      const w = windows.get(e.mRID)
      const view: StoredEventView = {
        mRID: e.mRID,
        programId: e.programId,
        primacy: w?.primacy ?? primacy.get(e.programId) ?? NaN,
        status: e.currentStatus,
        statusName: EVENT_STATUS_NAMES[e.currentStatus],
        start: e.start * SECOND_MS,
        end: (e.start + e.duration) * SECOND_MS,
        effectiveStart: (w?.from ?? e.start) * SECOND_MS,
        effectiveEnd: (w?.to ?? e.start + e.duration) * SECOND_MS,
        drawStartS: input.draws[e.mRID]?.start ?? 0,
        fate: w?.fate.kind ?? 'ended',
        modesText: modesText(e.modes),
        responseRequired: e.responseRequired ?? 0,
        responses: responsesOf(e.mRID, input.responses),
      }
      if (stored.description !== undefined) view.description = stored.description
      if (e.randomizeStart !== undefined) view.randomizeStartS = e.randomizeStart
      // Only a withdrawal counts: servers also drop an event from the list once it is over.
      if (stored.missingSince !== undefined && w?.fate.kind === 'vanished') view.missingSince = stored.missingSince
      return view
    })
    .sort((a, b) => a.start - b.start || a.primacy - b.primacy)
}
