/**
 * The report's HTML printed to PDF by headless Chromium (APP-5), for the CLI and the web host; the Electron host prints
 * the same HTML with webContents.printToPDF. Inline SVG stays vector graphics in the PDF.
 */
import { existsSync } from 'node:fs'
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

/** Prints report HTML to PDF; keeps one headless Chromium between prints until closed. */
export interface PdfPrinter {
  print(html: string, pages?: PageTemplates, signal?: AbortSignal): Promise<Uint8Array>
  /** Start Chromium and open the page now, in the background (e.g. when the report step opens); failures wait for print. */
  warm(): void
  /** Ends Chromium (the next print starts it again). */
  close(): Promise<void>
}

type Chromium = Awaited<ReturnType<typeof loadChromium>>
type Browser = Awaited<ReturnType<Chromium['launch']>>
type Page = Awaited<ReturnType<Browser['newPage']>>

/**
 * One headless Chromium and one page for a session's exports (issue 14 item 5: starting Chromium and opening a page
 * took most of the 5.7 s of a PDF export). The page has JavaScript off and no network; each print replaces its whole
 * document, and prints run one at a time. A failed or aborted print drops the page; a crashed Chromium is restarted.
 */
export function createPdfPrinter(options: Omit<PdfOptions, 'signal' | 'pages'> = {}): PdfPrinter {
  let browser: Promise<Browser> | undefined
  let page: Promise<Page> | undefined
  let queue: Promise<unknown> = Promise.resolve()
  const running = async (): Promise<Browser> => {
    const current = (browser ??= launchChromium(options))
    const ready = await current.catch((error: unknown) => {
      if (browser === current) browser = undefined
      throw error
    })
    if (ready.isConnected()) return ready
    if (browser === current) browser = undefined
    return running()
  }
  const openPage = async (): Promise<Page> => (await running()).newPage({ javaScriptEnabled: false, offline: true })
  const dropPage = async (): Promise<void> => {
    const current = page
    page = undefined
    await (await current?.catch(() => undefined))?.close().catch(() => undefined)
  }
  const printOnce = async (html: string, pages: PageTemplates | undefined, signal: AbortSignal | undefined): Promise<Uint8Array> => {
    signal?.throwIfAborted()
    const current = (page ??= openPage())
    const ready = await current.catch(async (error: unknown) => {
      await dropPage()
      throw error
    })
    if (ready.isClosed()) {
      await dropPage()
      return printOnce(html, pages, signal)
    }
    return printIn(ready, html, pages, signal).catch(async (error: unknown) => {
      await dropPage()
      throw error
    })
  }
  return {
    print(html, pages, signal) {
      const result = queue.then(() => printOnce(html, pages, signal))
      queue = result.catch(() => undefined)
      return result
    },
    warm() {
      const opening = (page ??= openPage())
      opening.catch(() => {
        if (page === opening) page = undefined
      })
    },
    async close() {
      await queue
      await dropPage()
      const current = browser
      browser = undefined
      await (await current?.catch(() => undefined))?.close().catch(() => undefined)
    },
  }
}

async function launchChromium(options: Omit<PdfOptions, 'signal' | 'pages'>): Promise<Browser> {
  const executablePath = chromiumPath(options)
  if (!existsSync(executablePath)) throw new ReportPdfError(`Chromium not found at ${executablePath}.`)
  const chromium = await loadChromium()
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: CHROMIUM_LAUNCH_TIMEOUT_MS }).catch((cause: unknown) => {
    throw new ReportPdfError(`Chromium at ${executablePath} did not start.`, { cause })
  })
}

async function printIn(page: Page, html: string, pages: PageTemplates | undefined, signal: AbortSignal | undefined): Promise<Uint8Array> {
  const onAbort = () => void page.close()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    page.setDefaultTimeout(PDF_RENDER_TIMEOUT_MS)
    await page.setContent(html, { waitUntil: 'load' })
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: pages?.header ?? '<span></span>', footerTemplate: pages?.footer ?? FOOTER_TEMPLATE })
    return new Uint8Array(pdf)
  } catch (cause) {
    signal?.throwIfAborted()
    throw new ReportPdfError('Chromium could not print the report.', { cause })
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}

/** Print self-contained HTML (no scripts, no external resources) to an A4 PDF with a Chromium of its own. */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  options.signal?.throwIfAborted()
  const printer = createPdfPrinter(options)
  try {
    return await printer.print(html, options.pages, options.signal)
  } finally {
    await printer.close()
  }
}

/** Page numbers in the footer (Chromium fills the pageNumber / totalPages classes). */
const FOOTER_TEMPLATE =
  '<div style="font-size:8px;width:100%;text-align:center;color:#555">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
