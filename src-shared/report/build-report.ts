/** Assemble a commissioning report (APP-5) from what is known about a site; what is missing is marked "not done". */
import type { CtCheck } from './model/ct-check'
import type { CertificateReport } from '../domain/certificate'
import type { Site } from '../domain/site'
import { done, notDone, type Section } from './model/common'
import type { ServerSection } from './model/server-section'
import type { TestRun } from './model/run-section'
import { REPORT_FORMAT, REPORT_VERSION, type CommissioningReport, type ExchangeSection, type ReportDevice, type SignOff, type TelemetrySection } from './model/report'
import { identitySection, isoFromMs } from './section-builders'
import { summarise } from './summary'

/** Each optional part: the data, or a reason in words why it is missing (undefined -> a generic "not done"). */
export type Part<T> = T | { notDone: string } | undefined

export interface ReportInput {
  site: Site
  certificate?: CertificateReport | null
  server?: Part<ServerSection>
  devices?: Part<ReportDevice[]>
  /** The last conclusive CT check stored for the site (issue 17 item 6); absent when none was made. */
  ctCheck?: CtCheck
  runs?: Part<TestRun[]>
  telemetry?: Part<TelemetrySection>
  exchange?: Part<ExchangeSection>
  signOff?: { date?: string; rpeq?: SignOff['rpeq'] }
}

export interface BuildOptions {
  /** ms since the epoch: when the report is generated (passed in: src-shared reads no clock). */
  now: number
  app: { name: string; version: string }
}

function isNotDone(part: unknown): part is { notDone: string } {
  return typeof part === 'object' && part !== null && !Array.isArray(part) && 'notDone' in part
}

function partSection<T, U>(part: Part<T>, missing: string, wrap: (value: T) => U): Section<U> {
  if (part === undefined) return notDone(missing)
  if (isNotDone(part)) return notDone(part.notDone)
  return done(wrap(part))
}

export function buildReport(input: ReportInput, options: BuildOptions): CommissioningReport {
  const parts = {
    identity: identitySection(input.certificate),
    server: partSection(input.server, 'Utility server connection not checked yet', (s) => s),
    devices: partSection(input.devices, 'No device scan recorded', (devices) => ({ devices, ...(input.ctCheck ? { ctCheck: input.ctCheck } : {}) })),
    testRuns: partSection(input.runs, 'No verification test run recorded', (runs) => ({ runs })),
    telemetry: partSection(input.telemetry, 'No telemetry posted yet', (t) => t),
    exchange: partSection(input.exchange, 'No exchange log recorded', (e) => e),
  }
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: isoFromMs(options.now),
    app: options.app,
    summary: summarise(parts),
    site: input.site,
    ...parts,
    signOff: {
      installerName: input.site.installer.name,
      installerLicence: input.site.installer.licence,
      ...(input.signOff?.date === undefined ? {} : { date: input.signOff.date }),
      rpeq: input.signOff?.rpeq ?? {},
    },
  }
}
