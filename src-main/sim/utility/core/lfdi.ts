import { createHash } from 'node:crypto'

/** handbook Annex B "Determining the LFDI": SHA-256 of the certificate DER, first 40 hex digits, upper case. */
export function lfdiFromCertificateDer(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').slice(0, 40).toUpperCase()
}
