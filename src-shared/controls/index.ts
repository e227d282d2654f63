/** Pure control logic: types, units, scheduler, ramp envelope, compliance judge (CTL-1..3, CTL-5, CTL-7). */
export * from './types'
export * from './mode-table'
export { REJECTED_INVALID_EVENT, defaultProblems, eventProblems, modeProblems, problemsText } from './validate'
export { modeValueText, modeValuesText, modesFromView, rampTmsFromView, viewModes } from './mode-views'
export { applyMultiplier, maxLimWToW, setGradWToWattsPerSecond } from './units'
export {
  resolveSchedule,
  DEFAULT_INTENT_LOOKBACK_S,
  type ResolveInput,
  type ResolveSettings,
  type Resolution,
} from './scheduler/resolve'
export { clampToBound, drawForEvent, effectiveDraw, offsetFromUniform, type RandomDraw } from './scheduler/randomize'
export {
  cancelTimeWithRandomization,
  type EventFate,
  type EventWindow,
  type VanishedEvent,
} from './scheduler/windows'
export { compareWindows, type OverlapRule } from './scheduler/rank'
export { defaultAt, impliedValue, stateAt } from './scheduler/evaluate'
export {
  buildRampEnvelope,
  rampedAt,
  type EnvelopePoint,
  type RampEnvelope,
  type RampOptions,
  type RampSegment,
  type TargetKind,
  type TargetStep,
} from './ramp/envelope'
export { rampTmsByEvent, stepsFromTimeline, type StepsFromTimelineInput } from './ramp/from-timeline'
export {
  judgeCompliance,
  rampedLimit,
  type JudgeInput,
  type Sample,
  type ToleranceSettings,
  type Verdict,
  type Violation,
} from './judge/judge'
