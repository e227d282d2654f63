import { applyMultiplier } from '../../../src-shared/controls/units'
import type { XmlNode } from './xml-node'

/**
 * Value helpers for the 2030.5 value types. Models keep what was on the wire ({value, multiplier}, hex text) so a
 * round trip loses nothing; these helpers give the plain numbers.
 */

/** ActivePower, ReactivePower, ApparentPower, VoltageRMS, CurrentRMS, WattHour...: value x 10^multiplier. */
export interface ScaledValue {
  multiplier: number
  value: number
  /** Unrecognised child elements, kept for the round trip. */
  extra?: XmlNode[]
}

/** A HexBinary8/16/32 bitmap (modesSupported, roleFlags, qualityFlags, responseRequired...). */
export interface HexValue {
  value: number
  /** The text as received (e.g. `00500088`, `03`); written back as-is when it still matches `value`. */
  raw?: string
}

/** value x 10^multiplier (the one implementation: src-shared/controls/units.ts applyMultiplier). */
export function scaledNumber(scaled: ScaledValue): number {
  return applyMultiplier(scaled.value, scaled.multiplier)
}

const INT16_MAX = 32767

/**
 * The {value, multiplier} for a number: multiplier 0 when the value fits an Int16, else the smallest power of ten
 * that makes it fit (2030.5 ActivePower.value is Int16). Fractions get a negative multiplier (up to -3).
 */
export function toScaled(amount: number, options: { maxValue?: number } = {}): ScaledValue {
  const max = options.maxValue ?? INT16_MAX
  let multiplier = 0
  let value = amount
  while (!Number.isInteger(value) && multiplier > -3) {
    multiplier -= 1
    value = Math.round(amount * 10 ** -multiplier * 1e6) / 1e6
  }
  while (Math.abs(value) > max) {
    multiplier += 1
    value = Math.round(amount / 10 ** multiplier)
  }
  return { multiplier, value: Math.round(value) }
}

export function hexValue(value: number, raw?: string): HexValue {
  return raw === undefined ? { value } : { value, raw }
}

/** Upper-case hex padded to `bytes` bytes (HexBinary8 -> 2 digits, HexBinary32 -> 8 digits). */
export function formatHex(value: number, bytes: number): string {
  return value.toString(16).toUpperCase().padStart(bytes * 2, '0')
}

/** Text to write for a hex value: the raw text if it still means `value`, else the formatted number. */
export function hexText(hex: HexValue, bytes: number): string {
  if (hex.raw !== undefined && /^[0-9a-fA-F]+$/.test(hex.raw) && parseInt(hex.raw, 16) === hex.value) return hex.raw
  return formatHex(hex.value, bytes)
}

export function isBitSet(hex: HexValue | undefined, bit: number): boolean {
  return hex !== undefined && Math.floor(hex.value / 2 ** bit) % 2 === 1
}
