import { describe, expect, it } from 'vitest'
import { buildReport } from '../build-report'
import { SAMPLE_LFDI, sampleReport, sampleSite } from '../testing/sample-report'
import { renderReportHtml } from './render-html'

const APP = { name: 'SEP2 Commissioner', version: '0.1.0' }

/** The text a reader sees: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

describe('renderReportHtml (APP-5)', () => {
  const html = renderReportHtml(sampleReport())
  const text = visibleText(html)

  it('holds the site, NMI, LFDI and both verdicts of a passing and a failing run', () => {
    expect(text).toContain('Smith Residence, Toowoomba')
    expect(text).toContain('QB01234567')
    expect(text).toContain(SAMPLE_LFDI)
    expect(text).toMatch(/Export step to 1\.5 kW PASS/)
    expect(text).toMatch(/Export step to 0 W \(slow inverter\) FAIL/)
    expect(text).toContain('Worst violation 2400 W above the ramped limit for 127.0 s')
  })

  it('puts the pass/fail summary on page 1, before the first page break', () => {
    const page1 = visibleText(html.slice(0, html.indexOf('class="page-break"')))
    expect(page1).toContain('Summary Overall: FAIL')
    expect(page1).toContain('Test run: Export step to 0 W (slow inverter) FAIL')
    expect(page1).toContain('QB01234567')
    expect(page1).toContain(SAMPLE_LFDI)
  })

  it('plots each run as inline SVG with its legend, and loads nothing from outside', () => {
    expect(html.match(/<svg /g)).toHaveLength(2)
    for (const name of ['Target limit', 'Ramped envelope', 'Measured site export', 'Inverter output', 'Commanded setpoint']) expect(html).toContain(`>${name}</text>`)
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i)
  })

  it('shows the advisory tracking figures, the utility control choice and unreached targets beside the verdict (issue 11 item 3, issue 17 item 5)', () => {
    expect(text).toContain('Oscillation (advisory) 14 setpoint reversal(s), 3.5 per minute')
    expect(text).toContain('Curtailed beyond need (advisory) 2.5 Wh (1.6 % of the possible generation) over 12 s')
    expect(text).toContain('Utility control no utility event governed the tested mode')
    expect(text).toContain('the verdict is the envelope judgement alone')
  })

  it('says when a target was never reached, and how each raise was followed', () => {
    const report = sampleReport()
    if (report.testRuns.status !== 'done') throw new Error('sample has runs')
    const note = 'The 10000 W step at 350 s was never reached: the site did not try to reach the raised limit: the generation setpoint stayed at 700 W.'
    const raise = { atS: 350, fromW: 5000, toW: 10000, outcome: 'did-not-try' as const, peakW: 5100, targetReached: false, text: 'the site did not try to reach the raised limit: …' }
    const runs = report.testRuns.data.runs.map((r) => (r.tracking ? { ...r, tracking: { ...r.tracking, raises: [raise], notes: [note] } } : r))
    const out = visibleText(renderReportHtml({ ...report, testRuns: { status: 'done', data: { runs } } }))
    expect(out).toContain(`Target not reached ${note}`)
    expect(out).toContain('Follow the raise at 5:50 (advisory) the site did not try to reach the raised limit')
  })

  it('an aborted run reads ABORTED in its heading and verdict, never PASS', () => {
    const report = sampleReport()
    if (report.testRuns.status !== 'done') throw new Error('sample has runs')
    const runs = report.testRuns.data.runs.slice(0, 1).map((r) => ({ ...r, aborted: true }))
    const all = visibleText(renderReportHtml({ ...report, testRuns: { status: 'done', data: { runs } } }))
    const out = all.slice(all.indexOf('Verification test runs'))
    expect(out).toContain('Export step to 1.5 kW ABORTED')
    expect(out).toContain('Verdict ABORTED Stopped before the profile ended: no verdict')
    expect(out).not.toContain('Export step to 1.5 kW PASS')
  })

  it('names a utility event the installer chose to override', () => {
    const report = sampleReport()
    if (report.testRuns.status !== 'done') throw new Error('sample has runs')
    const limitPolicy = { choice: 'override' as const, utilityEvent: { mRID: 'EV1', programId: '/derp/0', description: 'Export 0 W', value: 0 } }
    const runs = report.testRuns.data.runs.map((r) => ({ ...r, limitPolicy }))
    const out = visibleText(renderReportHtml({ ...report, testRuns: { status: 'done', data: { runs } } }))
    expect(out).toContain('the installer chose to override the utility\'s event "Export 0 W" (mRID EV1, 0 W) for this run')
  })

  it('shades the failing run\'s violation on its plot only', () => {
    const [passSvg, failSvg] = [...html.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => m[0])
    expect(passSvg).not.toContain('Violation')
    expect(failSvg).toContain('>Violation</text>')
  })

  it('names the measured series for what the run judged', () => {
    const report = sampleReport()
    if (report.testRuns.status !== 'done') throw new Error('sample has runs')
    const runs = report.testRuns.data.runs.map((r) => ({ ...r, judged: 'site-import' as const }))
    const out = renderReportHtml({ ...report, testRuns: { status: 'done', data: { runs } } })
    expect(out).toContain('>Measured site import</text>')
    expect(out).not.toContain('>Measured site export</text>')
  })

  it('has the sign-off block with installer, licence, date, signature and the RPEQ lines (handbook 7)', () => {
    const signOff = text.slice(text.indexOf('Sign-off'))
    expect(signOff).toContain('Installer Jo Sparky')
    expect(signOff).toContain('Licence number QLD-EL-123456')
    expect(signOff).toContain('Date')
    expect(signOff).toContain('Signature')
    expect(signOff).toContain('Registered Professional Engineer of Queensland')
    expect(signOff).toContain('RPEQ registration number')
  })

  it('lists the DER inventory with type names and the programs with their FSA and primacy', () => {
    expect(text).toContain('4 – Photovoltaic system PV inverter, "roof", east')
    expect(text).toContain('FSA 1 Dynamic export 1 export 1500 W 28')
  })

  it('shows Queensland time (AEST, no daylight saving)', () => {
    expect(text).toContain('Started 2026-11-18 21:06:40 AEST')
  })

  it('says "not done" in words for every missing section', () => {
    const bare = visibleText(renderReportHtml(buildReport({ site: sampleSite }, { now: 0, app: APP })))
    for (const reason of ['No certificate imported', 'Utility server connection not checked yet', 'No device scan recorded', 'No verification test run recorded', 'No telemetry posted yet', 'No exchange log recorded'])
      expect(bare).toContain(`NOT DONE Not done: ${reason}`)
    expect(bare).toContain('Overall: INCOMPLETE')
    expect(bare).toContain('LFDI not done')
  })

  it('escapes what the installer typed', () => {
    const site = { ...sampleSite, name: '<script>alert(1)</script> & Co', address: 'A "quoted" <b>street</b>' }
    const out = renderReportHtml(buildReport({ site }, { now: 0, app: APP }))
    expect(out).not.toContain('<script>')
    expect(out).not.toContain('<b>street')
    expect(visibleText(out)).toContain('<script>alert(1)</script> & Co')
  })
})
