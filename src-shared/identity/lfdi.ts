/**
 * Long and short form device identifiers (REQUIREMENTS ID-2, ID-3; IEEE 2030.5 6.3.3, handbook 9.1 and Annex B).
 * The caller hashes; these functions take the SHA-256 digest as hex or bytes.
 */
import { digestHex } from './hex'
import { formatPen } from './pen'

const LFDI_HEX_DIGITS = 40
const SHA256_HEX_DIGITS = 64
/** SFDI: the first 36 bits of the LFDI = its first 9 hex digits. */
const SFDI_HEX_DIGITS = 9
/** Handbook 9.1.2: the first 32 hex digits of the NMI hash, then the PEN as 8 digits. */
const VIRTUAL_LFDI_HASH_DIGITS = 32
const LFDI_PATTERN = /^[0-9A-F]{40}$/

/** LFDI = the first 40 hex digits (upper case) of SHA-256 over the certificate's DER bytes. */
export function lfdiFromDigest(sha256: string | Uint8Array): string {
  const hex = digestHex(sha256)
  if (hex.length !== SHA256_HEX_DIGITS) throw new RangeError(`A SHA-256 digest has 64 hex digits, got ${hex.length}.`)
  return hex.slice(0, LFDI_HEX_DIGITS)
}

/** Upper-cases an LFDI typed or pasted by a person, dropping spaces, dashes and colons; undefined if it is not one. */
export function normaliseLfdi(text: string): string | undefined {
  const compact = text.replace(/[\s:-]/g, '').toUpperCase()
  return LFDI_PATTERN.test(compact) ? compact : undefined
}

/**
 * SFDI = the first 36 bits of the LFDI as a decimal number, followed by a check digit that makes the sum of all the
 * digits a multiple of 10 (IEEE 2030.5 6.3.3).
 */
export function sfdiFromLfdi(lfdi: string): string {
  const normalised = normaliseLfdi(lfdi)
  if (!normalised) throw new RangeError('An LFDI has 40 hex digits.')
  return withSumCheckDigit(String(parseInt(normalised.slice(0, SFDI_HEX_DIGITS), 16)))
}

/**
 * Decimal digits followed by the IEEE 2030.5 check digit, which makes the sum of all the digits a multiple of 10
 * (6.3.3; the same digit ends a registration PIN, e.g. 11111 -> 111115).
 */
export function withSumCheckDigit(digits: string): string {
  let digitSum = 0
  for (const digit of digits) digitSum += Number(digit)
  return `${digits}${(10 - (digitSum % 10)) % 10}`
}

/**
 * Virtual LFDI of a cloud-proxy connection (handbook 9.1.2): the first 32 hex digits of SHA-256 over the 10-character
 * NMI (upper case), then the PEN as 8 decimal digits. `nmiSha256` is the digest of those 10 characters.
 */
export function virtualLfdiFromDigest(nmiSha256: string | Uint8Array, pen: number): string {
  const hex = digestHex(nmiSha256)
  if (hex.length !== SHA256_HEX_DIGITS) throw new RangeError(`A SHA-256 digest has 64 hex digits, got ${hex.length}.`)
  return `${hex.slice(0, VIRTUAL_LFDI_HASH_DIGITS)}${formatPen(pen)}`
}

/** The LFDI in groups of four for reading aloud or copying by eye, e.g. `4075-DE60-...`. */
export function formatLfdi(lfdi: string, separator = '-'): string {
  const normalised = normaliseLfdi(lfdi) ?? lfdi.toUpperCase()
  return (normalised.match(/.{1,4}/g) ?? []).join(separator)
}

/** The SFDI in groups of three from the left, e.g. `173-034-634-270`. */
export function formatSfdi(sfdi: string, separator = '-'): string {
  return (sfdi.match(/.{1,3}/g) ?? []).join(separator)
}
