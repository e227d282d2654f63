import { STEP_LABELS, type WizardStep } from '../../../src-shared/domain/wizard'
import { useStore } from '../../store'

const PURPOSE: Record<WizardStep, string> = {
  site: '',
  certificates: '',
  devices: 'Connect to the site meter and inverters over Modbus TCP or RS-485, identify them and check the CT direction.',
  server: 'Connect to the utility server with the site certificate, find this site’s EndDevice and check the registration PIN.',
  limits: 'See every control mode’s effective limit, where it comes from, and the schedule for the next 24 hours.',
  verification: 'Apply a limit profile and record how the site follows it, with a pass/fail verdict.',
  telemetry: 'Watch live site and DER readings and the telemetry posted to the utility.',
  report: 'Export the commissioning report as PDF, JSON and CSV.',
}

/** Steps this version does not provide yet say so plainly and point back to what can be done now. */
export function PendingStep({ step }: { step: WizardStep }) {
  const goTo = useStore((s) => s.goTo)
  return (
    <div className="card">
      <h2>{STEP_LABELS[step]}</h2>
      <p>{PURPOSE[step]}</p>
      <p className="muted">This step is not available in this version of SEP2 Commissioner yet.</p>
      <button type="button" onClick={() => goTo('certificates')}>
        Back to Certificates &amp; identity
      </button>
    </div>
  )
}
