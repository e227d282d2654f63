import type { RunView } from '../../../src-shared/contract/verification'
import { AdvisoryFigures } from './AdvisoryFigures'

const OUTCOME_TEXT: Record<RunView['outcome'], string> = {
  running: 'Running…',
  passed: 'PASS – the site stayed under the ramped envelope',
  failed: 'FAIL – the site went above the ramped envelope',
  aborted: 'ABORTED – stopped before the profile ended: no verdict',
}

/** CTL-5 verdict: pass/fail with the worst violation's size, time and duration. */
export function VerdictPanel({ run }: { run: RunView }) {
  const worst = run.verdict?.worstViolation
  return (
    <div className={`verdict verdict-${run.outcome}`} data-testid="run-verdict" data-outcome={run.outcome}>
      <strong>{OUTCOME_TEXT[run.outcome]}</strong>
      {worst && (
        <p data-testid="worst-violation">
          Worst violation: {worst.worstExcessW.toFixed(0)} W above the envelope at {worst.at.toFixed(1)} s; above the
          allowance from {worst.start.toFixed(1)} s for {worst.durationS.toFixed(1)} s ({run.verdict?.violations.length} violation
          {run.verdict?.violations.length === 1 ? '' : 's'}).
        </p>
      )}
      {run.verdict && !worst && <p>{run.verdict.samplesJudged} measurements judged, none above the allowance.</p>}
      {run.note && <p className="muted">{run.note}</p>}
      <p className="muted">
        Tolerance {run.tolerance.toleranceW} W{run.tolerance.tolerancePct ? ` or ${run.tolerance.tolerancePct} %` : ''}, response
        allowance {run.tolerance.graceS} s.
      </p>
      <AdvisoryFigures run={run} />
    </div>
  )
}
