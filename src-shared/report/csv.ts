/**
 * CSV of the report's data (APP-5): samples, events and responses, one file each. RFC 4180: CRLF line ends, fields
 * with a comma, quote or line break quoted, quotes doubled.
 */
import { CONTROL_MODES } from '../controls/types'
import type { CommissioningReport } from './model/report'
import type { TestRun } from './model/run-section'

export type CsvValue = string | number | boolean | undefined | null

/** A text field that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

export function csvField(value: CsvValue): string {
  if (value === undefined || value === null) return ''
  let text = typeof value === 'string' ? value : String(value)
  if (typeof value === 'string' && FORMULA_START.test(text) && !NUMERIC.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')]
  for (const row of rows) lines.push(row.map(csvField).join(','))
  return `${lines.join('\r\n')}\r\n`
}

const SERIES_COLUMNS: { key: keyof TestRun['series']; name: string }[] = [
  { key: 'targetW', name: 'target limit' },
  { key: 'envelopeW', name: 'ramped envelope' },
  { key: 'siteExportW', name: 'site export' },
  { key: 'inverterW', name: 'inverter output' },
  { key: 'setpointW', name: 'commanded setpoint' },
]

function runsOf(report: CommissioningReport): TestRun[] {
  return report.testRuns.status === 'done' ? report.testRuns.data.runs : []
}

function* sampleRows(report: CommissioningReport): Generator<CsvValue[]> {
  for (const run of runsOf(report))
    for (const { key, name } of SERIES_COLUMNS)
      for (const [t, w] of run.series[key]) yield [run.id, run.name, name, new Date(t * 1000).toISOString(), t, Number.isFinite(w) ? w : '']
}

/** Every recorded sample of every test run, one row per sample (long format: series differ in their times). */
export function samplesCsv(report: CommissioningReport): string {
  return toCsv(['run_id', 'run_name', 'series', 'time_utc', 'unix_s', 'value_w'], sampleRows(report))
}

const EVENT_HEADER = ['source', 'mrid', 'program', 'start_utc', 'duration_s', 'current_status', 'ramp_tms', ...CONTROL_MODES]

function* eventRows(report: CommissioningReport): Generator<CsvValue[]> {
  if (report.server.status === 'done')
    for (const e of report.server.data.events)
      yield ['server', e.mRID, e.program, e.start, e.durationS, e.currentStatus, e.rampTms, ...CONTROL_MODES.map((m) => e.modes[m])]
  for (const run of runsOf(report)) {
    const start = Date.parse(run.startedAt) / 1000
    for (const step of run.steps)
      yield [`test run: ${run.name}`, '', '', new Date((start + step.atS) * 1000).toISOString(), '', '', step.rampTms, ...CONTROL_MODES.map((m) => (m === step.mode ? step.value : undefined))]
  }
}

/** Controls: the events seen on the server and the steps the test runs applied. */
export function eventsCsv(report: CommissioningReport): string {
  return toCsv(EVENT_HEADER, eventRows(report))
}

/** The Responses the client posted for events, with the server's HTTP answer. */
export function responsesCsv(report: CommissioningReport): string {
  const responses = report.server.status === 'done' ? report.server.data.responses : []
  return toCsv(['time_utc', 'event_mrid', 'response_status', 'http_status'], responses.map((r) => [r.at, r.eventMRID, r.status, r.httpStatus]))
}

/** File name -> content, for a directory export. */
export function reportCsvFiles(report: CommissioningReport): Record<string, string> {
  return { 'samples.csv': samplesCsv(report), 'events.csv': eventsCsv(report), 'responses.csv': responsesCsv(report) }
}
