/**
 * `sep2-commissioner report --site <id> --out <file.pdf|file.json|file.html|dir>`: the commissioning report (APP-5)
 * from the data folder. PDF through headless Chromium; a directory gets the JSON, HTML, PDF and the CSVs.
 */
import { resolve } from 'node:path'
import { APP_VERSION } from '../../engine/features/app'
import { createSystemClock } from '../../engine/system-clock'
import { defaultDataDir } from '../../engine/data-dir'
import { buildSiteReport, exportReport } from '../../report'
import { openDatabase } from '../../storage/database'
import { CliUsageError, type CliCommand } from '../types'

const OUTCOME_WORDS = { pass: 'PASS', fail: 'FAIL', incomplete: 'INCOMPLETE (some steps not done)' } as const

function stringOption(value: unknown, name: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined
  if (typeof value !== 'string' || value.trim() === '') throw new CliUsageError(`Give --${name}.`)
  return value
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Export the commissioning report of a site (PDF, JSON, HTML, or a folder with CSVs too)',
  usage: '--site <id> --out <file.pdf|file.json|file.html|dir> [--data-dir DIR] [--chromium PATH] [--json]',
  options: {
    site: { type: 'string', description: 'The site id (see the app\'s site list)' },
    out: { type: 'string', short: 'o', description: 'Output: .pdf, .json, .html, or a folder for all of them plus samples.csv, events.csv, responses.csv' },
    'data-dir': { type: 'string', description: 'The app\'s data folder (default: SEP2_DATA_DIR or the per-user folder)' },
    chromium: { type: 'string', description: 'Chromium to print the PDF with (default: CHROMIUM_PATH or /usr/bin/chromium)' },
  },
  async run(input, io) {
    if (input.positionals.length > 0) throw new CliUsageError(`Unexpected argument "${input.positionals[0] ?? ''}".`)
    const siteId = stringOption(input.values.site, 'site', true) ?? ''
    const out = resolve(io.cwd, stringOption(input.values.out, 'out', true) ?? '')
    const dataDir = resolve(io.cwd, stringOption(input.values['data-dir'], 'data-dir', false) ?? defaultDataDir(io.env))
    const executablePath = stringOption(input.values.chromium, 'chromium', false)
    const db = openDatabase(dataDir)
    try {
      const report = buildSiteReport(db, siteId, { now: createSystemClock().now(), app: { name: 'SEP2 Commissioner', version: APP_VERSION } })
      io.info(`Writing the report of "${report.site.name}" (NMI ${report.site.nmi})…`)
      const files = await exportReport(report, { out, signal: io.signal, env: io.env, ...(executablePath === undefined ? {} : { executablePath }) })
      const lines = [`Overall: ${OUTCOME_WORDS[report.summary.outcome]}`, ...report.summary.items.map((i) => `  ${i.outcome.toUpperCase().padEnd(8)} ${i.label}: ${i.detail}`), 'Written:', ...files.map((f) => `  ${f}`)]
      io.print(lines.join('\n'), { files, outcome: report.summary.outcome, summary: report.summary })
      return 0
    } finally {
      db.close()
    }
  },
}
