import type { LimitPolicyRecord } from '../../src-shared/contract/verification'
import type { ToleranceSettings, Verdict } from '../../src-shared/controls/judge/judge'
import type { TrackingFigures } from '../../src-shared/verification/tracking'
import type { VerificationProfile } from '../../src-shared/verification/profiles'
import type { RunPoint, RunRecord } from '../verification/types'
import type { Db } from './database'

interface RunRow {
  id: string
  site_id: string
  profile: string
  tolerance: string
  started_at: number
  ended_at: number | null
  outcome: RunRecord['outcome']
  verdict: string | null
  note: string | null
  tracking: string | null
  limit_policy: string | null
}

interface PointRow {
  t: number
  target: number | null
  ramped: number | null
  measured: number | null
  site_w: number | null
  der_w: number | null
  commanded_w: number | null
}

// "No limit" (Infinity) and "not measured" are stored as NULL.
const toDb = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v)
const limitFromDb = (v: number | null): number => (v === null ? Infinity : v)
const fromDb = (v: number | null): number | undefined => (v === null ? undefined : v)
// The commanded setpoint: "unlimited" (Infinity) is stored as -1 so NULL can keep meaning "not known".
const UNLIMITED = -1
const commandedToDb = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v === Infinity ? UNLIMITED : v)
const commandedFromDb = (v: number | null): number | undefined => (v === null ? undefined : v === UNLIMITED ? Infinity : v)

/** Verification runs (APP-3, APP-7) and their points; points are appended in transactions (REL-2). */
export function createRunsRepo(db: Db) {
  const toRecord = (row: RunRow): RunRecord => ({
    id: row.id,
    siteId: row.site_id,
    profile: JSON.parse(row.profile) as VerificationProfile,
    tolerance: JSON.parse(row.tolerance) as ToleranceSettings,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    verdict: row.verdict === null ? null : (JSON.parse(row.verdict) as Verdict),
    note: row.note,
    tracking: row.tracking === null ? null : (JSON.parse(row.tracking) as TrackingFigures),
    limitPolicy: row.limit_policy === null ? null : (JSON.parse(row.limit_policy) as LimitPolicyRecord),
  })
  const insertPoint = db.prepare(
    `INSERT INTO verification_points (run_id, seq, t, target, ramped, measured, site_w, der_w, commanded_w)
     VALUES (?, (SELECT COALESCE(MAX(seq), -1) + 1 FROM verification_points WHERE run_id = ?), ?, ?, ?, ?, ?, ?, ?)`,
  )

  return {
    create(run: { id: string; siteId: string; profile: VerificationProfile; tolerance: ToleranceSettings; startedAt: number; limitPolicy?: LimitPolicyRecord }): void {
      db.prepare(`INSERT INTO verification_runs (id, site_id, profile, tolerance, started_at, outcome, limit_policy) VALUES (?, ?, ?, ?, ?, 'running', ?)`).run(
        run.id,
        run.siteId,
        JSON.stringify(run.profile),
        JSON.stringify(run.tolerance),
        run.startedAt,
        run.limitPolicy === undefined ? null : JSON.stringify(run.limitPolicy),
      )
    },
    addPoints(runId: string, points: RunPoint[]): void {
      db.transaction(() => {
        for (const p of points) insertPoint.run(runId, runId, p.t, toDb(p.target), toDb(p.ramped), toDb(p.measured), toDb(p.siteW), toDb(p.derW), commandedToDb(p.commandedW))
      })()
    },
    finish(runId: string, end: { endedAt: number; outcome: RunRecord['outcome']; verdict: Verdict | null; note: string | null; tracking?: TrackingFigures | null }): void {
      db.prepare('UPDATE verification_runs SET ended_at = ?, outcome = ?, verdict = ?, note = ?, tracking = ? WHERE id = ?').run(
        end.endedAt,
        end.outcome,
        end.verdict === null ? null : JSON.stringify(end.verdict),
        end.note,
        end.tracking == null ? null : JSON.stringify(end.tracking),
        runId,
      )
    },
    get(runId: string): RunRecord | null {
      const row = db.prepare('SELECT * FROM verification_runs WHERE id = ?').get(runId) as RunRow | undefined
      return row ? toRecord(row) : null
    },
    list(siteId: string): RunRecord[] {
      return (db.prepare('SELECT * FROM verification_runs WHERE site_id = ? ORDER BY started_at DESC').all(siteId) as RunRow[]).map(toRecord)
    },
    points(runId: string): RunPoint[] {
      const rows = db.prepare('SELECT t, target, ramped, measured, site_w, der_w, commanded_w FROM verification_points WHERE run_id = ? ORDER BY seq').all(runId) as PointRow[]
      return rows.map((r) => ({ t: r.t, target: limitFromDb(r.target), ramped: limitFromDb(r.ramped), measured: fromDb(r.measured), siteW: fromDb(r.site_w), derW: fromDb(r.der_w), commandedW: commandedFromDb(r.commanded_w) }))
    },
    delete(runId: string): boolean {
      return db.prepare('DELETE FROM verification_runs WHERE id = ?').run(runId).changes > 0
    },
    /** A run still marked running after a restart was cut short by the crash: say so rather than leave it open. */
    closeInterrupted(now: number): number {
      return db
        .prepare(`UPDATE verification_runs SET outcome = 'aborted', ended_at = ?, note = 'Interrupted: the app stopped during the run.' WHERE outcome = 'running'`)
        .run(now).changes
    },
  }
}
export type RunsRepo = ReturnType<typeof createRunsRepo>
