import type { UtilityEventRef } from '../../src-shared/contract/verification'
import type { EnvelopeInput } from '../../src-shared/site-control/types'
import type { VerificationMode } from '../../src-shared/verification/profiles'
import type { EffectiveLimitsSource } from '../site/ports'
import type { LimitOverride } from './types'

/** The utility event that governs a mode at a time, if any (handbook 10.5: events, not the default control). */
export type UtilityEventProbe = (mode: VerificationMode, nowMs: number) => UtilityEventRef | undefined

/** The stricter of two values of a mode: the lower limit, or "off" for connect / energize. */
export function stricterOf(a: number | boolean, b: number | boolean | undefined): number | boolean {
  if (b === undefined) return a
  if (typeof a === 'boolean' || typeof b === 'boolean') return a !== false && b !== false
  return Math.min(a, b)
}

/**
 * The site controller's limits during a verification run (APP-3): the run's ramped value replaces the mode it tests
 * and every other mode keeps following the utility's schedule. A verification profile never silently overrides a
 * live utility event (issue 17 item 5): with 'stricter' (the default), while an event governs the tested mode, the
 * stricter of the run's value and the utility's (ramped) value applies; only 'override', the installer's confirmed
 * choice, lets the run's value replace the event's. The default control is what the run is meant to replace, so it
 * never caps the run. Clearing hands the mode straight back.
 */
export function createOverridableLimits(base: EffectiveLimitsSource, utilityEvent: UtilityEventProbe = () => undefined): EffectiveLimitsSource & LimitOverride {
  let active: { mode: VerificationMode; valueAt: (nowMs: number) => number | boolean; choice: 'stricter' | 'override' } | null = null
  const appliedIn = (limits: EnvelopeInput, mode: VerificationMode, nowMs: number): number | boolean | undefined => {
    if (!active || active.mode !== mode) return limits[mode]
    const run = active.valueAt(nowMs)
    if (active.choice === 'override' || !utilityEvent(mode, nowMs)) return run
    return stricterOf(run, limits[mode])
  }
  return {
    at(nowMs: number): EnvelopeInput {
      const limits = base.at(nowMs)
      if (!active) return limits
      return { ...limits, [active.mode]: appliedIn(limits, active.mode, nowMs) }
    },
    applied(mode, nowMs) {
      return appliedIn(base.at(nowMs), mode, nowMs)
    },
    set(mode, valueAt, choice = 'stricter') {
      active = { mode, valueAt, choice }
    },
    clear() {
      active = null
    },
  }
}
