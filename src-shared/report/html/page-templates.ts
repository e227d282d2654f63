/**
 * The running header and footer of every printed report page (APP-5: a document people sign): the site and NMI on
 * every page, "Page x of y", and when it was generated in Queensland time and UTC. Chromium (page.pdf) and Electron
 * (printToPDF) fill the pageNumber / totalPages classes; the templates take no CSS from the page, so they carry their
 * own inline styles – they are printed, never shown in the app (whose CSP forbids inline styles).
 */
import { utcDateTime } from '../../time/qld-time'
import { escapeHtml } from '../escape'
import type { CommissioningReport } from '../model/report'
import { formatTime } from './format'

export interface PageTemplates {
  header: string
  footer: string
}

const STYLE = 'font-family:DejaVu Sans,Arial,sans-serif;font-size:7.5px;color:#444;width:100%;margin:0 12mm;display:flex;justify-content:space-between'

/** "2026-11-28 12:39:42 UTC" – the same instant as formatTime's AEST, for readers outside Queensland. */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? utcDateTime(ms) : iso
}

export function reportPageTemplates(report: CommissioningReport): PageTemplates {
  const site = escapeHtml(`${report.site.name} – NMI ${report.site.nmi}`)
  const generated = escapeHtml(`Generated ${formatTime(report.generatedAt)} (${formatUtc(report.generatedAt)})`)
  return {
    header: `<div style="${STYLE}"><span>${site}</span><span>IEEE 2030.5 / CSIP-AUS commissioning report</span></div>`,
    footer: `<div style="${STYLE}"><span>${generated}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  }
}
