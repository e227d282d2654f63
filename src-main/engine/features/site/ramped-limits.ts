import { buildRampEnvelope, type RampEnvelope } from '../../../../src-shared/controls/ramp/envelope'
import { stepsFromTimeline } from '../../../../src-shared/controls/ramp/from-timeline'
import type { Resolution } from '../../../../src-shared/controls/scheduler/resolve'
import type { NumericMode } from '../../../../src-shared/controls/types'
import type { EnvelopeInput } from '../../../../src-shared/site-control/types'
import type { EffectiveLimitsSource } from '../../../site/ports'

/** The schedule is resolved again this often; between rebuilds the ramp envelopes are read directly. */
export const LIMITS_REBUILD_MS = 1000

const RAMPED_MODES = ['expLimW', 'impLimW', 'genLimW', 'loadLimW'] as const satisfies readonly NumericMode[]
type RampedMode = (typeof RAMPED_MODES)[number]

export interface RampedLimitsOptions {
  /** The controls service's resolution at a time (ms), handbook 12 precedence applied. */
  resolve: (atMs: number) => Resolution
  /** Aggregate DER capacity, W (handbook 11.3). */
  capacityW: () => number
  /** The default control's setGradW; absent = 28. */
  setGradW: () => number | undefined
}

/**
 * The site controller's limits (SITE-1): the scheduler's effective value of every mode, each W limit ramped per CTL-5
 * (rampTms of the event, else setGradW). Every rebuild starts each ramp from where the previous envelope stood, so a
 * ramp in progress continues smoothly when the schedule is resolved again.
 */
export function createRampedLimits(options: RampedLimitsOptions): EffectiveLimitsSource {
  let built: { atMs: number; envelopes: Record<RampedMode, RampEnvelope>; switches: Pick<EnvelopeInput, 'connect' | 'energize'> } | undefined

  function rebuild(nowMs: number) {
    const resolution = options.resolve(nowMs)
    const nowS = nowMs / 1000
    const rampTms = new Map<string, number>()
    for (const w of resolution.windows) if (w.event.rampTms !== undefined) rampTms.set(w.event.mRID, w.event.rampTms)
    const setGradW = options.setGradW()
    const envelopes = Object.fromEntries(
      RAMPED_MODES.map((mode) => {
        const steps = stepsFromTimeline({ timeline: resolution.timeline, mode, rampTms })
        const previous = built?.envelopes[mode].at(nowS).ramped
        // Start from where the ramp stood (a step just before now), so the next target is approached, not jumped to.
        const start = previous === undefined ? [] : [{ at: nowS - 1e-3, value: previous, kind: 'event' as const, rampTms: 0 }]
        return [mode, buildRampEnvelope({ steps: [...start, ...steps], capacityW: options.capacityW(), ...(setGradW === undefined ? {} : { setGradW }) })]
      }),
    ) as Record<RampedMode, RampEnvelope>
    const connect = resolution.effective.connect.value
    const energize = resolution.effective.energize.value
    built = { atMs: nowMs, envelopes, switches: { connect: connect !== false, energize: energize !== false } }
  }

  return {
    at(nowMs: number): EnvelopeInput {
      if (!built || nowMs - built.atMs >= LIMITS_REBUILD_MS || nowMs < built.atMs) rebuild(nowMs)
      const current = built as NonNullable<typeof built>
      const nowS = nowMs / 1000
      const limits: EnvelopeInput = { ...current.switches }
      for (const mode of RAMPED_MODES) {
        const ramped = current.envelopes[mode].at(nowS).ramped
        if (Number.isFinite(ramped)) limits[mode] = ramped
      }
      return limits
    },
  }
}
