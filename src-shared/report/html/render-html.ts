/**
 * The commissioning report as one self-contained HTML document (APP-5): styles inline, plots as inline SVG, no
 * scripts, no external resources. Chromium's page.pdf() and Electron's webContents.printToPDF print it as is.
 */
import { escapeHtml } from '../escape'
import type { CommissioningReport } from '../model/report'
import { badge, facts, formatTime, grid, heading, text } from './format'
import { REPORT_CSS } from './report-css'
import { runsHtml } from './runs'
import { devicesHtml, exchangeHtml, serverHtml, telemetryHtml } from './server-devices'
import { identityHtml, siteHtml } from './site-identity'

const OVERALL_WORDS = { pass: 'PASS', fail: 'FAIL', incomplete: 'INCOMPLETE' } as const

function firstPage(report: CommissioningReport): string {
  const site = report.site
  const lfdi = report.identity.status === 'done' && report.identity.data.identity ? report.identity.data.identity.lfdi : 'not done'
  const s = report.summary
  return [
    '<h1>Commissioning report</h1>',
    `<p class="muted">IEEE 2030.5 / CSIP-AUS dynamic connection – generated ${text(formatTime(report.generatedAt))} by ${text(`${report.app.name} ${report.app.version}`)}</p>`,
    facts([
      ['Site', text(site.name)],
      ['Address', text(site.address)],
      ['NMI', `<span class="mono">${text(site.nmi)}</span>`],
      ['LFDI', `<span class="mono">${text(lfdi)}</span>`],
      ['Installer', text(`${site.installer.name} (licence ${site.installer.licence})`)],
    ]),
    heading('Summary'),
    `<div class="overall">Overall: <strong>${OVERALL_WORDS[s.outcome]}</strong></div>`,
    grid(['Item', 'Result', 'Detail'], s.items.map((i) => [text(i.label), badge(i.outcome), text(i.detail)])),
  ].join('')
}

function signOffHtml(report: CommissioningReport): string {
  const so = report.signOff
  const line = (label: string, value?: string) => `<tr><th>${escapeHtml(label)}</th><td>${value === undefined ? '' : escapeHtml(value)}</td></tr>`
  return [
    '<div class="signoff-block">',
    heading('Sign-off'),
    '<p>I confirm the site was commissioned and tested as recorded in this report.</p>',
    `<table class="signoff">${line('Installer', so.installerName)}${line('Licence number', so.installerLicence)}${line('Date', so.date)}${line('Signature')}</table>`,
    '<h3>RPEQ assessment (handbook 7)</h3>',
    '<p>Compliance testing is assessed by a Registered Professional Engineer of Queensland (RPEQ), unless waived under handbook 7.4.</p>',
    `<table class="signoff">${line('Certified person name', so.rpeq.name)}${line('Position title', so.rpeq.positionTitle)}${line('RPEQ registration number', so.rpeq.registrationNumber)}${line('Date')}${line('Signature')}</table>`,
    '</div>',
  ].join('')
}

/** The report's body markup (no <style>): the in-app preview shows it with REPORT_CSS as a constructed stylesheet. */
export function renderReportBody(report: CommissioningReport): string {
  return [
    firstPage(report),
    '<div class="page-break"></div>',
    siteHtml(report.site),
    identityHtml(report.identity, report.site),
    serverHtml(report.server),
    devicesHtml(report.devices),
    runsHtml(report.testRuns),
    telemetryHtml(report.telemetry),
    exchangeHtml(report.exchange),
    signOffHtml(report),
  ].join('\n')
}

/** The report as HTML: the host prints it (Electron printToPDF, or headless Chromium for the CLI and the web host). */
export function renderReportHtml(report: CommissioningReport): string {
  const body = renderReportBody(report)
  const title = `Commissioning report – ${report.site.name} – NMI ${report.site.nmi}`
  return `<!DOCTYPE html>\n<html lang="en-AU"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head><body>\n${body}\n</body></html>\n`
}
