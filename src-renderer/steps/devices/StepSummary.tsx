import { useStore } from '../../store'

/** APP-1: what is done and what is still missing, in the engine's words (a site meter and an inverter, read). */
export function StepSummary() {
  const step = useStore((s) => s.wizard?.steps.find((x) => x.step === 'devices'))
  const goTo = useStore((s) => s.goTo)
  if (!step || step.status === 'not-started') {
    return <p data-testid="devices-summary">Add the site meter and at least one inverter, then give each its role.</p>
  }
  if (step.status === 'done') {
    return (
      <div className="actions">
        <p className="ok-note" data-testid="devices-summary" role="status">
          {step.note ?? 'Site meter and inverter read.'}
        </p>
        <button type="button" onClick={() => goTo('server')}>
          Next: Utility server
        </button>
      </div>
    )
  }
  return (
    <p className={step.status === 'failed' ? 'field-error' : 'warn-note'} data-testid="devices-summary" role="status">
      {step.note ?? 'In progress.'}
    </p>
  )
}
