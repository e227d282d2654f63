/**
 * Gather a site's report input from the data folder's SQLite database (APP-5, APP-7). Tables other features own are
 * read only when they exist; what is missing becomes a "not done" section with the reason in words.
 */
import type { Part, ReportInput } from '../../src-shared/report/build-report'
import type { TestRun } from '../../src-shared/report/model/run-section'
import { createCertificatesRepo } from '../storage/certificates-repo'
import type { Db } from '../storage/database'
import { createSitesRepo } from '../storage/sites-repo'
import { tableExists } from './sources/db-util'
import { readDevices } from './sources/devices-source'
import { readExchange, readTelemetry } from './sources/exchange-source'
import { readServer } from './sources/server-source'

export interface LoadOptions {
  /** Test runs from the feature that records them (APP-3); by default none are read. */
  readRuns?: (db: Db, siteId: string) => Part<TestRun[]>
}

/** Tables a run recorder may create; until it gives the report a reader they are named, not guessed at. */
const RUN_TABLES = ['test_runs', 'runs']

function defaultRuns(db: Db): Part<TestRun[]> {
  const table = RUN_TABLES.find((name) => tableExists(db, name))
  return { notDone: table === undefined ? 'No verification test run recorded' : `Test runs are stored (${table}) but this version cannot put them in the report` }
}

/** Throws SiteNotFoundError for an unknown site. */
export function loadReportInput(db: Db, siteId: string, options: LoadOptions = {}): ReportInput {
  const never = () => 0
  const site = createSitesRepo(db, never).get(siteId)
  return {
    site,
    certificate: createCertificatesRepo(db, never).get(siteId)?.report ?? null,
    server: readServer(db, siteId),
    devices: readDevices(db, siteId),
    runs: options.readRuns === undefined ? defaultRuns(db) : options.readRuns(db, siteId),
    telemetry: readTelemetry(db, siteId),
    exchange: readExchange(db, siteId),
  }
}
