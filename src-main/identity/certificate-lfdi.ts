/** LFDI and SFDI of a certificate (REQUIREMENTS ID-2): SHA-256 over the certificate's DER bytes, handbook Annex B. */
import { createHash } from 'node:crypto'
import { lfdiFromDigest, sfdiFromLfdi } from '../../src-shared/identity'

export interface DeviceIdentifiers {
  lfdi: string
  sfdi: string
}

export function sha256Hex(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  return createHash('sha256').update(view).digest('hex').toUpperCase()
}

/** `der` is the certificate exactly as encoded (what `openssl x509 -outform der` writes). */
export function identifiersOfCertificate(der: Uint8Array | ArrayBuffer): DeviceIdentifiers {
  const lfdi = lfdiFromDigest(sha256Hex(der))
  return { lfdi, sfdi: sfdiFromLfdi(lfdi) }
}
