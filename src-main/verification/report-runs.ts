import { judgeCompliance } from '../../src-shared/controls/judge/judge'
import type { TestRun } from '../../src-shared/report/model/run-section'
import { testRun, type RecordedRun } from '../../src-shared/report/section-builders'
import type { VerificationMode } from '../../src-shared/verification/profiles'
import type { Db } from '../storage/database'
import { createRunsRepo } from '../storage/runs-repo'
import type { RunPoint, RunRecord } from './types'

const JUDGED: Record<VerificationMode, RecordedRun['judged']> = {
  expLimW: 'site-export',
  impLimW: 'site-import',
  genLimW: 'generation',
  loadLimW: 'load',
  connect: 'generation',
  energize: 'generation',
}

/** The site's finished verification runs (APP-3) for the commissioning report (APP-5), oldest first. */
export function reportRuns(db: Db, siteId: string): TestRun[] {
  const repo = createRunsRepo(db)
  return repo
    .list(siteId)
    .filter((run) => run.outcome !== 'running')
    .reverse()
    .map((run) => testRun(recordedRun(run, repo.points(run.id))))
}

function recordedRun(run: RunRecord, points: RunPoint[]): RecordedRun {
  const t0 = run.startedAt / 1000
  const series = (pick: (p: RunPoint) => number | undefined): [number, number][] =>
    points.flatMap((p) => {
      const v = pick(p)
      return v === undefined || !Number.isFinite(v) ? [] : [[t0 + p.t, v] as [number, number]]
    })
  // An aborted run has no verdict of its own: judge what was recorded, so the report still shows it honestly.
  const verdict =
    run.verdict ??
    judgeCompliance({ samples: points.flatMap((p) => (p.measured === undefined ? [] : [{ t: p.t, w: p.measured }])), limitAt: (t) => points.find((p) => p.t >= t)?.ramped ?? Infinity, tolerance: run.tolerance })
  const targetAfter = (atS: number) => points.find((p) => p.t >= atS)?.target
  return {
    id: run.id,
    name: run.profile.name,
    judged: JUDGED[run.profile.mode],
    steps: run.profile.steps.flatMap((s) => {
      const value = s.value ?? targetAfter(s.atS)
      return value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? [] : [{ atS: s.atS, mode: run.profile.mode, value, ...(s.rampTms === undefined ? {} : { rampTms: s.rampTms }) }]
    }),
    startedAt: t0,
    ...(run.endedAt === null ? {} : { endedAt: run.endedAt / 1000 }),
    aborted: run.outcome === 'aborted',
    tolerance: run.tolerance,
    verdict,
    // Stored facts of the run (issue 11 item 3, issue 17 item 5); absent for runs recorded before they were kept.
    ...(run.tracking === null ? {} : { tracking: run.tracking }),
    ...(run.limitPolicy === null ? {} : { limitPolicy: run.limitPolicy }),
    series: {
      targetW: series((p) => p.target),
      envelopeW: series((p) => p.ramped),
      siteExportW: series((p) => p.measured),
      inverterW: series((p) => p.derW),
      // "Unlimited" (Infinity) is left out: a gap in the plotted setpoint.
      setpointW: series((p) => p.commandedW),
    },
  }
}
