/**
 * IANA Private Enterprise Number (PEN) of the technology provider. Handbook 9.1.2: generated identifiers end in the
 * PEN as 8 decimal digits with leading zeros.
 */

/** Exclusive upper bound: the PEN must fit in 8 decimal digits. */
const PEN_LIMIT = 100_000_000
export const PEN_DIGITS = 8

export type PenCheck = { ok: true; pen: number } | { ok: false; message: string }

/** Accepts a number or the digits typed by the installer. */
export function checkPen(input: number | string): PenCheck {
  const text = typeof input === 'number' ? String(input) : input.trim()
  if (!/^\d+$/.test(text)) return { ok: false, message: `The PEN must be a whole number (digits only); got "${text}".` }
  const pen = Number(text)
  if (pen <= 0) return { ok: false, message: 'The PEN must be a positive number (your IANA Private Enterprise Number).' }
  if (pen >= PEN_LIMIT) return { ok: false, message: `The PEN ${text} does not fit in 8 digits.` }
  return { ok: true, pen }
}

/** The PEN as 8 decimal digits with leading zeros; throws on an invalid PEN (a programming error at this point). */
export function formatPen(pen: number): string {
  const check = checkPen(pen)
  if (!check.ok) throw new RangeError(check.message)
  return String(check.pen).padStart(PEN_DIGITS, '0')
}
