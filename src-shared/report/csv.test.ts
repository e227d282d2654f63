import { describe, expect, it } from 'vitest'
import { csvField, eventsCsv, reportCsvFiles, responsesCsv, samplesCsv, toCsv } from './csv'
import { failingRun, passingRun, sampleReport } from './testing/sample-report'

/** RFC 4180 reader, written independently of csv.ts, to prove what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (quoted) {
      if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') endField()
    else if (c === '\r' && text[i + 1] === '\n') {
      endField()
      rows.push(row)
      row = []
      i++
    } else field += c
  }
  return rows
}

describe('CSV escaping (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['', ''],
  ])('%j -> %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('writes numbers, booleans and missing values plainly', () => {
    expect([csvField(-1500.5), csvField(true), csvField(undefined), csvField(null)]).toEqual(['-1500.5', 'true', '', ''])
  })

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('-42')).toBe('-42')
  })

  it('round-trips awkward values through a CSV reader, with CRLF line ends', () => {
    const tricky = ['Smith, J', 'the "roof" array', 'line 1\nline 2', 'a\r\nb', '']
    const text = toCsv(['h1', 'h2', 'h3', 'h4', 'h5'], [tricky, ['1', '2', '3', '4', '5']])
    expect(text.endsWith('\r\n')).toBe(true)
    expect(parseCsv(text)).toEqual([['h1', 'h2', 'h3', 'h4', 'h5'], tricky, ['1', '2', '3', '4', '5']])
  })
})

describe('report CSVs', () => {
  const report = sampleReport()

  it('samples: one row per sample of each series of each run', () => {
    const rows = parseCsv(samplesCsv(report))
    expect(rows[0]).toEqual(['run_id', 'run_name', 'series', 'time_utc', 'unix_s', 'value_w'])
    const expected = [passingRun, failingRun].reduce((n, r) => n + r.series.targetW.length + r.series.envelopeW.length + r.series.siteExportW.length + r.series.inverterW.length + r.series.setpointW.length, 0)
    expect(rows).toHaveLength(expected + 1)
    expect(rows[1]).toEqual(['run-pass', 'Export step to 1.5 kW', 'target limit', '2026-11-18T11:06:40.000Z', '1795000000', '5000'])
    expect(rows.filter((r) => r[0] === 'run-fail' && r[2] === 'inverter output')).toHaveLength(failingRun.series.inverterW.length)
    expect(rows.filter((r) => r[0] === 'run-fail' && r[2] === 'commanded setpoint')).toHaveLength(failingRun.series.setpointW.length)
  })

  it('events: the server events and the test runs\' steps, one column per control mode', () => {
    const rows = parseCsv(eventsCsv(report))
    const header = rows[0] ?? []
    expect(header.slice(0, 7)).toEqual(['source', 'mrid', 'program', 'start_utc', 'duration_s', 'current_status', 'ramp_tms'])
    const server = rows.find((r) => r[0] === 'server')
    expect(server?.[1]).toBe('E1')
    expect(server?.[header.indexOf('expLimW')]).toBe('5000')
    const steps = rows.filter((r) => r[0]?.startsWith('test run: '))
    expect(steps).toHaveLength(2)
    expect(steps[1]?.[header.indexOf('expLimW')]).toBe('0')
  })

  it('responses: the Responses posted with the server\'s answer', () => {
    expect(parseCsv(responsesCsv(report))).toEqual([
      ['time_utc', 'event_mrid', 'response_status', 'http_status'],
      ['2026-11-18T00:00:01.000Z', 'E1', '1', '201'],
    ])
  })

  it('a directory export gets all three files', () => {
    expect(Object.keys(reportCsvFiles(report)).sort()).toEqual(['events.csv', 'responses.csv', 'samples.csv'])
  })
})
