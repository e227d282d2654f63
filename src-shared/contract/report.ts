import { z } from 'zod'
import type { ReportSummary } from '../report/model/report'
import { command, siteId } from './command'

/** Step "Report" (APP-5) and the history of exported reports (APP-7). */

export const REPORT_FORMATS = ['pdf', 'json', 'html', 'csv-samples', 'csv-events', 'csv-responses'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

const rpeqSchema = z.object({
  name: z.string().trim().max(200).optional(),
  positionTitle: z.string().trim().max(200).optional(),
  registrationNumber: z.string().trim().max(50).optional(),
})

export interface ReportPreview {
  /** The report body as HTML (styled in the page with REPORT_CSS); plots are inline SVG. */
  bodyHtml: string
  summary: ReportSummary
  generatedAt: string
}

export interface ReportFile {
  reportId: string
  fileName: string
  mime: string
  /** The file's bytes for the browser to download; null when the host saved it (Electron save dialog). */
  dataBase64: string | null
  savedTo: string | null
}

export interface StoredReportView {
  id: string
  siteId: string
  createdAt: number
  format: ReportFormat
  fileName: string
  outcome: ReportSummary['outcome']
}

export const reportCommands = {
  'report.preview': command(z.object({ siteId, rpeq: rpeqSchema.optional() })).returns<ReportPreview>(),
  'report.export': command(z.object({ siteId, format: z.enum(REPORT_FORMATS), rpeq: rpeqSchema.optional() })).returns<ReportFile>(),
  'report.list': command(z.object({ siteId })).returns<StoredReportView[]>(),
  /** Reopen an exported report as it was (from its stored JSON). */
  'report.open': command(z.object({ reportId: z.string().max(64) })).returns<ReportPreview>(),
  'report.delete': command(z.object({ reportId: z.string().max(64) })).returns<{ deleted: boolean }>(),
} as const
