/**
 * The compliance judge (CTL-5, APP-3): a measured series against the ramped envelope. handbook 11.3: "all values less
 * than the ramped limit are deemed compliant, however values above the ramped value are non-compliant". Being below
 * is always fine; being above by more than the tolerance for longer than the grace (the allowed response delay) is a
 * violation.
 */
import type { RampEnvelope } from '../ramp/envelope'

export interface Sample {
  /** UTC seconds. */
  t: number
  w: number
}

export interface ToleranceSettings {
  /** Allowed excess over the envelope, W. */
  toleranceW: number
  /** Allowed excess as a percentage of the envelope value; the larger of the two allowances applies. */
  tolerancePct?: number
  /** An excursion lasting up to this long (s) is tolerated: the DER's response delay. 0 = none. */
  graceS: number
}

export interface Violation {
  /** Time of the first sample above the allowance. */
  start: number
  /** Time of the first sample back within it, or of the last sample when the series ends above it. */
  end: number
  durationS: number
  /** Largest excess above the envelope itself (not above envelope + tolerance), W. */
  worstExcessW: number
  /** When that largest excess was measured. */
  at: number
}

export interface Verdict {
  pass: boolean
  violations: Violation[]
  worstViolation: Violation | undefined
  samplesJudged: number
  /** Samples with a non-finite time or value, left out. */
  samplesSkipped: number
}

export interface JudgeInput {
  samples: readonly Sample[]
  /** The ramped limit at t (W); Infinity = no limit. */
  limitAt: (t: number) => number
  tolerance: ToleranceSettings
}

/** The envelope's ramped limit as the judge's limit function. */
export function rampedLimit(envelope: RampEnvelope): (t: number) => number {
  return (t) => envelope.at(t).ramped
}

function allowance(limit: number, tol: ToleranceSettings): number {
  const pct = tol.tolerancePct === undefined ? 0 : (Math.abs(limit) * tol.tolerancePct) / 100
  return Math.max(tol.toleranceW, pct)
}

interface Excursion {
  start: number
  last: number
  worstExcessW: number
  at: number
}

function close(ex: Excursion, end: number, tol: ToleranceSettings): Violation | undefined {
  const durationS = end - ex.start
  // handbook 11.3 allows no excess, the grace models the DER's response time; with no grace any excess counts.
  if (tol.graceS > 0 && durationS <= tol.graceS) return undefined
  return { start: ex.start, end, durationS, worstExcessW: ex.worstExcessW, at: ex.at }
}

function worst(violations: readonly Violation[]): Violation | undefined {
  let best: Violation | undefined
  for (const v of violations) if (best === undefined || v.worstExcessW > best.worstExcessW) best = v
  return best
}

export function judgeCompliance(input: JudgeInput): Verdict {
  const usable = input.samples.filter((s) => Number.isFinite(s.t) && Number.isFinite(s.w)).sort((a, b) => a.t - b.t)
  const violations: Violation[] = []
  let open: Excursion | undefined
  for (const s of usable) {
    const limit = input.limitAt(s.t)
    const excess = s.w - limit
    if (Number.isFinite(limit) && excess > allowance(limit, input.tolerance)) {
      if (open === undefined) open = { start: s.t, last: s.t, worstExcessW: excess, at: s.t }
      open.last = s.t
      if (excess > open.worstExcessW) Object.assign(open, { worstExcessW: excess, at: s.t })
      continue
    }
    const v = open === undefined ? undefined : close(open, s.t, input.tolerance)
    if (v !== undefined) violations.push(v)
    open = undefined
  }
  const tail = open === undefined ? undefined : close(open, open.last, input.tolerance)
  if (tail !== undefined) violations.push(tail)
  const samplesSkipped = input.samples.length - usable.length
  return { pass: violations.length === 0, violations, worstViolation: worst(violations), samplesJudged: usable.length, samplesSkipped }
}
