/**
 * Values that fit a signed Int16 with a power-of-ten multiplier (REQUIREMENTS TEL-3; handbook FAQ "Why are some
 * telemetry readings not accepted?": reading values are a signed Int16, -32768..32767; larger values use the
 * multiplier). The same shape is the 2030.5 ActivePower / ReactivePower type (Int16 value + PowerOfTenMultiplierType).
 *
 * Precision rule: the smallest multiplier (>= the quantity's minimum) whose rounded value fits, i.e. the most
 * significant digits that fit. Rounding: half away from zero (32768 -> 3276.8 -> 3277 x 10^1; -32768.5 -> x 10^1).
 *
 * Minimum multiplier per quantity: W and var are whole watts / vars (0) – sub-watt digits are noise on a 5-minute
 * average; V keeps one decimal (240.1 V -> 2401 x 10^-1); Hz keeps two (50.01 Hz -> 5001 x 10^-2), enough for the
 * 0.01 Hz steps of frequency-response settings. Negative multipliers are only ever used for V and Hz.
 */
import { fail, ok, type Result } from '../result'
import type { Quantity } from './telemetry-types'

export const INT16_MIN = -32768
export const INT16_MAX = 32767
/** PowerOfTenMultiplierType is Int8 but 2030.5 restricts it to -9..9. */
export const MAX_MULTIPLIER = 9
export const MIN_MULTIPLIER = -9

export interface ScaledValue {
  /** Integer in INT16_MIN..INT16_MAX. */
  value: number
  /** Power of ten: real value = value x 10^multiplier. */
  multiplier: number
}

export interface ScaleOptions {
  /** Smallest multiplier to try (most precision). Default 0. */
  minMultiplier?: number
}

export const QUANTITY_MIN_MULTIPLIER: Record<Quantity, number> = { w: 0, var: 0, v: -1, hz: -2 }

/** `x` as Int16 x 10^multiplier with the most precision that fits (see the rules above). */
export function scaleToInt16(x: number, options: ScaleOptions = {}): Result<ScaledValue> {
  if (!Number.isFinite(x)) return fail('TELEMETRY_NOT_FINITE', `Cannot send ${x} as a reading value.`)
  const minMultiplier = options.minMultiplier ?? 0
  checkMultiplier(minMultiplier)
  for (let multiplier = minMultiplier; multiplier <= MAX_MULTIPLIER; multiplier++) {
    const value = roundHalfAwayFromZero(shift(x, multiplier))
    if (fitsInt16(value)) return ok({ value, multiplier })
  }
  return fail('TELEMETRY_OUT_OF_RANGE', `${x} is too large for an Int16 reading even with multiplier ${MAX_MULTIPLIER}.`)
}

/** `scaleToInt16` with the quantity's minimum multiplier (V -1, Hz -2, W and var 0). */
export function scaleQuantity(quantity: Quantity, x: number): Result<ScaledValue> {
  return scaleToInt16(x, { minMultiplier: QUANTITY_MIN_MULTIPLIER[quantity] })
}

/**
 * `x` at a fixed multiplier, e.g. the one a MeterReading's ReadingType was created with. Fails when it does not fit:
 * the caller then picks a larger multiplier (multiplierForRange) rather than sending a wrapped or clipped value.
 */
export function scaleWithMultiplier(x: number, multiplier: number): Result<ScaledValue> {
  if (!Number.isFinite(x)) return fail('TELEMETRY_NOT_FINITE', `Cannot send ${x} as a reading value.`)
  checkMultiplier(multiplier)
  const value = roundHalfAwayFromZero(shift(x, multiplier))
  if (!fitsInt16(value)) {
    return fail('TELEMETRY_OUT_OF_RANGE', `${x} does not fit an Int16 reading at multiplier ${multiplier}.`)
  }
  return ok({ value, multiplier })
}

/**
 * The smallest multiplier (>= minMultiplier) at which every value in -maxAbs..maxAbs fits: a stable ReadingType
 * multiplier chosen once from a rating (e.g. the site's supply capacity) so readings never change scale between posts.
 */
export function multiplierForRange(maxAbs: number, options: ScaleOptions = {}): number {
  const scaled = scaleToInt16(Math.abs(maxAbs), options)
  if (!scaled.ok) throw new RangeError(scaled.error.message)
  // +maxAbs fitting means -maxAbs fits too (the negative range is one larger).
  return scaled.value.multiplier
}

/** The real value of a scaled one. */
export function unscale(scaled: ScaledValue): number {
  return shift(scaled.value, -scaled.multiplier)
}

export function fitsInt16(value: number): boolean {
  return Number.isInteger(value) && value >= INT16_MIN && value <= INT16_MAX
}

/**
 * x / 10^multiplier, multiplying by an exact integer power for negative multipliers (240.1 * 10, not 240.1 / 0.1,
 * which is 2400.9999…).
 */
function shift(x: number, multiplier: number): number {
  return multiplier >= 0 ? x / 10 ** multiplier : x * 10 ** -multiplier
}

function roundHalfAwayFromZero(x: number): number {
  const rounded = Math.sign(x) * Math.round(Math.abs(x))
  return rounded === 0 ? 0 : rounded // no -0 in the XML
}

function checkMultiplier(multiplier: number): void {
  if (!Number.isInteger(multiplier) || multiplier < MIN_MULTIPLIER || multiplier > MAX_MULTIPLIER) {
    throw new RangeError(`A power-of-ten multiplier must be a whole number in ${MIN_MULTIPLIER}..${MAX_MULTIPLIER}; got ${multiplier}.`)
  }
}
