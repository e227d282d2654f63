import { describe, expect, it } from 'vitest'
import { buildReport } from './build-report'
import { commissioningReportSchema, REPORT_FORMAT } from './model/report'
import { exchangeSection, identitySection, telemetrySection, testRun } from './section-builders'
import { failingRun, passingRun, sampleCertificate, sampleReport, sampleSite } from './testing/sample-report'

const APP = { name: 'SEP2 Commissioner', version: '0.1.0' }

describe('buildReport', () => {
  it('builds a report the zod model accepts, with the judge\'s verdicts', () => {
    const report = sampleReport()
    expect(commissioningReportSchema.parse(report)).toEqual(report)
    expect(report.format).toBe(REPORT_FORMAT)
    const runs = report.testRuns.status === 'done' ? report.testRuns.data.runs : []
    expect(runs.map((r) => r.verdict.pass)).toEqual([true, false])
    expect(runs[1]?.verdict.worstViolation).toEqual({ start: 1_795_000_050, end: 1_795_000_177, durationS: 127, worstExcessW: 2400, at: 1_795_000_090 })
  })

  it('marks each missing part "not done", with the given reason when there is one', () => {
    const report = buildReport({ site: sampleSite, devices: { notDone: 'Scan failed: no answer from 192.168.1.20' } }, { now: 0, app: APP })
    expect(report.identity).toEqual({ status: 'not-done', reason: 'No certificate imported for this site' })
    expect(report.devices).toEqual({ status: 'not-done', reason: 'Scan failed: no answer from 192.168.1.20' })
    expect(report.summary.outcome).toBe('incomplete')
    expect(report.generatedAt).toBe('1970-01-01T00:00:00.000Z')
  })

  it('takes the sign-off from the site\'s installer, plus the date and RPEQ given', () => {
    const report = buildReport({ site: sampleSite, signOff: { date: '2026-11-28', rpeq: { name: 'A. Engineer', registrationNumber: '12345' } } }, { now: 0, app: APP })
    expect(report.signOff).toEqual({ installerName: 'Jo Sparky', installerLicence: 'QLD-EL-123456', date: '2026-11-28', rpeq: { name: 'A. Engineer', registrationNumber: '12345' } })
  })
})

describe('section builders', () => {
  it('identity: the worst check status is the verdict', () => {
    const warn = identitySection({ ...sampleCertificate, checks: [...sampleCertificate.checks, { id: 'trust-anchor', label: 'Trust anchor', status: 'warn', detail: 'x' }] })
    const fail = identitySection({ ...sampleCertificate, checks: [{ id: 'validity', label: 'Validity', status: 'fail', detail: 'expired' }] })
    expect(warn.status === 'done' && warn.data.verdict).toBe('warn')
    expect(fail.status === 'done' && fail.data.verdict).toBe('fail')
    expect(identitySection(null).status).toBe('not-done')
  })

  it('test run: ISO times, and "no limit" (Infinity) samples left out of the JSON', () => {
    const run = testRun({ ...passingRun, series: { ...passingRun.series, envelopeW: [[1, Infinity], [2, 5000]] } })
    expect(run.startedAt).toBe('2026-11-18T11:06:40.000Z')
    expect(run.series.envelopeW).toEqual([[2, 5000]])
    expect('worstViolation' in run.verdict).toBe(false)
    expect(testRun(failingRun).verdict.worstViolation?.worstExcessW).toBe(2400)
  })

  it('exchange log: counts by status, first/last, and every failure', () => {
    const x = exchangeSection([
      { at: 2000, method: 'GET', url: '/dcap', status: 200 },
      { at: 1000, method: 'GET', url: '/edev/3', status: 404 },
      { at: 3000, method: 'POST', url: '/mup/1', status: 'SEP2_TIMEOUT', error: 'SEP2_TIMEOUT' },
      { at: 4000, method: 'GET', url: '/tm', status: 200 },
    ])
    expect(x.total).toBe(4)
    expect(x.first).toBe('1970-01-01T00:00:01.000Z')
    expect(x.last).toBe('1970-01-01T00:00:04.000Z')
    expect(x.byStatus).toEqual([{ status: '200', count: 2 }, { status: '404', count: 1 }, { status: 'SEP2_TIMEOUT', count: 1 }])
    expect(x.errors.map((e) => `${e.status} ${e.message}`)).toEqual(['404 HTTP 404', 'SEP2_TIMEOUT SEP2_TIMEOUT'])
  })

  it('telemetry: posts counted with the server\'s answers', () => {
    expect(telemetrySection([{ at: 0, status: 201 }, { at: 5000, status: 400 }, { at: 1000, status: 201 }])).toEqual({
      posts: 3,
      first: '1970-01-01T00:00:00.000Z',
      last: '1970-01-01T00:00:05.000Z',
      answers: [{ status: '201', count: 2 }, { status: '400', count: 1 }],
    })
  })
})
