import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportPageTemplates } from '../../src-shared/report/html/page-templates'
import { renderReportHtml } from '../../src-shared/report/html/render-html'
import type { CommissioningReport } from '../../src-shared/report/model/report'
import { SAMPLE_LFDI, sampleReport } from '../../src-shared/report/testing/sample-report'
import { ReportPdfError } from './errors'
import { createPdfPrinter, renderPdf } from './render-pdf'

/** Summary details as long as a real site's (a long server URL, many devices) squeeze the Result column. */
function withLongDetails(report: CommissioningReport): CommissioningReport {
  const long = 'https://sep2-test.energyq.com.au/api/v2/edev/2a8c0c6b0bd84dc5a3c1f0e9d47a2b61/fsa/1/derp/ffffffffffffffffffffffff/dderc'.repeat(3)
  return { ...report, summary: { ...report.summary, items: report.summary.items.map((i) => ({ ...i, detail: `${i.detail} ${long}` })) } }
}

/** Printed by Debian's Chromium, read back with poppler-utils (pdftotext, pdftoppm, pdfimages). */
describe('renderPdf (APP-5, headless Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sep2-report-pdf-test-'))
  const pdfPath = join(dir, 'report.pdf')
  let text = ''

  beforeAll(async () => {
    const report = withLongDetails(sampleReport())
    const pdf = await renderPdf(renderReportHtml(report), { pages: reportPageTemplates(report) })
    writeFileSync(pdfPath, pdf)
    text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
  }, 90_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is a PDF holding the site, NMI, LFDI and both verdicts', () => {
    expect(text).toContain('Smith Residence, Toowoomba')
    expect(text).toContain('QB01234567')
    expect(text).toContain(SAMPLE_LFDI)
    expect(text).toMatch(/Export step to 1\.5 kW\s+PASS/)
    expect(text).toMatch(/Export step to 0 W \(slow inverter\)\s+FAIL/)
  })

  it('reads every summary result whole (PASS, FAIL, WARNING), however long the detail next to it', () => {
    // With details this long the summary runs onto page 2.
    const summary = execFileSync('pdftotext', ['-f', '1', '-l', '2', '-layout', pdfPath, '-'], { encoding: 'utf8' })
    const results = summary.match(/\b(PASS|FAIL|WARNING|NOT DONE|ABORTED)\b/g) ?? []
    expect(results.length).toBeGreaterThanOrEqual(8) // "Overall: FAIL" and one per summary row
    expect(summary).not.toMatch(/\b(PAS|PA|FAI|FA|WARNIN|WARNI|WARN)\s*$/m)
  })

  it('prints the site, NMI, page x of y and the generated time in AEST and UTC on every page', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1])
    expect(pages).toBeGreaterThan(1)
    for (let p = 1; p <= pages; p++) {
      const page = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdfPath, '-'], { encoding: 'utf8' })
      expect(page).toContain('Smith Residence, Toowoomba – NMI QB01234567')
      expect(page).toMatch(new RegExp(`Page ${p} of ${pages}`))
      expect(page).toMatch(/Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d AEST \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/)
    }
  })

  it('has the summary on page 1', () => {
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdfPath, '-'], { encoding: 'utf8' })
    expect(page1).toContain('Summary')
    expect(page1).toMatch(/Overall:\s+FAIL/)
  })

  it('renders every page to an image', () => {
    execFileSync('pdftoppm', ['-png', '-r', '40', pdfPath, join(dir, 'page')])
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1])
    expect(pages).toBeGreaterThanOrEqual(1)
    const pngs = execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.png'))
    expect(pngs).toHaveLength(pages)
  })

  it('prints the advisory tracking figures beside the verdict and the setpoint in the plot legend (issue 11 item 3)', () => {
    const flat = text.replace(/\s+/g, ' ')
    expect(flat).toContain('Oscillation (advisory)')
    expect(flat).toContain('14 setpoint reversal(s), 3.5 per minute')
    expect(flat).toContain('Curtailed beyond need (advisory)')
    expect(flat).toContain('2.5 Wh (1.6 % of the possible generation)')
    expect(flat).toContain('Commanded setpoint')
  })

  it('keeps the plots as vector graphics: no raster image in the PDF, the legend as text', () => {
    const images = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' }).trim().split('\n')
    expect(images).toHaveLength(2) // the header and its rule: no image rows
    expect(text).toContain('Measured site export')
    expect(text).toContain('Ramped envelope')
  })

  it('does not start Chromium when already aborted', async () => {
    await expect(renderPdf('<p>x</p>', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('says where Chromium is missing', async () => {
    await expect(renderPdf('<p>x</p>', { executablePath: join(dir, 'no-chromium') })).rejects.toBeInstanceOf(ReportPdfError)
  })

  it('a failed warm-up is reported by the print that follows, not thrown at the caller', async () => {
    const printer = createPdfPrinter({ executablePath: join(dir, 'no-chromium') })
    printer.warm()
    await expect(printer.print('<p>x</p>')).rejects.toBeInstanceOf(ReportPdfError)
    await printer.close()
  })
})

/** Issue 14 item 5: the engine keeps one Chromium and one page between exports. */
describe('createPdfPrinter (one Chromium for a session)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sep2-report-printer-test-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const textOf = (pdf: Uint8Array, name: string) => {
    const path = join(dir, name)
    writeFileSync(path, pdf)
    return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
  }

  it('prints one report after another, each PDF holding only its own report, and starts again after close', async () => {
    const printer = createPdfPrinter()
    try {
      const report = sampleReport()
      const other = { ...report, site: { ...report.site, name: 'Jones Farm, Dalby' } }
      const first = textOf(await printer.print(renderReportHtml(report), reportPageTemplates(report)), 'first.pdf')
      const second = textOf(await printer.print(renderReportHtml(other), reportPageTemplates(other)), 'second.pdf')
      expect(first).toContain('Smith Residence, Toowoomba')
      expect(second).toContain('Jones Farm, Dalby')
      expect(second).not.toContain('Smith Residence, Toowoomba')
      expect(second).toMatch(/Export step to 0 W \(slow inverter\)\s+FAIL/)
      await printer.close()
      expect(textOf(await printer.print('<p>after close</p>'), 'third.pdf')).toContain('after close')
    } finally {
      await printer.close()
    }
  }, 120_000)

  it('an aborted print fails with AbortError and the next print still works (after warming up)', async () => {
    const printer = createPdfPrinter()
    try {
      printer.warm()
      await expect(printer.print('<p>x</p>', undefined, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' })
      expect(textOf(await printer.print('<p>still printing</p>'), 'after-abort.pdf')).toContain('still printing')
    } finally {
      await printer.close()
    }
  }, 120_000)
})
