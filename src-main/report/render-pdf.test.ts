import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderReportHtml } from '../../src-shared/report/html/render-html'
import { SAMPLE_LFDI, sampleReport } from '../../src-shared/report/testing/sample-report'
import { ReportPdfError } from './errors'
import { renderPdf } from './render-pdf'

/** Printed by Debian's Chromium, read back with poppler-utils (pdftotext, pdftoppm, pdfimages). */
describe('renderPdf (APP-5, headless Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sep2-report-pdf-test-'))
  const pdfPath = join(dir, 'report.pdf')
  let text = ''

  beforeAll(async () => {
    const pdf = await renderPdf(renderReportHtml(sampleReport()))
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
})
