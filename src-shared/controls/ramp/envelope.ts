/**
 * The ramp envelope (handbook 11.3, CTL-5): given the target limit of one mode over time, the ramped limit the site
 * must stay under.
 * - A transition to an event ramps over the event's rampTms (hundredths of a second: the whole change, from the
 *   current ramped value, takes rampTms / 100 s); rampTms 0 = a step.
 * - A transition to an event without rampTms, and any transition back to the default (or to the fixed limits / the
 *   implied defaults), goes at the default control's setGradW: hundredths of a percent of the aggregate DER capacity
 *   per second; absent -> 28 (0.28 %/s, AS/NZS 4777.2, handbook 10.7); 0 = no limit (a step).
 * - A ramp starts from the current ramped value, so a ramp interrupted midway continues from where it is – but never
 *   from above what the site can reach (`achievableW`, the aggregate DER capacity for export and generation limits):
 *   the fall from a 20 kW event on a 10 kW site starts at 10 kW, so the lower limit bites when the ramp says, not after
 *   the ramp has first crossed 10 kW of values the site could never have used (issue 11 item 4).
 * - Decreasing limits are ramped too, by default (figure 6 shows the fall from 10 kW at 650 s reaching 1.5 kW at
 *   about 953.6 s). Since values below the ramped limit are compliant (11.3), a ramped fall is the lenient reading:
 *   a DER that follows the fall sooner is still compliant. `decrease: 'step'` gives the strict envelope instead.
 */
import { DEFAULT_SET_GRAD_W } from '../mode-table'
import { setGradWToWattsPerSecond } from '../units'

export type TargetKind = 'event' | 'default' | 'fixed' | 'implied'

/** From `at` on, the mode's target limit is `value` (W); Infinity = no limit. */
export interface TargetStep {
  at: number
  value: number
  kind: TargetKind
  /** The event's rampTms (hundredths of a second); only used when kind is 'event'. */
  rampTms?: number
  /**
   * Carry on at this rate (W/s) instead of working one out: a rebuilt envelope continues a ramp in progress at the
   * rate it had, so an event's rampTms is not stretched by a rebuild midway (ramped-limits.ts).
   */
  rateWps?: number
}

export interface RampOptions {
  /** Sorted by `at`. The first step is the starting state: the ramped limit starts at its value. */
  steps: readonly TargetStep[]
  /** Aggregate DER capacity (sum of setMaxW), W (handbook 11.3: "total aggregate DER capacity"). */
  capacityW: number
  /** The default control's setGradW; absent -> 28. */
  setGradW?: number
  decrease?: 'ramp' | 'step'
  /** The most the site can actually reach of this quantity, W; a ramp never starts above it (or above its target). */
  achievableW?: number
}

/** From `from` until the next segment: the ramped limit moves from startValue toward target at rateWps. */
export interface RampSegment {
  from: number
  startValue: number
  target: number
  kind: TargetKind
  /** W/s; Infinity = a step. */
  rateWps: number
  /** When the ramped limit reaches the target (if this segment lasts that long). */
  reachesAt: number
}

export interface EnvelopePoint {
  target: number
  ramped: number
}

export interface RampEnvelope {
  segments: readonly RampSegment[]
  at(t: number): EnvelopePoint
}

/** An unlimited value measured as a distance: the ramp spans up to the capacity (or to the other end if higher). */
function finiteEnd(value: number, other: number, capacityW: number): number {
  return Number.isFinite(value) ? value : Math.max(capacityW, Number.isFinite(other) ? other : capacityW)
}

function rateFor(step: TargetStep, from: number, opts: RampOptions): number {
  if (step.rateWps !== undefined) return step.rateWps
  const target = finiteEnd(step.value, from, opts.capacityW)
  if (target < from && (opts.decrease ?? 'ramp') === 'step') return Infinity
  switch (step.kind) {
    case 'event':
      if (step.rampTms !== undefined) {
        return step.rampTms <= 0 ? Infinity : Math.abs(target - from) / (step.rampTms / 100)
      }
      return gradRate(opts)
    case 'default':
    case 'fixed':
    case 'implied':
      return gradRate(opts)
  }
}

function gradRate(opts: RampOptions): number {
  const setGradW = opts.setGradW ?? DEFAULT_SET_GRAD_W
  return setGradW <= 0 ? Infinity : setGradWToWattsPerSecond(setGradW, opts.capacityW)
}

/** The ramped value of a segment at t >= seg.from. */
export function rampedAt(seg: RampSegment, t: number): number {
  if (seg.rateWps === Infinity || t >= seg.reachesAt) return seg.target
  const moved = seg.rateWps * (t - seg.from)
  return seg.target > seg.startValue ? seg.startValue + moved : seg.startValue - moved
}

/** Where a ramp toward `target` starts: the ramped value, no higher than the achievable value (or the target). */
function startOf(rampedValue: number, target: number, opts: RampOptions): number {
  const start = finiteEnd(rampedValue, target, opts.capacityW)
  if (opts.achievableW === undefined) return start
  return Math.min(start, Math.max(opts.achievableW, target))
}

function makeSegment(step: TargetStep, startValue: number, opts: RampOptions): RampSegment {
  const start = startOf(startValue, step.value, opts)
  const rateWps = step.value === startValue || step.value === start ? Infinity : rateFor(step, start, opts)
  const span = Math.abs(finiteEnd(step.value, start, opts.capacityW) - start)
  const reachesAt = rateWps === Infinity ? step.at : step.value === Infinity ? Infinity : step.at + span / rateWps
  return { from: step.at, startValue: start, target: step.value, kind: step.kind, rateWps, reachesAt }
}

function segmentIndex(segments: readonly RampSegment[], t: number): number {
  let lo = 0
  let hi = segments.length - 1
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if ((segments[mid] as RampSegment).from <= t) lo = mid
    else hi = mid - 1
  }
  return lo
}

export function buildRampEnvelope(opts: RampOptions): RampEnvelope {
  const segments: RampSegment[] = []
  for (const step of opts.steps) {
    const prev = segments[segments.length - 1]
    if (prev === undefined) {
      segments.push({ from: step.at, startValue: step.value, target: step.value, kind: step.kind, rateWps: Infinity, reachesAt: step.at })
      continue
    }
    segments.push(makeSegment(step, rampedAt(prev, step.at), opts))
  }
  return {
    segments,
    at(t: number): EnvelopePoint {
      const seg = segments[segmentIndex(segments, t)]
      if (seg === undefined) return { target: Infinity, ramped: Infinity }
      if (t < seg.from) return { target: seg.target, ramped: seg.startValue }
      return { target: seg.target, ramped: rampedAt(seg, t) }
    },
  }
}
