/** Small PEM helpers for the client: the first certificate of a chain, DER anchors as PEM. */
import { identifiersOfCertificate } from '../../identity'

const CERT_RE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/

/** DER of the first certificate in a PEM text (the device certificate of a chain file). */
export function firstCertificateDer(pem: string): Uint8Array | undefined {
  const m = pem.match(CERT_RE)
  return m?.[1] ? new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ''), 'base64')) : undefined
}

/** The LFDI of the first certificate of a chain (handbook Annex B). */
export function lfdiOfChain(pem: string): string | undefined {
  const der = firstCertificateDer(pem)
  return der ? identifiersOfCertificate(der).lfdi : undefined
}

/** A trust anchor given as PEM text or DER bytes, as PEM. */
export function anchorPem(anchor: string | Uint8Array): string {
  if (typeof anchor === 'string') return anchor
  const text = new TextDecoder().decode(anchor)
  if (text.includes('-----BEGIN CERTIFICATE-----')) return text
  const b64 = Buffer.from(anchor).toString('base64').replace(/(.{64})/g, '$1\n')
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`
}
