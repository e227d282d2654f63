/**
 * The commissioning report on the Node side (APP-5). Hosts: build the report of a site, then either print
 * `renderReportHtml(report)` themselves (Electron: webContents.printToPDF) or call `exportReport` (CLI, web host:
 * headless Chromium).
 */
import { buildReport, type BuildOptions } from '../../src-shared/report/build-report'
import type { CommissioningReport } from '../../src-shared/report/model/report'
import type { Db } from '../storage/database'
import { loadReportInput, type LoadOptions } from './load-report'

export { renderReportHtml } from '../../src-shared/report/html/render-html'
export { reportCsvFiles } from '../../src-shared/report/csv'
export { exportReport, outputKindOf, reportJsonText, DIRECTORY_FILES, type ExportOptions, type OutputKind } from './write-report'
export { renderPdf, DEFAULT_CHROMIUM_PATH, type PdfOptions } from './render-pdf'
export { validateReportJson, publishedReportSchema, REPORT_SCHEMA_FILE, type SchemaIssue } from './schema-file'
export { loadReportInput, type LoadOptions } from './load-report'
export { ReportOutputError, ReportPdfError, ReportSchemaError } from './errors'

/** Everything the data folder knows about a site, as a report. Throws SiteNotFoundError for an unknown site. */
export function buildSiteReport(db: Db, siteId: string, options: BuildOptions & LoadOptions): CommissioningReport {
  return buildReport(loadReportInput(db, siteId, options.readRuns === undefined ? {} : { readRuns: options.readRuns }), options)
}
