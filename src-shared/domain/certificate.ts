import type { CertificateCheck, CertificateIdentity, ChainEntry } from '../identity/certificate-report'

export type { CertificateCheck, CertificateIdentity, ChainEntry } from '../identity/certificate-report'

/** The result of importing a site's certificate files (ID-1, ID-2), as stored and shown. Never holds key material. */
export interface CertificateReport {
  siteId: string
  importedAt: number
  fileNames: string[]
  checks: CertificateCheck[]
  identity: CertificateIdentity | null
  chain: ChainEntry[]
  /** A private key matching the certificate is stored (encrypted) for this site. */
  keyStored: boolean
  /** An encrypted key was picked: ask for its password and import again. */
  passwordRequired: boolean
  /** No check failed. */
  ok: boolean
}

export interface CsrResult {
  siteId: string
  csrPem: string
  fileName: string
  /** Where the CSR was saved, when the host saved it (Electron save dialog). */
  savedTo: string | null
  instructions: string[]
}
