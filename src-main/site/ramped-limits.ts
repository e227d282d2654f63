/**
 * The controls service's schedule as the site controller's effective, ramped limits (SITE-1 "each change ramped per
 * CTL-5"; handbook 11.3). The scheduler's Resolution gives each mode's state now and its changes ahead; the ramp
 * envelope of each W limit is built from them once and reused until the schedule changes (`refresh`) or the horizon
 * runs short. A rebuild starts from where the old envelope had got to, so a ramp in progress carries on smoothly.
 */
import { buildRampEnvelope, stepsFromTimeline, type RampEnvelope, type TargetStep } from '../../src-shared/controls'
import type { Resolution } from '../../src-shared/controls'
import type { EnvelopeInput } from '../../src-shared/site-control'
import type { EffectiveLimitsSource } from './ports'

const RAMPED_MODES = ['expLimW', 'impLimW', 'genLimW', 'loadLimW'] as const
type RampedMode = (typeof RAMPED_MODES)[number]
/**
 * Export and generation can reach at most the aggregate DER capacity, so their ramps start no higher (issue 11 item 4).
 * Import and load include the household's own load, which is not bounded by the DER: those start where they are.
 */
const CAPPED_AT_CAPACITY: ReadonlySet<RampedMode> = new Set(['expLimW', 'genLimW'])
const MS_PER_S = 1000
/** Rebuild at least this often so the envelope never runs past the resolution's horizon. */
export const RAMP_REBUILD_MS = 3_600_000

export interface RampedLimitsOptions {
  /** The controls service (its `resolution(atMs)`). */
  controls: { resolution(atMs?: number): Resolution }
  /** Aggregate DER capacity, W (handbook 11.3: ramps apply to the total). */
  capacityW: number
  /** The default control's setGradW (absent -> 28); absent: the resolution's (the DefaultDERControl in force). */
  setGradW?: () => number | undefined
  /** rampTms by event mRID; absent: taken from the events of the resolution itself. */
  rampTms?: () => ReadonlyMap<string, number>
}

export interface RampedLimitsSource extends EffectiveLimitsSource {
  /** The schedule changed (the controls service's onChanged): rebuild from the current ramped values. */
  refresh(nowMs: number): void
}

export function rampedLimitsFromControls(options: RampedLimitsOptions): RampedLimitsSource {
  let built: { atMs: number; envelopes: Map<RampedMode, RampEnvelope>; resolution: Resolution } | undefined

  const build = (nowMs: number): NonNullable<typeof built> => {
    const resolution = options.controls.resolution(nowMs)
    const rampTms = options.rampTms?.() ?? rampTmsOfResolution(resolution)
    const setGradW = options.setGradW ? options.setGradW() : resolution.setGradW
    const envelopes = new Map<RampedMode, RampEnvelope>()
    for (const mode of RAMPED_MODES) {
      const carried = built?.envelopes.get(mode)
      const steps = continuing(stepsFromTimeline({ timeline: resolution.timeline, mode, rampTms }), carried, nowMs / MS_PER_S)
      const start: TargetStep[] = carried ? [{ at: nowMs / MS_PER_S, value: carried.at(nowMs / MS_PER_S).ramped, kind: 'implied' }] : []
      const achievable = CAPPED_AT_CAPACITY.has(mode) ? { achievableW: options.capacityW } : {}
      envelopes.set(mode, buildRampEnvelope({ steps: [...start, ...steps], capacityW: options.capacityW, ...achievable, ...(setGradW !== undefined ? { setGradW } : {}) }))
    }
    return { atMs: nowMs, envelopes, resolution }
  }

  return {
    refresh(nowMs) {
      built = build(nowMs)
    },
    at(nowMs) {
      if (!built || nowMs - built.atMs >= RAMP_REBUILD_MS || nowMs < built.atMs) built = build(nowMs)
      const out: EnvelopeInput = {}
      for (const mode of RAMPED_MODES) {
        const ramped = built.envelopes.get(mode)?.at(nowMs / MS_PER_S).ramped
        if (ramped !== undefined && Number.isFinite(ramped)) out[mode] = ramped
      }
      const state = built.resolution.timeline
      const connect = booleanAt(state, 'connect', nowMs / MS_PER_S)
      const energize = booleanAt(state, 'energize', nowMs / MS_PER_S)
      if (connect !== undefined) out.connect = connect
      if (energize !== undefined) out.energize = energize
      return out
    },
  }
}

/**
 * A ramp in progress toward the same target carries on at its rate: rebuilt midway, an event's rampTms (the time of
 * the WHOLE change, handbook 11.3) would otherwise start again from the ramped value and end late. A setGradW ramp
 * takes the rate in force now instead (a changed DefaultDERControl setGradW applies at once, ALL-28).
 */
function continuing(steps: TargetStep[], carried: RampEnvelope | undefined, t: number): TargetStep[] {
  const first = steps[0]
  const seg = carried?.segments.filter((s) => s.from <= t).at(-1)
  if (!first || !seg || first.at !== t || first.kind !== 'event' || first.rampTms === undefined) return steps
  if (seg.target !== first.value || seg.kind !== 'event' || seg.rateWps === Infinity) return steps
  return [{ ...first, rateWps: seg.rateWps }, ...steps.slice(1)]
}

/** handbook 11.3: each event's rampTms, for the transitions into it. */
function rampTmsOfResolution(resolution: Resolution): Map<string, number> {
  const out = new Map<string, number>()
  for (const w of resolution.windows) if (w.event.rampTms !== undefined) out.set(w.event.mRID, w.event.rampTms)
  return out
}

/** The last boolean value of `mode` at or before t in the timeline (undefined = not set). */
function booleanAt(timeline: Resolution['timeline'], mode: 'connect' | 'energize', t: number): boolean | undefined {
  let value: boolean | undefined
  for (const e of timeline) {
    if (e.at > t) break
    if (e.mode === mode) value = typeof e.value === 'boolean' ? e.value : undefined
  }
  return value
}
