/**
 * The server-check record (issue 17 item 1): the facts one discovery walk established, stored when it ran, so the
 * report's server verdict is computed from what was seen – not rebuilt from the exchange log later.
 */
import { z } from 'zod'
import { isoTimeSchema } from './common'

export const fetchedStepSchema = z.object({
  /** The discovery step (DeviceCapability, Time, EndDeviceList, EndDevice, Registration, …). */
  step: z.string(),
  url: z.string(),
  status: z.enum(['ok', 'warning', 'failed']),
  durationMs: z.number(),
  /** The stable error code of a failed or warned step, e.g. SEP2_NOT_REGISTERED. */
  code: z.string().optional(),
  /** On failure: what it means, in words. */
  meaning: z.string().optional(),
})
export type FetchedStep = z.infer<typeof fetchedStepSchema>

export const serverCheckSchema = z.object({
  checkedAt: isoTimeSchema,
  /** How long the walk took, ms. */
  durationMs: z.number(),
  /** test, production, custom or simulator (SRV-2). */
  target: z.string(),
  dcapUrl: z.string(),
  /** Every resource the walk fetched, in order, with its outcome. */
  fetched: z.array(fetchedStepSchema),
  /** The walk reached its end with no failed step. */
  completed: z.boolean(),
  /** Negotiated on a connection whose server chain was verified (SRV-1: verification is never switched off). */
  tls: z.object({ version: z.string(), cipher: z.string(), chainVerified: z.boolean() }).optional(),
  serverCertificate: z.object({ subject: z.string(), issuer: z.string(), validTo: z.string() }).optional(),
  /** Server time minus local time, ms (handbook Annex C). */
  clockOffsetMs: z.number().optional(),
  lfdi: z.object({
    /** The LFDI looked for: the certificate's, or the site's virtual LFDI (handbook 9.1.2). */
    ours: z.string(),
    mode: z.enum(['device', 'cloud-proxy']),
    /** Whether the EndDeviceList held an EndDevice with our LFDI; absent when the list was never read. */
    registered: z.boolean().optional(),
    endDeviceHref: z.string().optional(),
    sfdi: z.number().optional(),
  }),
  pin: z.object({
    /** The PIN the installer entered (handbook 10.1: Registration pIN); absent when none was entered. */
    expected: z.number().int().optional(),
    /** The pIN the server's Registration holds; absent when it was not read. */
    found: z.number().int().optional(),
  }),
  programs: z.number().int(),
  defaultControlSeen: z.boolean(),
})
export type ServerCheck = z.infer<typeof serverCheckSchema>
