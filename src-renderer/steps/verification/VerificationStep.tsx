import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/shallow'
import { DEFAULT_TOLERANCE, type ProfileChoice, type UtilityEventRef } from '../../../src-shared/contract/verification'
import { qldDateTime } from '../../../src-shared/time/qld-time'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { CustomProfileEditor, parseStepValue, type CustomProfileForm } from './CustomProfileEditor'
import { eventWords } from './AdvisoryFigures'
import { ConfirmPanel } from './ConfirmPanel'
import { RunChart } from './RunChart'
import { RunProgress } from './RunProgress'
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
  const { loadVerification, startRun, abortRun, openRun, deleteRun, utilityEventFor } = useStore(
    useShallow((s) => ({ loadVerification: s.loadVerification, startRun: s.startRun, abortRun: s.abortRun, openRun: s.openRun, deleteRun: s.deleteRun, utilityEventFor: s.utilityEventFor })),
  )
  /** Issue 17 item 5: the utility event found before a start, and whether the installer is confirming an override. */
  const [pendingEvent, setPendingEvent] = useState<{ event: UtilityEventRef; confirmingOverride: boolean } | null>(null)
  const [confirmAbort, setConfirmAbort] = useState(false)
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
  const tolerance = { toleranceW: Number(toleranceW), graceS: Number(graceS) }
  /** A live utility event for the mode is never overridden silently: ask first (issue 17 item 5). */
  const requestStart = async () => {
    const event = await utilityEventFor(profile)
    if (event) return setPendingEvent({ event, confirmingOverride: false })
    await startRun(profile, tolerance)
  }
  const startWith = (choiceOfInstaller: 'stricter' | 'override') => {
    const event = pendingEvent?.event
    setPendingEvent(null)
    void startRun(profile, tolerance, choiceOfInstaller === 'override' && event ? { choice: 'override', confirmedMRID: event.mRID } : { choice: 'stricter' })
  }

  return (
    <div className="stack">
      <div className="card">
        <h2>Verification test</h2>
        <p className="muted">
          The app applies the profile to this site through its controller (the utility’s other limits keep applying, and a
          utility event for the tested limit caps it unless you choose to override it), records
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
          <button type="button" className="primary" disabled={running || pendingEvent !== null} onClick={() => void requestStart()}>
            Start test
          </button>
          <button type="button" className="danger" disabled={!running || confirmAbort} onClick={() => setConfirmAbort(true)}>
            Abort
          </button>
        </div>
      </div>
      {pendingEvent && !pendingEvent.confirmingOverride && (
        <ConfirmPanel
          testId="utility-event-choice"
          title="The utility controls this limit now"
          confirm="Apply the stricter of the two (recommended)"
          cancel="Override the utility’s event…"
          onConfirm={() => startWith('stricter')}
          onCancel={() => setPendingEvent({ ...pendingEvent, confirmingOverride: true })}
        >
          <p>
            The utility’s event {eventWords(pendingEvent.event)} sets the limit this test drives. By default the site follows
            whichever of the test profile and the utility’s event is stricter.
          </p>
        </ConfirmPanel>
      )}
      {pendingEvent?.confirmingOverride && (
        <ConfirmPanel
          testId="utility-event-override"
          title="Override the utility’s event?"
          confirm={`Override event ${pendingEvent.event.mRID} for this test`}
          cancel="Cancel"
          danger
          onConfirm={() => startWith('override')}
          onCancel={() => setPendingEvent(null)}
        >
          <p>
            For the whole run the site follows the test profile instead of the utility’s event {eventWords(pendingEvent.event)}. The
            report records that you chose this.
          </p>
        </ConfirmPanel>
      )}
      {confirmAbort && running && (
        <ConfirmPanel
          testId="abort-confirm"
          title="Abort the test run?"
          confirm="Abort the run"
          cancel="Keep running"
          danger
          onConfirm={() => {
            setConfirmAbort(false)
            void abortRun()
          }}
          onCancel={() => setConfirmAbort(false)}
        >
          <p>The utility’s limits apply again at once. What was recorded so far is kept, but the run gets no verdict (ABORTED).</p>
        </ConfirmPanel>
      )}
      {shownRun && (
        <div className="card">
          <h3>
            {shownRun.profile.name} – {qldDateTime(shownRun.startedAt)}
          </h3>
          <RunProgress run={shownRun} points={shownPoints} />
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
                {run.profile.name} · {qldDateTime(run.startedAt)}{' '}
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
