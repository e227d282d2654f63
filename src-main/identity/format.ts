/** Wording helpers shared by the certificate checks. */
import type { ReadCertificate } from './read-files'

/** `2026-11-28 12:24 UTC`; 9999-12-31 reads as "no expiry" in the callers. */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

export function nameOf(certificate: ReadCertificate): string {
  const subject = certificate.x509.subject
  return subject === '' ? '(empty subject)' : `"${subject}"`
}

export function issuerOf(certificate: ReadCertificate): string {
  const issuer = certificate.x509.issuer
  return issuer === '' ? '(empty issuer)' : `"${issuer}"`
}

export function neverExpires(date: Date): boolean {
  return date.getUTCFullYear() === 9999
}
