import { z } from 'zod'

/** One pass/fail line of the certificate import (ID-1). */
export const certificateCheckSchema = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['pass', 'fail', 'warn', 'skip']),
  detail: z.string(),
})
export type CertificateCheck = z.infer<typeof certificateCheckSchema>

/** What the utility will know the site by (ID-2). Never holds key material. */
export const certificateIdentitySchema = z.object({
  lfdi: z.string(),
  sfdi: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprintSha256: z.string(),
  keyAlgorithm: z.string(),
})
export type CertificateIdentity = z.infer<typeof certificateIdentitySchema>

export const chainEntrySchema = z.object({
  role: z.enum(['device', 'mica', 'serca', 'other']),
  subject: z.string(),
  issuer: z.string(),
  notAfter: z.string(),
})

export const certificateReportSchema = z.object({
  siteId: z.string(),
  importedAt: z.number(),
  fileNames: z.array(z.string()),
  checks: z.array(certificateCheckSchema),
  identity: certificateIdentitySchema.nullable(),
  chain: z.array(chainEntrySchema),
  /** True when a private key matching the certificate is stored (encrypted) for this site. */
  keyStored: z.boolean(),
  /** True when no check failed. */
  ok: z.boolean(),
})
export type CertificateReport = z.infer<typeof certificateReportSchema>

export const csrResultSchema = z.object({
  siteId: z.string(),
  csrPem: z.string(),
  fileName: z.string(),
  /** Where the CSR was saved, when the host saved it (Electron save dialog). */
  savedTo: z.string().nullable(),
  instructions: z.array(z.string()),
})
export type CsrResult = z.infer<typeof csrResultSchema>
