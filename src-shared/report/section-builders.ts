/** Section builders: domain data (as the engine and the database hold it) -> report sections (APP-5). */
import type { CertificateReport } from '../domain/certificate'
import type { ToleranceSettings, Verdict } from '../controls/judge/judge'
import { done, notDone, type Section } from './model/common'
import type { IdentitySection } from './model/identity-section'
import type { ProfileStep, RunSeries, TestRun } from './model/run-section'
import type { ExchangeSection, TelemetrySection } from './model/report'

/** Milliseconds since the epoch -> ISO 8601 UTC. */
export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString()
}

/** UTC seconds (the controls' time unit) -> ISO 8601 UTC. */
export function isoFromSeconds(s: number): string {
  return new Date(s * 1000).toISOString()
}

export function identitySection(certificate: CertificateReport | null | undefined): Section<IdentitySection> {
  if (!certificate) return notDone('No certificate imported for this site')
  const failed = certificate.checks.some((c) => c.status === 'fail')
  const warned = certificate.checks.some((c) => c.status === 'warn')
  return done({
    importedAt: isoFromMs(certificate.importedAt),
    fileNames: certificate.fileNames,
    verdict: failed ? 'fail' : warned ? 'warn' : 'pass',
    identity: certificate.identity,
    checks: certificate.checks,
    chain: certificate.chain,
    keyStored: certificate.keyStored,
  })
}

export interface RecordedRun {
  id: string
  name: string
  judged: TestRun['judged']
  steps: ProfileStep[]
  /** UTC seconds. */
  startedAt: number
  endedAt?: number
  aborted: boolean
  tolerance: ToleranceSettings
  verdict: Verdict
  tracking?: TestRun['tracking']
  limitPolicy?: TestRun['limitPolicy']
  series: RunSeries
}

/** Only finite samples go into the report: JSON has no Infinity ("no limit" is a gap in the plotted line). */
function finiteSeries(series: RunSeries): RunSeries {
  const keep = (points: RunSeries['targetW']) => points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v))
  return { targetW: keep(series.targetW), envelopeW: keep(series.envelopeW), siteExportW: keep(series.siteExportW), inverterW: keep(series.inverterW), setpointW: keep(series.setpointW) }
}

export function testRun(run: RecordedRun): TestRun {
  const { worstViolation, ...verdict } = run.verdict
  return {
    ...run,
    series: finiteSeries(run.series),
    startedAt: isoFromSeconds(run.startedAt),
    endedAt: run.endedAt === undefined ? undefined : isoFromSeconds(run.endedAt),
    verdict: worstViolation === undefined ? verdict : { ...verdict, worstViolation },
  }
}

export interface ExchangeEntry {
  /** ms since the epoch. */
  at: number
  method: string
  url: string
  /** HTTP status, or an error code such as SEP2_TIMEOUT. */
  status: number | string
  /** Set when the exchange failed. */
  error?: string
}

function countBy(values: readonly string[]): { status: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => ({ status, count }))
}

function span(times: readonly number[]): { first?: string; last?: string } {
  if (times.length === 0) return {}
  return { first: isoFromMs(Math.min(...times)), last: isoFromMs(Math.max(...times)) }
}

/** handbook 13: the exchange log in short – counts by status, first/last, and every failed exchange. */
export function exchangeSection(entries: readonly ExchangeEntry[]): ExchangeSection {
  const errors = entries
    .filter((e) => e.error !== undefined || (typeof e.status === 'number' && e.status >= 400))
    .map((e) => ({ at: isoFromMs(e.at), method: e.method, url: e.url, status: String(e.status), message: e.error ?? `HTTP ${e.status}` }))
  return { total: entries.length, ...span(entries.map((e) => e.at)), byStatus: countBy(entries.map((e) => String(e.status))), errors }
}

export interface TelemetryPost {
  /** ms since the epoch. */
  at: number
  status: number | string
}

export function telemetrySection(posts: readonly TelemetryPost[]): TelemetrySection {
  return { posts: posts.length, ...span(posts.map((p) => p.at)), answers: countBy(posts.map((p) => String(p.status))) }
}
