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
 * live utility event (issue 17 item 5): while an event governs the tested mode, the stricter of the run's value and the
 * utility's (ramped) value applies; only the event the installer confirmed overriding lets the run's value replace it. The default control is what the run is meant to replace, so it
 * never caps the run. Clearing hands the mode straight back.
 */
export function createOverridableLimits(base: EffectiveLimitsSource, utilityEvent: UtilityEventProbe = () => undefined): EffectiveLimitsSource & LimitOverride {
  let active: { mode: VerificationMode; valueAt: (nowMs: number) => number | boolean; overriddenMRID: string | undefined } | null = null
  const appliedIn = (limits: EnvelopeInput, mode: VerificationMode, nowMs: number): number | boolean | undefined => {
    if (!active || active.mode !== mode) return limits[mode]
    const run = active.valueAt(nowMs)
    const event = utilityEvent(mode, nowMs)
    // Only the event the installer confirmed is overridden: another one starting during the run still caps it.
    if (!event || event.mRID === active.overriddenMRID) return run
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
    set(mode, valueAt, overriddenMRID) {
      active = { mode, valueAt, overriddenMRID }
    },
    clear() {
      active = null
    },
  }
}
