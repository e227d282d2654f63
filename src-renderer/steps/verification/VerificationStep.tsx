import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/shallow'
import { DEFAULT_TOLERANCE, type ProfileChoice } from '../../../src-shared/contract/verification'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { CustomProfileEditor, parseStepValue, type CustomProfileForm } from './CustomProfileEditor'
import { RunChart } from './RunChart'
import { VerdictPanel } from './VerdictPanel'
import { NeedsSite } from '../../ui/NeedsSite'

const MEASURED_LABEL: Record<string, string> = {
  expLimW: 'Site export',
  impLimW: 'Site import',
  genLimW: 'DER generation',
  loadLimW: 'DER load',
  connect: 'DER power',
  energize: 'DER power',
}

const EMPTY_CUSTOM: CustomProfileForm = { name: 'Custom test', mode: 'expLimW', durationS: '600', rows: [{ atS: '30', value: '2000', rampTms: '' }, { atS: '300', value: 'default', rampTms: '' }] }

/** Step "Verification test" (APP-3): pick or build a profile, run it on the site, watch it live, get a verdict. */
export function VerificationStep() {
  const site = useStore(selectCurrentSite)
  const { presets, runs, shownRun, shownPoints } = useStore(useShallow((s) => ({ presets: s.presets, runs: s.runs, shownRun: s.shownRun, shownPoints: s.shownPoints })))
  const { loadVerification, startRun, abortRun, openRun, deleteRun } = useStore(
    useShallow((s) => ({ loadVerification: s.loadVerification, startRun: s.startRun, abortRun: s.abortRun, openRun: s.openRun, deleteRun: s.deleteRun })),
  )
  const [choice, setChoice] = useState('figure6')
  const [custom, setCustom] = useState<CustomProfileForm>(EMPTY_CUSTOM)
  const [toleranceW, setToleranceW] = useState(String(DEFAULT_TOLERANCE.toleranceW))
  const [graceS, setGraceS] = useState(String(DEFAULT_TOLERANCE.graceS))

  useEffect(() => {
    void loadVerification()
  }, [loadVerification, site?.id])

  if (!site) {
    return (
      <NeedsSite title="Verification test" reason="Choose or create a site first." />
    )
  }

  const running = runs.some((r) => r.outcome === 'running')
  const profile: ProfileChoice =
    choice === 'custom'
      ? { kind: 'custom', name: custom.name, mode: custom.mode, durationS: Number(custom.durationS), steps: custom.rows.map((r) => ({ atS: Number(r.atS), value: parseStepValue(r.value), ...(r.rampTms.trim() ? { rampTms: Number(r.rampTms) } : {}) })) }
      : { kind: 'preset', id: choice }
  const mode = choice === 'custom' ? custom.mode : (presets.find((p) => p.id === choice)?.mode ?? 'expLimW')

  return (
    <div className="stack">
      <div className="card">
        <h2>Verification test</h2>
        <p className="muted">
          The app applies the profile to this site through its controller (the utility’s other limits keep applying), records
          the site and inverter response, and judges it: above the ramped envelope beyond the tolerance is a violation, below
          is fine (handbook 11.3). Live readings from the Devices step are needed.
        </p>
        <fieldset>
          <legend>Profile</legend>
          {presets.map((p) => (
            <label key={p.id} className="radio">
              <input type="radio" name="profile" value={p.id} checked={choice === p.id} onChange={() => setChoice(p.id)} /> <strong>{p.name}</strong>{' '}
              <span className="muted">{p.description}</span>
            </label>
          ))}
          <label className="radio">
            <input type="radio" name="profile" value="custom" checked={choice === 'custom'} onChange={() => setChoice('custom')} /> <strong>Custom</strong>{' '}
            <span className="muted">your own table of steps</span>
          </label>
        </fieldset>
        {choice === 'custom' && <CustomProfileEditor form={custom} onChange={setCustom} />}
        <div className="actions">
          <label className="inline">
            Tolerance (W)
            <input inputMode="numeric" value={toleranceW} onChange={(e) => setToleranceW(e.target.value)} />
          </label>
          <label className="inline">
            Response allowance (s)
            <input inputMode="numeric" value={graceS} onChange={(e) => setGraceS(e.target.value)} />
          </label>
          <button type="button" className="primary" disabled={running} onClick={() => void startRun(profile, { toleranceW: Number(toleranceW), graceS: Number(graceS) })}>
            Start test
          </button>
          <button type="button" className="danger" disabled={!running} onClick={() => void abortRun()}>
            Abort
          </button>
        </div>
      </div>
      {shownRun && (
        <div className="card">
          <h3>
            {shownRun.profile.name} – {new Date(shownRun.startedAt).toLocaleString()}
          </h3>
          <VerdictPanel run={shownRun} />
          <RunChart points={shownPoints} measuredLabel={MEASURED_LABEL[shownRun.profile.mode] ?? 'Measured'} />
        </div>
      )}
      <div className="card">
        <h3>Runs for this site</h3>
        {runs.length === 0 ? (
          <p className="muted">No runs yet.</p>
        ) : (
          <ul className="runs">
            {runs.map((run) => (
              <li key={run.id} data-outcome={run.outcome}>
                <span className={`status status-${run.outcome === 'passed' ? 'done' : run.outcome === 'failed' ? 'failed' : 'in-progress'}`}>{run.outcome}</span>{' '}
                {run.profile.name} · {new Date(run.startedAt).toLocaleString()}{' '}
                <button type="button" className="small" onClick={() => void openRun(run.id)}>
                  Open
                </button>{' '}
                <button
                  type="button"
                  className="small danger"
                  disabled={run.outcome === 'running'}
                  onClick={() => {
                    if (window.confirm(`Delete the run “${run.profile.name}” and its recording?`)) void deleteRun(run.id)
                  }}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="muted">Judged quantity for this profile: {MEASURED_LABEL[mode]}.</p>
    </div>
  )
}
