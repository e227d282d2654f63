/**
 * mRIDs the client creates (REQUIREMENTS ID-6; handbook 10.8.3, 10.8.4 and the FAQ "Why is my mRID not being
 * accepted?"): upper-case hex, even length, 32 characters, ending in the provider's PEN as 8 digits.
 */
import { bytesToHex } from './hex'
import { checkPen, formatPen, PEN_DIGITS } from './pen'
import { normaliseLfdi } from './lfdi'

export const MRID_HEX_DIGITS = 32
/** 32 hex digits minus the 8-digit PEN: 24 hex digits = 12 random bytes. */
const RANDOM_HEX_DIGITS = MRID_HEX_DIGITS - PEN_DIGITS
export const MRID_RANDOM_BYTES = RANDOM_HEX_DIGITS / 2
/** Handbook 10.8.3: the usage point mRID starts with the first 22 hex digits of the LFDI. */
const USAGE_POINT_LFDI_DIGITS = 22

/** Handbook 10.8.3 role flags: 03 = bits 0,1 (site measurement), 49 = bits 0,3,6 (measurement of a specific DER). */
export const USAGE_POINT_ROLE_FLAGS = { site: 0x03, der: 0x49 } as const
export type UsagePointRole = keyof typeof USAGE_POINT_ROLE_FLAGS

/**
 * A new mRID: 24 hex digits from `randomBytes` (at least 12 bytes, drawn by the caller) and the PEN (handbook Annex C
 * `reading_mrid`). Unique per EndDevice as long as the random draws are.
 */
export function createMrid(options: { randomBytes: Uint8Array; pen: number }): string {
  if (options.randomBytes.length < MRID_RANDOM_BYTES) {
    throw new RangeError(`An mRID needs ${MRID_RANDOM_BYTES} random bytes, got ${options.randomBytes.length}.`)
  }
  return `${bytesToHex(options.randomBytes.subarray(0, MRID_RANDOM_BYTES))}${formatPen(options.pen)}`
}

/** Handbook 10.8.3: first 22 hex of the LFDI + role flags as 2 hex digits + PEN as 8 digits. */
export function usagePointMrid(options: { lfdi: string; role: UsagePointRole | number; pen: number }): string {
  const lfdi = normaliseLfdi(options.lfdi)
  if (!lfdi) throw new RangeError('A usage point mRID needs a 40-hex-digit LFDI.')
  const flags = typeof options.role === 'number' ? options.role : USAGE_POINT_ROLE_FLAGS[options.role]
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff) throw new RangeError('Role flags must fit in one byte.')
  const flagsHex = flags.toString(16).toUpperCase().padStart(2, '0')
  return `${lfdi.slice(0, USAGE_POINT_LFDI_DIGITS)}${flagsHex}${formatPen(options.pen)}`
}

export interface MridValidation {
  valid: boolean
  /** Each rule the mRID breaks, in plain words. Empty when valid. */
  reasons: string[]
}

/** Checks an mRID the client is about to send; with `pen`, also that it ends in that PEN. */
export function validateMrid(mrid: string, options: { pen?: number } = {}): MridValidation {
  const reasons: string[] = []
  if (!/^[0-9A-Fa-f]*$/.test(mrid)) reasons.push('it must contain only hexadecimal digits (0-9, A-F)')
  else if (mrid !== mrid.toUpperCase()) reasons.push('its hex digits must be upper case')
  if (mrid.length % 2 !== 0) reasons.push(`it must have an even number of characters (has ${mrid.length})`)
  if (mrid.length !== MRID_HEX_DIGITS) reasons.push(`it must be ${MRID_HEX_DIGITS} characters long (is ${mrid.length})`)
  if (options.pen !== undefined) {
    const pen = checkPen(options.pen)
    if (!pen.ok) reasons.push(pen.message)
    else if (!mrid.endsWith(formatPen(pen.pen))) reasons.push(`it must end in the PEN as 8 digits (${formatPen(pen.pen)})`)
  } else if (!/\d{8}$/.test(mrid)) {
    reasons.push('it must end in the provider PEN as 8 decimal digits')
  }
  return { valid: reasons.length === 0, reasons }
}
