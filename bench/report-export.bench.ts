/**
 * Issue 14 item 5: exporting the commissioning report of a site with a full day of telemetry and three 1000 s runs at
 * 5 Hz. Goals: PDF <= 3 s, JSON <= 0.5 s, each from the stored facts (build + render + print / serialise + schema
 * check). The PDF figure is printed for the first export (Chromium starts) and for the next ones (the engine keeps one
 * headless Chromium for the session and prints in a fresh page each time).
 */
import { afterAll, bench, describe } from 'vitest'
import { buildReport } from '../src-shared/report/build-report'
import { reportPageTemplates } from '../src-shared/report/html/page-templates'
import { renderReportHtml } from '../src-shared/report/html/render-html'
import { createPdfPrinter } from '../src-main/report/render-pdf'
import { reportJsonText } from '../src-main/report/write-report'
import { bigReportInput, RUN_SAMPLES } from './support/report-fixture'
import { median, printFigures } from './support/figures'

const input = bigReportInput()
const options = { now: Date.UTC(2026, 11, 4), app: { name: 'SEP2 Commissioner', version: 'bench' } }
const printer = createPdfPrinter({ env: process.env })
const times = { json: [] as number[], pdfFirst: [] as number[], pdf: [] as number[], html: [] as number[] }
let pdfBytes = 0

async function exportPdf(): Promise<number> {
  const start = performance.now()
  const report = buildReport(input, options)
  const html = renderReportHtml(report)
  times.html.push((performance.now() - start) / 1000)
  const pdf = await printer.print(html, reportPageTemplates(report))
  pdfBytes = pdf.byteLength
  return (performance.now() - start) / 1000
}

afterAll(async () => {
  await printer.close()
  printFigures(`Report export (issue 14 item 5): 3 runs x 4 series x 5001 samples (${String(RUN_SAMPLES)}), a day of exchanges`, [
    { what: 'JSON (build + schema check + serialise), median', value: median(times.json), unit: 's', goal: 0.5, goalText: 'goal <=' },
    { what: 'PDF, first export of the session (Chromium starts)', value: times.pdfFirst[0] ?? NaN, unit: 's', goal: 3, goalText: 'goal <=' },
    { what: `PDF, later exports (one Chromium kept), median of ${String(times.pdf.length)}`, value: median(times.pdf), unit: 's', goal: 3, goalText: 'goal <=', note: `${(pdfBytes / 1024).toFixed(0)} KiB; build + HTML alone ${median(times.html).toFixed(3)} s` },
  ])
})

describe('report export', () => {
  bench('JSON', () => {
    const start = performance.now()
    reportJsonText(buildReport(input, options))
    times.json.push((performance.now() - start) / 1000)
  }, { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 })

  bench('PDF', async () => {
    const seconds = await exportPdf()
    if (times.pdfFirst.length === 0) times.pdfFirst.push(seconds)
    else times.pdf.push(seconds)
  }, { iterations: 5, time: 0, warmupIterations: 0, warmupTime: 0 })
})
