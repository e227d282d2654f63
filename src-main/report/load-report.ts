/**
 * Gather a site's report input from the data folder's SQLite database (APP-5, APP-7). Tables other features own are
 * read only when they exist; what is missing becomes a "not done" section with the reason in words.
 */
import type { Part, ReportInput } from '../../src-shared/report/build-report'
import type { TestRun } from '../../src-shared/report/model/run-section'
import { createCertificatesRepo } from '../storage/certificates-repo'
import type { Db } from '../storage/database'
import { createReportSourceRepo } from '../storage/report-source-repo'
import { createSitesRepo } from '../storage/sites-repo'
import { readCtCheck, readDevices } from './sources/devices-source'
import { readExchange, readTelemetry } from './sources/exchange-source'
import { readServer } from './sources/server-source'
import { reportRuns } from '../verification/report-runs'

export interface LoadOptions {
  /** Test runs; by default the verification runs recorded for the site (APP-3). */
  readRuns?: (db: Db, siteId: string) => Part<TestRun[]>
}

/** No finished run yet is "not done" in words, not an empty section. */
function readRuns(db: Db, siteId: string): Part<TestRun[]> {
  const runs = createReportSourceRepo(db).hasTable('verification_runs') ? reportRuns(db, siteId) : []
  return runs.length ? runs : { notDone: 'No verification test run recorded' }
}

const optionalCtCheck = (ctCheck: ReportInput['ctCheck']) => (ctCheck ? { ctCheck } : {})

/** Throws SiteNotFoundError for an unknown site. */
export function loadReportInput(db: Db, siteId: string, options: LoadOptions = {}): ReportInput {
  const never = () => 0
  const site = createSitesRepo(db, never).get(siteId)
  const repo = createReportSourceRepo(db)
  return {
    site,
    certificate: createCertificatesRepo(db, never).get(siteId)?.report ?? null,
    server: readServer(repo, siteId),
    devices: readDevices(repo, siteId),
    ...optionalCtCheck(readCtCheck(repo, siteId)),
    runs: (options.readRuns ?? readRuns)(db, siteId),
    telemetry: readTelemetry(repo, siteId),
    exchange: readExchange(repo, siteId),
  }
}
