/** The pass/fail summary on page 1 of the report (APP-5): one line per section, each run on its own line. */
import type { Outcome, Section } from './model/common'
import type { IdentitySection } from './model/identity-section'
import type { ServerSection } from './model/server-section'
import { serverCheckBasis, serverCheckVerdict } from './server-check'
import type { CtCheck } from './model/ct-check'
import { qldDateTime } from '../time/qld-time'
import type { TestRun } from './model/run-section'
import type { CommissioningReport, ExchangeSection, ReportDevice, ReportSummary, SummaryItem, TelemetrySection } from './model/report'

export type SummarisedParts = Pick<CommissioningReport, 'identity' | 'server' | 'devices' | 'testRuns' | 'telemetry' | 'exchange'>

function item(id: string, label: string, outcome: Outcome, detail: string): SummaryItem {
  return { id, label, outcome, detail }
}

function sectionItem<T>(id: string, label: string, section: Section<T>, judge: (data: T) => [Outcome, string]): SummaryItem {
  if (section.status === 'not-done') return item(id, label, 'not-done', section.reason)
  const [outcome, detail] = judge(section.data)
  return item(id, label, outcome, detail)
}

function identityOutcome(data: IdentitySection): [Outcome, string] {
  const failed = data.checks.filter((c) => c.status === 'fail').length
  const lfdi = data.identity ? `LFDI ${data.identity.lfdi}` : 'no device certificate'
  if (data.verdict === 'fail') return ['fail', `${failed} certificate check(s) failed; ${lfdi}`]
  return [data.verdict, `${data.checks.length} certificate checks; ${lfdi}`]
}

/** From the stored server-check record only (issue 17 item 1): no record, no verdict – whatever else the section holds. */
function serverOutcome(data: ServerSection): [Outcome, string] {
  if (!data.check) return ['not-done', 'No server check stored: connect in the Utility server step']
  const v = serverCheckVerdict(data.check)
  return [v.outcome, `${v.detail} (${serverCheckBasis(data.check)})`]
}

/** handbook 10.8.2: with generation above load the site meter must read export negative on every phase. */
function ctCheckItem(section: Section<{ devices: ReportDevice[]; ctCheck?: CtCheck }>): SummaryItem {
  const label = 'CT direction and phase check'
  const check = section.status === 'done' ? section.data.ctCheck : undefined
  if (!check) return item('ct-check', label, 'not-done', 'No CT check recorded: run live readings with generation above the load (Devices step)')
  const when = `(live readings of ${qldDateTime(Date.parse(check.checkedAt))})`
  if (check.verdict === 'ok') return item('ct-check', label, 'pass', `Export reads negative on the site meter ${when}`)
  const what = check.verdict === 'ct-reversed' ? 'CT reversed' : 'CT on the wrong phase'
  return item('ct-check', label, 'fail', `${what} on phase ${check.phases.join(', ')} ${when}`)
}

function devicesOutcome(data: { devices: ReportDevice[] }): [Outcome, string] {
  if (data.devices.length === 0) return ['fail', 'No devices found']
  return ['pass', `${data.devices.length} device(s): ${data.devices.map((d) => `${d.make} ${d.model}`).join(', ')}`]
}

/** An aborted run has no verdict, whatever it measured before the stop: it says how far it got. */
function abortedDetail(run: TestRun): string {
  const ranS = run.endedAt === undefined ? undefined : (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000
  const ran = ranS === undefined ? '' : ` after ${Math.round(ranS)} s`
  return `Stopped by the installer${ran}: no verdict (run it again to completion)`
}

function runItems(section: Section<{ runs: TestRun[] }>): SummaryItem[] {
  if (section.status === 'not-done') return [item('test-runs', 'Verification test runs', 'not-done', section.reason)]
  if (section.data.runs.length === 0) return [item('test-runs', 'Verification test runs', 'not-done', 'No test run recorded')]
  return section.data.runs.map((run) => {
    if (run.aborted) return item(`run:${run.id}`, `Test run: ${run.name}`, 'aborted', abortedDetail(run))
    const worst = run.verdict.worstViolation
    const detail = run.verdict.pass
      ? `Stayed within the ramped limit (${run.verdict.samplesJudged} samples)`
      : `Worst violation ${Math.round(worst?.worstExcessW ?? 0)} W above the ramped limit for ${(worst?.durationS ?? 0).toFixed(1)} s`
    // issue 17 item 5: a verdict that cannot mislead – an unreached target is said beside it.
    const unreached = run.tracking?.notes.length ? `; ${run.tracking.notes.length} target(s) never reached` : ''
    return item(`run:${run.id}`, `Test run: ${run.name}`, run.verdict.pass ? 'pass' : 'fail', detail + unreached)
  })
}

function telemetryOutcome(data: TelemetrySection): [Outcome, string] {
  if (data.posts === 0) return ['fail', 'No telemetry posted']
  const rejected = data.answers.filter((a) => !/^2\d\d$/.test(a.status)).reduce((n, a) => n + a.count, 0)
  return [rejected > 0 ? 'warn' : 'pass', `${data.posts} post(s), ${rejected} not accepted`]
}

function exchangeOutcome(data: ExchangeSection): [Outcome, string] {
  return [data.errors.length > 0 ? 'warn' : 'pass', `${data.total} exchange(s), ${data.errors.length} error(s)`]
}

export function summarise(parts: SummarisedParts): ReportSummary {
  const items = [
    sectionItem('identity', 'Certificate and identity', parts.identity, identityOutcome),
    sectionItem('server', 'Utility server and registration', parts.server, serverOutcome),
    sectionItem('devices', 'Devices found', parts.devices, devicesOutcome),
    ctCheckItem(parts.devices),
    ...runItems(parts.testRuns),
    sectionItem('telemetry', 'Telemetry posted', parts.telemetry, telemetryOutcome),
    sectionItem('exchange', 'Exchange log', parts.exchange, exchangeOutcome),
  ]
  const outcome = items.some((i) => i.outcome === 'fail') ? 'fail' : items.some((i) => i.outcome === 'not-done' || i.outcome === 'aborted') ? 'incomplete' : 'pass'
  return { outcome, items }
}
