/** SEP2 value scaling (REQUIREMENTS SRV-6, CTL-1). */

/** IEEE 2030.5 PowerOfTenMultiplierType: an Int8 restricted to -9..9 (the codec refuses anything else). */
export const MIN_MULTIPLIER = -9
export const MAX_MULTIPLIER = 9

/**
 * value x 10^multiplier. Negative multipliers divide by the positive power of ten so that, e.g., 15 x 10^-1 is exactly
 * 1.5 (multiplying by 0.1 would give 1.5000000000000002). The one place that scales a 2030.5 value; a non-integer or out-of-range multiplier cannot come from the codec,
 * so it is a bug: throws.
 */
export function applyMultiplier(value: number, multiplier: number): number {
  if (!Number.isInteger(multiplier) || multiplier < MIN_MULTIPLIER || multiplier > MAX_MULTIPLIER) {
    throw new RangeError(`SEP2 multiplier must be a PowerOfTenMultiplierType (-9..9), got ${multiplier}`)
  }
  if (multiplier >= 0) return value * 10 ** multiplier
  return value / 10 ** -multiplier
}

/** opModMaxLimW is hundredths of a percent of setMaxW (handbook FAQ): 10000 = 100 %. Returns watts. */
export function maxLimWToW(hundredthsOfPercent: number, setMaxW: number): number {
  return (setMaxW * hundredthsOfPercent) / 10_000
}

/** setGradW (hundredths of a percent of setMaxW per second) as watts per second over the given capacity. */
export function setGradWToWattsPerSecond(setGradW: number, capacityW: number): number {
  return (capacityW * setGradW) / 10_000
}
