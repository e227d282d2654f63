/** Virtual LFDI of a cloud-proxy site from its NMI and the provider's PEN (REQUIREMENTS ID-3, handbook 9.1.2). */
import { createHash } from 'node:crypto'
import { sfdiFromLfdi, validateNmi, virtualLfdiFromDigest, type NmiValidation } from '../../src-shared/identity'

export type VirtualLfdiResult =
  | {
      ok: true
      /** The 10 characters that were hashed. */
      nmi: string
      pen: number
      lfdi: string
      sfdi: string
      /** The AEMO check of the NMI. The handbook's own example (NMI0001234) is not a valid AEMO NMI, so an invalid
       * NMI is reported here for the caller to warn about rather than refused. */
      nmiCheck: NmiValidation
    }
  | { ok: false; message: string }

const NMI_TEXT = /^[A-Z0-9]{10,11}$/

/**
 * Hashes the first 10 characters of the NMI, upper case, as UTF-8 (the handbook's Python: `nmi[:10]`, sha256, first
 * 32 hex digits) and appends the PEN as 8 digits.
 */
export function virtualLfdiForNmi(options: { nmi: string; pen: number }): VirtualLfdiResult {
  const text = options.nmi.trim().toUpperCase()
  if (!NMI_TEXT.test(text)) {
    return { ok: false, message: `A NMI has 10 letters or digits (11 with the checksum digit); got "${text}".` }
  }
  const nmi = text.slice(0, 10)
  const digest = createHash('sha256').update(nmi, 'utf8').digest('hex')
  const lfdi = virtualLfdiFromDigest(digest, options.pen)
  return { ok: true, nmi, pen: options.pen, lfdi, sfdi: sfdiFromLfdi(lfdi), nmiCheck: validateNmi(text) }
}
