/**
 * Export a commissioning report to disk (APP-5): `.pdf` (headless Chromium), `.json` (checked against the published
 * schema), `.html`, or a directory holding all of them plus the CSVs of samples, events and responses.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import { reportCsvFiles } from '../../src-shared/report/csv'
import { reportPageTemplates } from '../../src-shared/report/html/page-templates'
import { renderReportHtml } from '../../src-shared/report/html/render-html'
import type { CommissioningReport } from '../../src-shared/report/model/report'
import { ReportOutputError, ReportSchemaError } from './errors'
import { renderPdf, type PdfOptions } from './render-pdf'
import { validateReportJson } from './schema-file'

export type OutputKind = 'pdf' | 'json' | 'html' | 'dir'

export const DIRECTORY_FILES = { json: 'report.json', html: 'report.html', pdf: 'report.pdf' } as const

/** By extension; an existing directory, or a path without an extension, is a directory. */
export function outputKindOf(path: string): OutputKind {
  const existingDir = (() => {
    try {
      return statSync(path).isDirectory()
    } catch {
      return false
    }
  })()
  if (existingDir) return 'dir'
  const ext = extname(path).toLowerCase()
  if (ext === '.pdf') return 'pdf'
  if (ext === '.json') return 'json'
  if (ext === '.html' || ext === '.htm') return 'html'
  if (ext === '') return 'dir'
  throw new ReportOutputError(`Cannot tell what to write for "${path}".`, { hint: 'End the file name with .pdf, .json or .html, or give a folder.' })
}

/** The report as JSON, refused if it breaks the published schema (that would be a bug in the builder). */
export function reportJsonText(report: CommissioningReport): string {
  const value: unknown = JSON.parse(JSON.stringify(report))
  const issues = validateReportJson(value)
  if (issues.length > 0) throw new ReportSchemaError(`Report JSON invalid at ${issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ')}`)
  return `${JSON.stringify(value, null, 2)}\n`
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // Its folder could not be made: there is nothing to remove.
  }
}

/** Write through a temporary file and rename, so a half-written report never sits under the real name. */
function writeAtomic(path: string, content: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(temporary, content)
    renameSync(temporary, path)
  } catch (cause) {
    removeQuietly(temporary)
    throw new ReportOutputError(`Cannot write ${path}.`, { cause })
  }
}

export interface ExportOptions extends PdfOptions {
  /** Where to write: a .pdf, .json or .html file, or a directory. */
  out: string
}

/** Writes the report; returns the files written. */
export async function exportReport(report: CommissioningReport, options: ExportOptions): Promise<string[]> {
  const kind = outputKindOf(options.out)
  switch (kind) {
    case 'pdf':
      writeAtomic(options.out, await renderPdf(renderReportHtml(report), { ...options, pages: reportPageTemplates(report) }))
      return [options.out]
    case 'json':
      writeAtomic(options.out, reportJsonText(report))
      return [options.out]
    case 'html':
      writeAtomic(options.out, renderReportHtml(report))
      return [options.out]
    case 'dir':
      return exportDirectory(report, options)
  }
}

async function exportDirectory(report: CommissioningReport, options: ExportOptions): Promise<string[]> {
  const html = renderReportHtml(report)
  const files: [string, string | Uint8Array][] = [
    [DIRECTORY_FILES.json, reportJsonText(report)],
    [DIRECTORY_FILES.html, html],
    ...Object.entries(reportCsvFiles(report)),
    [DIRECTORY_FILES.pdf, await renderPdf(html, { ...options, pages: reportPageTemplates(report) })],
  ]
  return files.map(([name, content]) => {
    const path = join(options.out, name)
    writeAtomic(path, content)
    return path
  })
}
