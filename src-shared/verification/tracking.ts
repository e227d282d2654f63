/**
 * Advisory tracking figures of a verification run (issue 11 item 3): how well the site follows the limit, beside the
 * envelope verdict (CTL-5), which stays the only PASS/FAIL. Pure arithmetic on the recorded points.
 *
 * - Time to follow a raise: after each increase of the target, the time until the site stands at the ramped limit
 *   (within the tolerance) or its inverters give all they have, and stays there until the next step.
 * - Oscillation: reversals of the commanded generation setpoint per minute (a hunting controller reverses every few
 *   seconds; issue 11 target: <= 2 per minute in steady state).
 * - Energy curtailed beyond need: while the site stood below its limit by more than the tolerance AND the inverters
 *   were held by their setpoint below their rating, the generation withheld (the smaller of the headroom and the
 *   setpoint's distance to the rating), integrated over time.
 */
import type { VerificationMode } from './profiles'
import { setpointReversals as countReversals } from '../control-quality/metrics'

export interface TrackingPoint {
  /** Seconds from the start of the run. */
  t: number
  /** The profile's target, W; Infinity = no limit. */
  target: number
  /** The limit applied at t (ramped, handbook 11.3), W; Infinity = no limit. */
  ramped: number
  /** The judged quantity (export, generation, …), W. */
  measured: number | undefined
  /** Managed DER output, W, generation positive. */
  derW: number | undefined
  /** Total generation setpoint the controller commanded, W; Infinity = the inverters run free. */
  commandedW?: number | undefined
}

export interface TrackingContext {
  mode: VerificationMode
  /** Aggregate rating of the managed inverters, W. */
  capacityW: number
  /** The run's tolerance, W (the same allowance the verdict uses). */
  toleranceW: number
}

/** Changes of the commanded setpoint smaller than this are noise, not a direction (W). */
export const REVERSAL_DEADBAND_W = 20
/** A gap in the records longer than this is not integrated (s): nothing is known about it. */
const MAX_STEP_S = 5

/** Only the limits that can hold back generation have a "curtailed" or "follow the raise" meaning. */
export const TRACKED_MODES: readonly VerificationMode[] = ['expLimW', 'genLimW']

export interface Oscillation {
  reversals: number
  perMinute: number
  /** The time the setpoint was observed over, s. */
  observedS: number
}

/**
 * Direction reversals of the commanded setpoint ("unlimited" counts as the rating), counted as the controller
 * benchmark counts them (src-shared/control-quality/metrics.ts), with a 20 W hysteresis.
 */
export function setpointReversals(points: readonly TrackingPoint[], capacityW: number): Oscillation {
  const values = points.flatMap((p) => (p.commandedW === undefined ? [] : [{ t: p.t, w: Math.min(p.commandedW, capacityW) }]))
  const { reversals } = countReversals({ tMs: values.map((v) => v.t * 1000), valueW: values.map((v) => v.w) }, { hysteresisW: REVERSAL_DEADBAND_W })
  const observedS = values.length > 1 ? (values.at(-1)?.t ?? 0) - (values[0]?.t ?? 0) : 0
  return { reversals, perMinute: observedS > 0 ? (reversals * 60) / observedS : 0, observedS }
}

/** The inverters are held back by their setpoint: it is below their rating and they produce what it allows. */
function heldBack(p: TrackingPoint, ctx: TrackingContext): boolean {
  if (p.commandedW === undefined || p.derW === undefined) return false
  if (!(p.commandedW < ctx.capacityW - ctx.toleranceW)) return false
  return p.derW >= p.commandedW - ctx.toleranceW
}

function headroomW(p: TrackingPoint): number | undefined {
  if (p.measured === undefined) return undefined
  return p.ramped - p.measured
}

export interface Curtailment {
  /** Generation withheld although the limit allowed it, Wh. */
  curtailedWh: number
  /** Of what the site could have generated (generated + curtailed), %. */
  curtailedPct: number
  generatedWh: number
  /** How long the site was curtailed beyond need, s. */
  curtailedS: number
}

/** Energy curtailed beyond need (see the file comment): each interval takes the state at its start. */
export function curtailedBeyondNeed(points: readonly TrackingPoint[], ctx: TrackingContext): Curtailment {
  let curtailedWh = 0
  let generatedWh = 0
  let curtailedS = 0
  for (let i = 0; i + 1 < points.length; i++) {
    const p = points[i] as TrackingPoint
    const dt = Math.min(MAX_STEP_S, (points[i + 1] as TrackingPoint).t - p.t)
    if (!(dt > 0)) continue
    generatedWh += (Math.max(0, p.derW ?? 0) * dt) / 3600
    const room = headroomW(p)
    if (room === undefined || room <= ctx.toleranceW || !heldBack(p, ctx)) continue
    const withheld = Math.min(room, ctx.capacityW - (p.commandedW as number))
    curtailedWh += (withheld * dt) / 3600
    curtailedS += dt
  }
  const possible = generatedWh + curtailedWh
  return { curtailedWh, generatedWh, curtailedS, curtailedPct: possible > 0 ? (curtailedWh * 100) / possible : 0 }
}

export type RaiseOutcome =
  /** At the limit (within the tolerance) and stayed there. */
  | 'at-limit'
  /** The inverters gave all they had below the limit: there was no more generation to reach it with. */
  | 'generation-limited'
  /** The setpoint rose but the site did not settle before the next step or the end. */
  | 'not-settled'
  /** The setpoint never rose although the site was held back below the raised limit. */
  | 'did-not-try'
  /** Nothing measured after the raise. */
  | 'no-data'

export interface RaiseFollow {
  /** When the target rose, s from the start. */
  atS: number
  fromW: number
  /** null = the raise lifted the limit altogether (JSON has no Infinity). */
  toW: number | null
  outcome: RaiseOutcome
  /** Time from the raise until the site settled (at-limit or generation-limited), s. */
  settledAfterS?: number
  /** The highest measured value before the next step, W. */
  peakW?: number
  /** The target was reached (peak within the tolerance of it). */
  targetReached: boolean
  /** Plain words for the installer and the report. */
  text: string
}

/** Increases of the target, each with the points up to the next change of target. */
function raiseWindows(points: readonly TrackingPoint[]): { atS: number; fromW: number; toW: number; window: TrackingPoint[] }[] {
  const out: { atS: number; fromW: number; toW: number; window: TrackingPoint[] }[] = []
  let open: (typeof out)[number] | undefined
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as TrackingPoint
    const before = points[i - 1]
    if (before && p.target !== before.target) {
      open = p.target > before.target ? { atS: p.t, fromW: before.target, toW: p.target, window: [] } : undefined
      if (open) out.push(open)
    }
    open?.window.push(p)
  }
  return out
}

const following = (p: TrackingPoint, ctx: TrackingContext): boolean => {
  const room = headroomW(p)
  return room !== undefined && (room <= ctx.toleranceW || !heldBack(p, ctx))
}

/** How the site followed each increase of the target. */
export function raiseFollowing(points: readonly TrackingPoint[], ctx: TrackingContext): RaiseFollow[] {
  return raiseWindows(points).map(({ atS, fromW, toW, window }) => followOne(atS, fromW, toW, window, ctx))
}

function followOne(atS: number, fromW: number, toW: number, window: TrackingPoint[], ctx: TrackingContext): RaiseFollow {
  const base = { atS, fromW, toW: Number.isFinite(toW) ? toW : null }
  const measured = window.flatMap((p) => (p.measured === undefined ? [] : [p.measured]))
  if (measured.length === 0) return { ...base, outcome: 'no-data', targetReached: false, text: 'nothing was measured after the raise.' }
  const peakW = Math.max(...measured)
  const targetReached = peakW >= toW - ctx.toleranceW
  const lastOff = window.findLastIndex((p) => !following(p, ctx))
  if (lastOff === window.length - 1) return { ...base, peakW, targetReached, ...unsettled(window, ctx, peakW) }
  const settled = window[lastOff + 1] as TrackingPoint
  const last = window.at(-1) as TrackingPoint
  const atLimit = (headroomW(last) ?? Infinity) <= ctx.toleranceW
  const settledAfterS = settled.t - atS
  const outcome: RaiseOutcome = atLimit ? 'at-limit' : 'generation-limited'
  const text = atLimit
    ? `at the limit ${settledAfterS.toFixed(1)} s after the raise.`
    : `the inverters gave all they had ${settledAfterS.toFixed(1)} s after the raise; the site reached ${Math.round(peakW)} W, below the limit.`
  return { ...base, outcome, settledAfterS, peakW, targetReached, text }
}

function unsettled(window: TrackingPoint[], ctx: TrackingContext, peakW: number): { outcome: RaiseOutcome; text: string } {
  const commanded = window.flatMap((p) => (p.commandedW === undefined ? [] : [Math.min(p.commandedW, ctx.capacityW)]))
  const first = commanded[0]
  const highest = commanded.length ? Math.max(...commanded) : undefined
  if (first !== undefined && highest !== undefined && highest < first + REVERSAL_DEADBAND_W) {
    return {
      outcome: 'did-not-try',
      text: `the site did not try to reach the raised limit: the generation setpoint stayed at ${Math.round(first)} W while the site stood more than the tolerance below the limit (it peaked at ${Math.round(peakW)} W).`,
    }
  }
  return { outcome: 'not-settled', text: `the site had not settled at the limit when the next step came (it peaked at ${Math.round(peakW)} W).` }
}

export interface TrackingFigures {
  /** Always advisory: the envelope verdict alone decides PASS/FAIL. */
  advisory: true
  oscillation: Oscillation
  /** Absent for modes that cannot hold back generation (import, load, connect, energize). */
  curtailment?: Curtailment
  raises: RaiseFollow[]
  /** Targets the site never reached, in words (issue 17 item 5). */
  notes: string[]
}

/** Every advisory figure of a run. */
export function trackingFigures(points: readonly TrackingPoint[], ctx: TrackingContext): TrackingFigures {
  const oscillation = setpointReversals(points, ctx.capacityW)
  if (!TRACKED_MODES.includes(ctx.mode)) return { advisory: true, oscillation, raises: [], notes: [] }
  const raises = raiseFollowing(points, ctx)
  const notes = raises.flatMap((r) => (r.targetReached || r.toW === null ? [] : [`The ${Math.round(r.toW)} W step at ${Math.round(r.atS)} s was never reached: ${r.text}`]))
  return { advisory: true, oscillation, curtailment: curtailedBeyondNeed(points, ctx), raises, notes }
}
