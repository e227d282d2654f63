import { Database } from '../storage/sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { buildReport } from '../../src-shared/report/build-report'
import type { ServerCheck } from '../../src-shared/report/model/server-check'
import { sampleCertificate, sampleServerCheck, sampleSite } from '../../src-shared/report/testing/sample-report'
import { createCertificatesRepo } from '../storage/certificates-repo'
import type { Db } from '../storage/database'
import { MIGRATIONS, migrate } from '../storage/migrations'
import { createRunsRepo } from '../storage/runs-repo'
import { createServerChecksRepo } from '../storage/server-checks-repo'
import { createSitesRepo } from '../storage/sites-repo'
import { loadReportInput } from './load-report'
import { validateReportJson } from './schema-file'

const T = 1_795_000_000_000
const APP = { name: 'SEP2 Commissioner', version: 'test' }
let db: Db

/** Only the first migration (sites, certificates): the tables other features add are absent. */
function baseDb(): { db: Db; siteId: string } {
  db = new Database(':memory:')
  migrate(db, MIGRATIONS.filter((m) => m.version === 1))
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = sampleSite
  const site = createSitesRepo(db, () => T).save({ ...input, nmi: '4102345678' })
  return { db, siteId: site.id }
}

/** The tables as the exchange log, devices and controls features write them (the columns the report reads). */
function addFeatureTables(target: Db, siteId: string): void {
  target.exec(`
    CREATE TABLE exchange_log (id INTEGER PRIMARY KEY AUTOINCREMENT, site_id TEXT, started_at INTEGER, method TEXT, url TEXT, status INTEGER, tls_version TEXT, tls_cipher TEXT, error_code TEXT);
    CREATE TABLE devices (id TEXT, site_id TEXT, position INTEGER, name TEXT, connection TEXT, unit_id INTEGER, role TEXT, discovery TEXT);
    CREATE TABLE controls_programs (site_id TEXT, href TEXT, mrid TEXT, primacy INTEGER, description TEXT, default_json TEXT);
    CREATE TABLE controls_events (site_id TEXT, mrid TEXT, event_json TEXT, description TEXT, first_seen_at INTEGER);
    CREATE TABLE controls_responses (site_id TEXT, mrid TEXT, status INTEGER, first_tried_at INTEGER);
  `)
  const log = target.prepare('INSERT INTO exchange_log (site_id, started_at, method, url, status, tls_version, tls_cipher, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  log.run(siteId, T, 'GET', 'https://127.0.0.1:8443/api/v2/dcap', 200, 'TLSv1.2', 'ECDHE-ECDSA-AES128-CCM8', null)
  log.run(siteId, T + 1000, 'GET', 'https://127.0.0.1:8443/api/v2/edev/3', 200, 'TLSv1.2', 'ECDHE-ECDSA-AES128-CCM8', null)
  log.run(siteId, T + 2000, 'POST', 'https://127.0.0.1:8443/api/v2/mup/1', 201, null, null, null)
  log.run(siteId, T + 3000, 'POST', 'https://127.0.0.1:8443/api/v2/mup/1', null, null, null, 'SEP2_TIMEOUT')
  log.run('other-site', T, 'GET', 'https://elsewhere/dcap', 500, null, null, null)
  const discovery = { identity: { manufacturer: 'Fronius', model: 'Primo', serial: 'S1', firmware: '1.0' }, ratings: { WRtg: 5000, VARtg: 5000, WChaMax: null } }
  target.prepare('INSERT INTO devices VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run('d1', siteId, 0, 'Inverter', JSON.stringify({ kind: 'tcp', host: '127.0.0.1', port: 1502 }), 1, 'inverter', JSON.stringify(discovery))
  target.prepare('INSERT INTO devices VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run('d2', siteId, 1, 'Spare', '{}', 2, 'none', null)
  target.prepare('INSERT INTO controls_programs VALUES (?, ?, ?, ?, ?, ?)').run(siteId, '/derp/0', 'P0', 1, 'Dynamic export', JSON.stringify({ modes: { expLimW: 1500 }, setGradW: 28 }))
  const event = { mRID: 'E1', programId: '/derp/0', creationTime: 1, currentStatus: 1, start: 1_795_000_000, duration: 300, modes: { expLimW: 5000 }, rampTms: 6000 }
  target.prepare('INSERT INTO controls_events VALUES (?, ?, ?, ?, ?)').run(siteId, 'E1', JSON.stringify(event), 'Dynamic export', T)
  target.prepare('INSERT INTO controls_responses VALUES (?, ?, ?, ?)').run(siteId, 'E1', 1, T + 500)
}

function addServerCheck(target: Db, siteId: string, check: ServerCheck): void {
  migrate(target, MIGRATIONS.filter((m) => m.description.startsWith('server checks')))
  createServerChecksRepo(target).add(siteId, check)
}

afterEach(() => db?.close())

describe('loadReportInput', () => {
  it('reads the site and its certificate, and marks every table that does not exist yet "not done"', () => {
    const { db, siteId } = baseDb()
    createCertificatesRepo(db, () => T).save(siteId, { report: { ...sampleCertificate, siteId }, chainPem: null })
    const report = buildReport(loadReportInput(db, siteId), { now: T, app: APP })
    expect(report.site.nmi).toBe('4102345678')
    expect(report.identity.status).toBe('done')
    expect([report.server, report.devices, report.testRuns, report.telemetry, report.exchange].map((s) => s.status === 'not-done' && s.reason)).toEqual([
      'Utility server not checked yet: connect in the Utility server step',
      'No device scan recorded',
      'No verification test run recorded',
      'No telemetry posted yet',
      'No exchange with a utility server recorded',
    ])
    expect(validateReportJson(JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('reads the exchange log, devices and controls of this site only, when their tables exist', () => {
    const { db, siteId } = baseDb()
    addFeatureTables(db, siteId)
    addServerCheck(db, siteId, sampleServerCheck())
    const report = buildReport(loadReportInput(db, siteId), { now: T, app: APP })
    expect(report.exchange).toMatchObject({ status: 'done', data: { total: 4, byStatus: [{ status: '200', count: 2 }, { status: '201', count: 1 }, { status: 'SEP2_TIMEOUT', count: 1 }] } })
    expect(report.telemetry).toMatchObject({ status: 'done', data: { posts: 2, answers: [{ status: '201', count: 1 }, { status: 'SEP2_TIMEOUT', count: 1 }] } })
    expect(report.devices).toEqual({
      status: 'done',
      data: { devices: [{ role: 'inverter', make: 'Fronius', model: 'Primo', serial: 'S1', firmware: '1.0', address: 'tcp 127.0.0.1:1502 unit 1', ratings: { ratedW: 5000, ratedVA: 5000 } }] },
    })
    expect(report.server).toMatchObject({
      status: 'done',
      data: {
        url: 'https://127.0.0.1:8443/api/v2/dcap',
        checkedAt: '2026-11-17T23:50:00.000Z',
        tls: { protocol: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-CCM8' },
        clockOffsetS: 0.4,
        endDevice: { found: true, href: '/api/v2/edev/1', lfdiMatches: true },
        registration: { outcome: 'pass', expectedPin: 111115, serverPin: 111115 },
        check: sampleServerCheck(),
        programs: [{ mRID: 'P0', description: 'Dynamic export', primacy: 1, defaultControl: { modes: { expLimW: 1500 }, setGradW: 28 } }],
        events: [{ mRID: 'E1', program: 'Dynamic export', start: '2026-11-18T11:06:40.000Z', durationS: 300, modes: { expLimW: 5000 }, rampTms: 6000 }],
        responses: [{ at: '2026-11-18T11:06:40.500Z', eventMRID: 'E1', status: 1 }],
      },
    })
    expect(validateReportJson(JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('the server section and its verdict come from the latest stored server check, never from the exchange log', () => {
    const { db, siteId } = baseDb()
    addFeatureTables(db, siteId)
    // The exchange log shows a good GET of /edev/3, but no walk was recorded: no verdict.
    expect(buildReport(loadReportInput(db, siteId), { now: T, app: APP }).server).toEqual({ status: 'not-done', reason: 'Utility server not checked yet: connect in the Utility server step' })
    addServerCheck(db, siteId, sampleServerCheck())
    addServerCheck(db, siteId, { ...sampleServerCheck(), checkedAt: '2026-11-18T00:10:00.000Z', pin: { expected: 9999, found: 111115 } })
    const report = buildReport(loadReportInput(db, siteId), { now: T, app: APP })
    expect(report.server).toMatchObject({ status: 'done', data: { checkedAt: '2026-11-18T00:10:00.000Z', registration: { outcome: 'fail', expectedPin: 9999, serverPin: 111115 } } })
    expect(report.summary.items.find((i) => i.id === 'server')).toMatchObject({ outcome: 'fail', detail: expect.stringMatching(/server holds 111115, the installer entered 9999 \(server check of 2026-11-18 10:10:00 AEST\)/) })
    expect(validateReportJson(JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('a table it cannot read makes that section "not done" with the reason, not a failed report', () => {
    const { db, siteId } = baseDb()
    db.exec('CREATE TABLE devices (id TEXT)')
    const input = loadReportInput(db, siteId)
    expect(input.devices).toMatchObject({ notDone: expect.stringMatching(/^Could not read the devices: .*no such column/) })
  })

  it('puts the site’s finished verification runs in the report, and none while they are still running', () => {
    const { db, siteId } = baseDb()
    migrate(db)
    const runs = createRunsRepo(db)
    const profile = { id: 'custom', name: 'Export step', description: '', mode: 'expLimW' as const, steps: [{ atS: 1, value: 500 }], durationS: 3 }
    runs.create({ id: 'r1', siteId, profile, tolerance: { toleranceW: 50, graceS: 0 }, startedAt: T })
    expect(loadReportInput(db, siteId).runs).toEqual({ notDone: 'No verification test run recorded' })
    runs.addPoints('r1', [0, 1, 2].map((t) => ({ t, target: t < 1 ? 1500 : 500, ramped: t < 1 ? 1500 : 500, measured: 400, siteW: -400, derW: 2000 })))
    const verdict = { pass: true, violations: [], worstViolation: undefined, samplesJudged: 3, samplesSkipped: 0 }
    runs.finish('r1', { endedAt: T + 3000, outcome: 'passed', verdict, note: null })
    const loaded = loadReportInput(db, siteId).runs
    expect(loaded).toMatchObject([{ id: 'r1', name: 'Export step', judged: 'site-export', aborted: false, verdict: { pass: true }, steps: [{ atS: 1, mode: 'expLimW', value: 500 }] }])
    expect(Array.isArray(loaded) && loaded[0]?.series.siteExportW).toEqual([[T / 1000, 400], [T / 1000 + 1, 400], [T / 1000 + 2, 400]])
  })

  it('refuses an unknown site', () => {
    const { db } = baseDb()
    expect(() => loadReportInput(db, 'nope')).toThrow(expect.objectContaining({ code: 'SITE_NOT_FOUND' }))
  })
})
