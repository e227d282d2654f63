/**
 * The commissioning report (APP-5): everything the installer hands over, as one JSON document. Its JSON Schema
 * (resources/report/commissioning-report.schema.json) is generated from these zod schemas.
 */
import { z } from 'zod'
import { siteSchema } from '../../domain/site'
import { identitySectionSchema } from './identity-section'
import { serverSectionSchema } from './server-section'
import { testRunSchema } from './run-section'
import { ctCheckSchema } from './ct-check'
import { isoTimeSchema, outcomeSchema, sectionSchema } from './common'

export const REPORT_FORMAT = 'sep2-commissioner/commissioning-report'
export const REPORT_VERSION = 1

/** The roles of the Devices step (site meter, inverter, battery, EV charger), plus gateway and other. */
export const DEVICE_ROLES = ['site-meter', 'inverter', 'battery', 'ev-charger', 'gateway', 'other'] as const

export const deviceSchema = z.object({
  role: z.enum(DEVICE_ROLES),
  make: z.string(),
  model: z.string(),
  serial: z.string(),
  firmware: z.string().optional(),
  /** Where it was reached, e.g. "Modbus TCP 192.168.1.20:502 unit 1". */
  address: z.string().optional(),
  ratings: z.object({ ratedW: z.number().optional(), ratedVA: z.number().optional(), ratedVar: z.number().optional(), storageWh: z.number().optional() }),
})
export type ReportDevice = z.infer<typeof deviceSchema>

export const countByStatusSchema = z.object({ status: z.string(), count: z.number().int().min(0) })

export const telemetrySectionSchema = z.object({
  posts: z.number().int().min(0),
  first: isoTimeSchema.optional(),
  last: isoTimeSchema.optional(),
  /** The server's answers to the posts, by HTTP status (or a transport error code). */
  answers: z.array(countByStatusSchema),
})
export type TelemetrySection = z.infer<typeof telemetrySectionSchema>

export const exchangeErrorSchema = z.object({
  at: isoTimeSchema,
  method: z.string(),
  url: z.string(),
  status: z.string(),
  message: z.string(),
})

export const exchangeSectionSchema = z.object({
  total: z.number().int().min(0),
  first: isoTimeSchema.optional(),
  last: isoTimeSchema.optional(),
  byStatus: z.array(countByStatusSchema),
  errors: z.array(exchangeErrorSchema),
})
export type ExchangeSection = z.infer<typeof exchangeSectionSchema>

export const signOffSchema = z.object({
  installerName: z.string(),
  installerLicence: z.string(),
  /** YYYY-MM-DD, when known; left blank on the page to fill in by hand otherwise. */
  date: z.string().optional(),
  /** handbook 7: compliance testing is assessed by a Registered Professional Engineer of Queensland. */
  rpeq: z.object({ name: z.string().optional(), positionTitle: z.string().optional(), registrationNumber: z.string().optional() }),
})
export type SignOff = z.infer<typeof signOffSchema>

export const summaryItemSchema = z.object({ id: z.string(), label: z.string(), outcome: outcomeSchema, detail: z.string() })
export type SummaryItem = z.infer<typeof summaryItemSchema>

export const summarySchema = z.object({ outcome: z.enum(['pass', 'fail', 'incomplete']), items: z.array(summaryItemSchema) })
export type ReportSummary = z.infer<typeof summarySchema>

export const commissioningReportSchema = z
  .object({
    format: z.literal(REPORT_FORMAT),
    version: z.literal(REPORT_VERSION),
    generatedAt: isoTimeSchema,
    app: z.object({ name: z.string(), version: z.string() }),
    summary: summarySchema,
    site: siteSchema,
    identity: sectionSchema(identitySectionSchema),
    server: sectionSchema(serverSectionSchema),
    devices: sectionSchema(z.object({ devices: z.array(deviceSchema), ctCheck: ctCheckSchema.optional() })),
    testRuns: sectionSchema(z.object({ runs: z.array(testRunSchema) })),
    telemetry: sectionSchema(telemetrySectionSchema),
    exchange: sectionSchema(exchangeSectionSchema),
    signOff: signOffSchema,
  })
  .meta({ title: 'SEP2 Commissioner commissioning report', description: 'APP-5: the evidence of one commissioned CSIP-AUS site.' })
export type CommissioningReport = z.infer<typeof commissioningReportSchema>

/** The report's JSON Schema (draft 2020-12), as published in resources/report/. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(commissioningReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>
}
