import type { LimitPolicyRecord, RunView, UtilityEventRef } from '../../../src-shared/contract/verification'
import { clock } from './RunProgress'

/** The utility event in words: its description, mRID and value. */
export function eventWords(event: UtilityEventRef): string {
  const value = typeof event.value === 'number' ? `${Math.round(event.value)} W` : event.value === null ? 'no value' : event.value ? 'on' : 'off'
  return `${event.description ? `“${event.description}” ` : ''}(mRID ${event.mRID}, ${value})`
}

function policyWords(policy: LimitPolicyRecord | null): string | null {
  if (!policy?.utilityEvent) return null
  return policy.choice === 'override'
    ? `You chose to override the utility’s event ${eventWords(policy.utilityEvent)} for this run.`
    : `The stricter of the profile and the utility’s event ${eventWords(policy.utilityEvent)} applied.`
}

/**
 * Issue 11 item 3: how well the site followed the limit – advisory only; the envelope verdict alone is PASS/FAIL.
 * Issue 17 item 5: an unreached target and the utility-control choice are said in words.
 */
export function AdvisoryFigures({ run }: { run: RunView }) {
  const policy = policyWords(run.limitPolicy)
  const t = run.tracking
  return (
    <div className="advisory" data-testid="advisory-metrics">
      <h4>Tracking (advisory – not part of the verdict)</h4>
      {policy && <p data-testid="limit-policy">{policy}</p>}
      {!t ? (
        <p className="muted">{run.outcome === 'running' ? 'The figures are worked out when the run ends.' : 'Not recorded for this run.'}</p>
      ) : (
        <ul>
          <li data-testid="advisory-oscillation">
            Oscillation: {t.oscillation.reversals} setpoint reversal{t.oscillation.reversals === 1 ? '' : 's'} ({t.oscillation.perMinute.toFixed(1)} per minute)
          </li>
          {t.curtailment && (
            <li data-testid="advisory-curtailed">
              Curtailed beyond need: {t.curtailment.curtailedWh.toFixed(1)} Wh ({t.curtailment.curtailedPct.toFixed(1)} % of the possible generation) over{' '}
              {Math.round(t.curtailment.curtailedS)} s
            </li>
          )}
          {t.raises.map((r) => (
            <li key={r.atS} data-testid="advisory-raise">
              Raise at {clock(r.atS)} to {r.toW === null ? 'no limit' : `${Math.round(r.toW)} W`}: {r.text}
            </li>
          ))}
          {t.notes.map((note) => (
            <li key={note} className="warn" data-testid="advisory-note">
              {note}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
