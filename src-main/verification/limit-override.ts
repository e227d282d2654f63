import type { EnvelopeInput } from '../../src-shared/site-control/types'
import type { VerificationMode } from '../../src-shared/verification/profiles'
import type { EffectiveLimitsSource } from '../site/ports'
import type { LimitOverride } from './types'

/**
 * The site controller's limits during a verification run (APP-3): the run's ramped value replaces the mode it tests;
 * every other mode keeps following the utility's schedule. Clearing hands the mode straight back.
 */
export function createOverridableLimits(base: EffectiveLimitsSource): EffectiveLimitsSource & LimitOverride {
  let active: { mode: VerificationMode; valueAt: (nowMs: number) => number | boolean } | null = null
  return {
    at(nowMs: number): EnvelopeInput {
      const limits = base.at(nowMs)
      if (!active) return limits
      return { ...limits, [active.mode]: active.valueAt(nowMs) }
    },
    set(mode, valueAt) {
      active = { mode, valueAt }
    },
    clear() {
      active = null
    },
  }
}
