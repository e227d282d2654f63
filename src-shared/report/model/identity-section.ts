/** Identity section: the site's certificate, LFDI/SFDI and the import checks (ID-1, ID-2), as CertificateReport holds them. */
import { z } from 'zod'
import type { CertificateCheck, CertificateIdentity, ChainEntry } from '../../identity/certificate-report'
import { isoTimeSchema, type Fits } from './common'

export const certificateCheckSchema = z.object({
  id: z.enum([
    'files-parsed',
    'device-certificate',
    'validity',
    'key-algorithm',
    'private-key',
    'chain-complete',
    'chain-signatures',
    'trust-anchor',
    'profile-policies',
    'profile-hardware-module-name',
  ]),
  label: z.string(),
  status: z.enum(['pass', 'fail', 'warn', 'skip']),
  detail: z.string(),
})

export const certificateIdentitySchema = z.object({
  lfdi: z.string(),
  sfdi: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprintSha256: z.string(),
  keyAlgorithm: z.object({ type: z.string(), curve: z.string().optional(), bits: z.number().optional(), description: z.string() }),
  hardwareModule: z.object({ hwType: z.string(), hwSerialNum: z.string() }).optional(),
  policies: z.array(z.string()),
})

export const chainEntrySchema = z.object({
  role: z.enum(['device', 'mica', 'serca', 'ca']),
  subject: z.string(),
  issuer: z.string(),
  notAfter: z.string(),
  fingerprintSha256: z.string(),
  source: z.discriminatedUnion('kind', [z.object({ kind: z.literal('file'), fileName: z.string() }), z.object({ kind: z.literal('trust-anchor') })]),
})

export const identitySectionSchema = z.object({
  importedAt: isoTimeSchema,
  fileNames: z.array(z.string()),
  /** The worst check status (identity/certificate-report.ts verdictOf). */
  verdict: z.enum(['pass', 'warn', 'fail']),
  identity: certificateIdentitySchema.nullable(),
  checks: z.array(certificateCheckSchema),
  chain: z.array(chainEntrySchema),
  keyStored: z.boolean(),
})
export type IdentitySection = z.infer<typeof identitySectionSchema>

// The report holds the identity types of src-shared/identity unchanged: both directions must fit.
export type _IdentityFits = [
  Fits<CertificateIdentity, z.infer<typeof certificateIdentitySchema>>,
  Fits<z.infer<typeof certificateIdentitySchema>, CertificateIdentity>,
  Fits<CertificateCheck, z.infer<typeof certificateCheckSchema>>,
  Fits<z.infer<typeof certificateCheckSchema>, CertificateCheck>,
  Fits<ChainEntry, z.infer<typeof chainEntrySchema>>,
  Fits<z.infer<typeof chainEntrySchema>, ChainEntry>,
]
