/**
 * What a verification run measures for each mode (handbook 10.6, 10.8.2): site W is import-positive at the
 * connection point; DER W is generation-positive.
 */
import type { VerificationMode } from './profiles'

export interface MeasuredPowers {
  /** Site meter total W, import positive (undefined when the meter gave nothing). */
  siteW: number | undefined
  /** Managed DER total W, generation positive. */
  derW: number | undefined
}

/** The quantity the mode limits, W (never negative): what is judged against the ramped envelope. */
export function measuredFor(mode: VerificationMode, powers: MeasuredPowers): number | undefined {
  switch (mode) {
    case 'expLimW':
      return powers.siteW === undefined ? undefined : Math.max(0, -powers.siteW)
    case 'impLimW':
      return powers.siteW === undefined ? undefined : Math.max(0, powers.siteW)
    case 'genLimW':
      return powers.derW === undefined ? undefined : Math.max(0, powers.derW)
    case 'loadLimW':
      return powers.derW === undefined ? undefined : Math.max(0, -powers.derW)
    case 'connect':
    case 'energize':
      // Disconnected or de-energised managed DER neither generate nor consume.
      return powers.derW === undefined ? undefined : Math.abs(powers.derW)
  }
}
