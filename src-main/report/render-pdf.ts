/**
 * The report's HTML printed to PDF by headless Chromium (APP-5), for the CLI and the web host; the Electron host prints
 * the same HTML with webContents.printToPDF. Inline SVG stays vector graphics in the PDF.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PageTemplates } from '../../src-shared/report/html/page-templates'
import { ReportPdfError } from './errors'

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'
/** Starting Chromium on a slow, shared laptop. */
export const CHROMIUM_LAUNCH_TIMEOUT_MS = 30_000
/** Laying out and printing a report of several runs. */
export const PDF_RENDER_TIMEOUT_MS = 60_000

/** No sandbox (it needs privileges we do not have in containers) and no background traffic: the machine may be offline. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']

export interface PdfOptions {
  /** Default: CHROMIUM_PATH from the environment, else /usr/bin/chromium. */
  executablePath?: string
  signal?: AbortSignal
  env?: Record<string, string | undefined>
  /** The running header and footer (site, NMI, page x of y, generated time); default: page numbers only. */
  pages?: PageTemplates
}

export function chromiumPath(options: PdfOptions): string {
  return options.executablePath ?? options.env?.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH
}

/**
 * playwright-core is loaded when a PDF is asked for, so the CLI and the web host still start where it is not installed
 * (it is a devDependency today); the failure then names what is missing.
 */
async function loadChromium() {
  try {
    return (await import('playwright-core')).chromium
  } catch (cause) {
    throw new ReportPdfError('playwright-core is not installed, so the report cannot be printed to PDF here.', { hint: 'Export JSON or HTML instead, or install the app with its development dependencies.', cause })
  }
}

/** Print self-contained HTML (no scripts, no external resources) to an A4 PDF. */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const executablePath = chromiumPath(options)
  if (!existsSync(executablePath)) throw new ReportPdfError(`Chromium not found at ${executablePath}.`)
  options.signal?.throwIfAborted()
  const chromium = await loadChromium()
  const profileDir = mkdtempSync(join(tmpdir(), 'sep2-report-pdf-'))
  try {
    const context = await chromium
      .launchPersistentContext(profileDir, { executablePath, headless: true, args: CHROMIUM_ARGS, timeout: CHROMIUM_LAUNCH_TIMEOUT_MS, javaScriptEnabled: false, offline: true })
      .catch((cause: unknown) => {
        throw new ReportPdfError(`Chromium at ${executablePath} did not start.`, { cause })
      })
    const onAbort = () => void context.close()
    options.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const page = await context.newPage()
      page.setDefaultTimeout(PDF_RENDER_TIMEOUT_MS)
      await page.setContent(html, { waitUntil: 'load' })
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: options.pages?.header ?? '<span></span>', footerTemplate: options.pages?.footer ?? FOOTER_TEMPLATE })
      return new Uint8Array(pdf)
    } catch (cause) {
      options.signal?.throwIfAborted()
      throw new ReportPdfError('Chromium could not print the report.', { cause })
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
      await context.close().catch(() => undefined)
    }
  } finally {
    rmSync(profileDir, { recursive: true, force: true })
  }
}

/** Page numbers in the footer (Chromium fills the pageNumber / totalPages classes). */
const FOOTER_TEMPLATE =
  '<div style="font-size:8px;width:100%;text-align:center;color:#555">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
