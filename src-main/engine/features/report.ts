import { randomUUID } from 'node:crypto'
import type { ReportFile, ReportFormat, ReportPreview } from '../../../src-shared/contract/report'
import { reportCsvFiles } from '../../../src-shared/report/csv'
import { renderReportBody, renderReportHtml } from '../../../src-shared/report/html/render-html'
import { reportPageTemplates } from '../../../src-shared/report/html/page-templates'
import type { CommissioningReport } from '../../../src-shared/report/model/report'
import { AppError } from '../../errors'
import { buildReport } from '../../../src-shared/report/build-report'
import { loadReportInput } from '../../report/load-report'
import type { PdfPrinter } from '../../report/render-pdf'
import { reportJsonText } from '../../report/write-report'
import type { ReportsRepo } from '../../storage/reports-repo'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'
import { APP_VERSION } from './app'

const MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  json: 'application/json',
  html: 'text/html',
  'csv-samples': 'text/csv',
  'csv-events': 'text/csv',
  'csv-responses': 'text/csv',
}

type Rpeq = { name?: string | undefined; positionTitle?: string | undefined; registrationNumber?: string | undefined }

const preview = (report: CommissioningReport): ReportPreview => ({ bodyHtml: renderReportBody(report), summary: report.summary, generatedAt: report.generatedAt })

/** Step "Report" (APP-5): preview, export as PDF / JSON / HTML / CSV, and the history of exports (APP-7). */
export function reportHandlers(ctx: EngineContext, deps: { reports: ReportsRepo; printer: PdfPrinter }): HandlerGroup<'report.preview' | 'report.export' | 'report.list' | 'report.open' | 'report.delete'> {
  function build(siteId: string, rpeq: Rpeq | undefined): CommissioningReport {
    const input = loadReportInput(ctx.db, siteId)
    const signOff = rpeq ? { rpeq: Object.fromEntries(Object.entries(rpeq).filter(([, v]) => v)) as Rpeq } : undefined
    return buildReport({ ...input, ...(signOff ? { signOff: signOff as NonNullable<typeof input.signOff> } : {}) }, { now: ctx.clock.now(), app: { name: 'SEP2 Commissioner', version: ctx.config.version ?? APP_VERSION } })
  }

  async function fileContent(report: CommissioningReport, format: ReportFormat): Promise<string | Uint8Array> {
    switch (format) {
      case 'pdf': {
        const html = renderReportHtml(report)
        const pages = reportPageTemplates(report)
        // Without the Electron host: the engine's one headless Chromium, kept between exports (issue 14 item 5).
        return ctx.config.printToPdf ? ctx.config.printToPdf(html, pages) : deps.printer.print(html, pages)
      }
      case 'json':
        return reportJsonText(report)
      case 'html':
        return renderReportHtml(report)
      case 'csv-samples':
        return reportCsvFiles(report)['samples.csv'] ?? ''
      case 'csv-events':
        return reportCsvFiles(report)['events.csv'] ?? ''
      case 'csv-responses':
        return reportCsvFiles(report)['responses.csv'] ?? ''
    }
  }

  return {
    'report.preview': ({ siteId, rpeq }) => {
      // The PDF export that usually follows finds Chromium started (issue 14 item 5).
      if (!ctx.config.printToPdf) deps.printer.warm()
      return preview(build(siteId, rpeq))
    },
    'report.export': async ({ siteId, format, rpeq }): Promise<ReportFile> => {
      const site = ctx.sites.get(siteId)
      const report = build(siteId, rpeq)
      const content = await fileContent(report, format)
      const stamp = new Date(ctx.clock.now()).toISOString().slice(0, 10)
      const extension = format.startsWith('csv-') ? `${format.slice(4)}.csv` : format
      const fileName = `commissioning-${site.nmi}-${stamp}.${extension}`
      const savedTo = ctx.config.dialogs ? await ctx.config.dialogs.saveFile({ title: 'Save the commissioning report', defaultName: fileName, content }) : null
      const reportId = randomUUID()
      deps.reports.add({ id: reportId, siteId, createdAt: ctx.clock.now(), format, fileName, report })
      const outcome = report.summary.outcome
      ctx.bus.emit('wizard.changed', ctx.wizard.set(siteId, 'report', 'done', `Exported ${fileName} (${outcome === 'pass' ? 'all checks passed' : outcome === 'fail' ? 'with failures' : 'incomplete'}).`))
      const dataBase64 = ctx.config.dialogs ? null : Buffer.from(content).toString('base64')
      return { reportId, fileName, mime: MIME[format], dataBase64, savedTo }
    },
    'report.list': ({ siteId }) => {
      ctx.sites.get(siteId)
      return deps.reports.list(siteId)
    },
    'report.open': ({ reportId }) => {
      const report = deps.reports.report(reportId)
      if (!report) throw new AppError('REPORT_NOT_FOUND', 'That report is no longer in the history.')
      return preview(report)
    },
    'report.delete': ({ reportId }) => ({ deleted: deps.reports.delete(reportId) }),
  }
}
