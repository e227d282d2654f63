/**
 * Semantic checks of a control or default against what a utility can mean (REL-4, issue 15 item 4), per mode from the
 * control-mode table: limits in W are >= 0, percentages within PerCent / SignedPerCent, every number finite; an event
 * lasts > 0 s. The codec has already checked the IEEE 2030.5 types: a mode value outside its type arrives as
 * `invalid` (refused there, left out of `modes`) and counts as a problem here like any other. A control with a
 * problem is never applied: the caller keeps the previous valid value (or the fixed limits) and answers the event
 * with REJECTED_INVALID_EVENT.
 */
import { CONTROL_MODE_TABLE, MODE_SPECS, PER_CENT_RANGE } from './mode-table'
import type { ControlProblem, DefaultControlInput, EventInput, ModeValues } from './types'

/**
 * IEEE 2030.5-2018 Table 27 "Response types by function set" (the values envoy-schema's ResponseType carries for the
 * CSIP-AUS test servers): 252 Rejected - control parameter not applicable, 253 Rejected - invalid event, 254
 * Rejected - event received after it had expired. Handbook 10.5.3 table 3 lists only 1/2/3/6/7 for events the client
 * runs; an event it refuses has no status there, so the standard's own rejection code is used.
 */
export const REJECTED_INVALID_EVENT = 253


/** Every mode value within the range the control-mode table gives it. */
export function modeProblems(modes: ModeValues): ControlProblem[] {
  const problems: ControlProblem[] = []
  for (const spec of MODE_SPECS) {
    const value = modes[spec.mode]
    if (value === undefined) continue
    if (spec.wire === 'boolean') {
      if (typeof value !== 'boolean') problems.push({ field: spec.element, message: `${String(value)} is not true/false` })
      continue
    }
    const range = spec.range ?? { min: -Number.MAX_VALUE, max: Number.MAX_VALUE }
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ field: spec.element, message: `${String(value)} is not a finite number` })
    else if (value < range.min || value > range.max) problems.push({ field: spec.element, message: outOfRange(spec.mode, value) })
  }
  return problems
}

function outOfRange(mode: keyof typeof CONTROL_MODE_TABLE, value: number): string {
  const spec = CONTROL_MODE_TABLE[mode]
  if (spec.unit === 'W') return `${value} W is negative; a ${spec.label} limit is a magnitude in W (>= 0)`
  return `${value} hundredths of a percent is outside ${spec.wire} (${spec.range?.min ?? ''}..${spec.range?.max ?? ''})`
}

/** handbook 10.5: an event's interval lasts > 0 s and its times are finite. */
export function eventProblems(event: EventInput): ControlProblem[] {
  const problems = [...(event.invalid ?? []), ...modeProblems(event.modes)]
  if (!Number.isInteger(event.duration) || event.duration <= 0) problems.push({ field: 'interval.duration', message: `${event.duration} s: an event must last more than 0 s` })
  if (!Number.isFinite(event.start)) problems.push({ field: 'interval.start', message: `${event.start} is not a time` })
  if (!Number.isFinite(event.creationTime)) problems.push({ field: 'creationTime', message: `${event.creationTime} is not a time` })
  return problems
}

/** handbook 10.7: the default's modes, and setGradW as a PerCent per second (0 = no limit). */
export function defaultProblems(control: Pick<DefaultControlInput, 'modes' | 'setGradW' | 'invalid'>): ControlProblem[] {
  const problems = [...(control.invalid ?? []), ...modeProblems(control.modes)]
  const grad = control.setGradW
  if (grad !== undefined && (!Number.isInteger(grad) || grad < PER_CENT_RANGE.min || grad > PER_CENT_RANGE.max)) {
    problems.push({ field: 'setGradW', message: `${grad} is outside PerCent (0..10000 hundredths of a percent per second)` })
  }
  return problems
}

/** "opModExpLimW: -5000 W is negative; …" – for the Limits step and the log. */
export function problemsText(problems: readonly ControlProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ')
}
