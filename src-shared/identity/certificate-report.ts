/**
 * What the certificate import reports (REQUIREMENTS ID-1, ID-2): plain data that crosses to the renderer. It never
 * holds key material (SEC-2).
 */

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip'

export type CertificateCheckId =
  | 'files-parsed'
  | 'device-certificate'
  | 'validity'
  | 'key-algorithm'
  | 'private-key'
  | 'chain-complete'
  | 'chain-signatures'
  | 'trust-anchor'
  | 'profile-policies'
  | 'profile-hardware-module-name'

export interface CertificateCheck {
  id: CertificateCheckId
  label: string
  status: CheckStatus
  /** Plain words: what was found and why it matters; for a failure, what to do. */
  detail: string
}

export interface KeyAlgorithmSummary {
  /** e.g. `ec`, `rsa`, `ed25519`. */
  type: string
  /** Named curve for EC keys, in the standards' name (P-256, P-384, ...). */
  curve?: string
  bits?: number
  /** e.g. "ECDSA P-256 (secp256r1 / prime256v1)". */
  description: string
}

export interface CertificateIdentity {
  lfdi: string
  sfdi: string
  /** RFC 4514 text; empty for a 2030.5 device certificate. */
  subject: string
  issuer: string
  serialNumber: string
  /** ISO 8601 UTC. */
  notBefore: string
  notAfter: string
  fingerprintSha256: string
  keyAlgorithm: KeyAlgorithmSummary
  hardwareModule?: { hwType: string; hwSerialNum: string }
  policies: string[]
}

export type ChainRole = 'device' | 'mica' | 'serca' | 'ca'

export interface ChainEntry {
  role: ChainRole
  subject: string
  issuer: string
  notAfter: string
  fingerprintSha256: string
  /** Where the certificate came from: one of the installer's files, or the configured trust anchors. */
  source: { kind: 'file'; fileName: string } | { kind: 'trust-anchor' }
}

export interface CertificateAnalysis {
  /** The worst status among the checks: 'fail' if any failed, else 'warn' if any warned, else 'pass'. */
  verdict: 'pass' | 'warn' | 'fail'
  checks: CertificateCheck[]
  identity?: CertificateIdentity
  /** From the device certificate up, as far as it could be followed. */
  chain: ChainEntry[]
  /** An encrypted private key was found: ask the installer for its password and analyse again. */
  passwordRequired: boolean
  privateKey?: { fileName: string; matchesCertificate: boolean }
}

export function verdictOf(checks: CertificateCheck[]): CertificateAnalysis['verdict'] {
  if (checks.some((check) => check.status === 'fail')) return 'fail'
  if (checks.some((check) => check.status === 'warn')) return 'warn'
  return 'pass'
}
