import { z } from 'zod'
import { validateNmi } from '../identity/nmi'
import { DER_TYPE_CODES } from '../der/der-types'

/** Handbook 5.1: the four connection pathways. */
export const PATHWAYS = ['direct-der', 'gateway', 'cloud-proxy', 'cloud-proxy-gateway'] as const
export const pathwaySchema = z.enum(PATHWAYS)
export type Pathway = z.infer<typeof pathwaySchema>
export const PATHWAY_LABELS: Record<Pathway, string> = {
  'direct-der': 'Direct connection via DER (5.1.1)',
  gateway: 'Direct connection via gateway device (5.1.2)',
  'cloud-proxy': 'Cloud proxy / aggregator (5.1.3)',
  'cloud-proxy-gateway': 'Cloud proxy / aggregator via gateway device (5.1.4)',
}
/** Handbook 9.1.2: cloud-proxy pathways identify the site by a virtual LFDI from NMI + PEN. */
export const usesVirtualLfdi = (pathway: Pathway): boolean => pathway === 'cloud-proxy' || pathway === 'cloud-proxy-gateway'

const watts = z.number().finite().min(0).max(100_000_000)

export const derItemSchema = z.object({
  /** Handbook 10.3.2 DER type code. */
  type: z.number().int().refine((code) => DER_TYPE_CODES.includes(code), 'Not a DER type of handbook 10.3.2'),
  description: z.string().max(200).default(''),
  ratedW: watts,
  ratedVA: watts,
  storageWh: watts.optional(),
  count: z.number().int().min(1).max(1000),
})
export type DerItem = z.infer<typeof derItemSchema>

export const nmiSchema = z.string().superRefine((value, ctx) => {
  const check = validateNmi(value)
  if (!check.valid) ctx.addIssue({ code: 'custom', message: check.error?.message ?? 'Invalid NMI' })
})

export const siteInputSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1, 'Give the site a name').max(200),
  installer: z.object({
    name: z.string().trim().min(1, 'Installer name is required').max(200),
    licence: z.string().trim().min(1, 'Licence number is required').max(50),
  }),
  address: z.string().trim().min(1, 'Site address is required').max(500),
  nmi: nmiSchema,
  pathway: pathwaySchema,
  /** IANA Private Enterprise Number of the provider (handbook 9.1.2). */
  pen: z.number().int().min(1).max(99_999_999),
  /** Handbook 11.4: the connection agreement's fixed limits, used when no default is published. */
  fixedLimits: z.object({ exportW: watts, importW: watts }),
  der: z.array(derItemSchema).max(100),
})
export type SiteInput = z.infer<typeof siteInputSchema>

export const siteSchema = siteInputSchema.extend({
  id: z.string(),
  /** The normalised 10-character NMI. */
  nmi: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type Site = z.infer<typeof siteSchema>
