import { STEP_LABELS, WIZARD_STEPS } from '../../src-shared/domain/wizard'
import { useStore } from '../store'
import { STEP_STATUS_TEXT, stepStatusOf } from '../store/step-status'

/** APP-1: every step of the flow with its status; any step can be opened. */
export function StepList() {
  const wizard = useStore((s) => s.wizard)
  const current = useStore((s) => s.step)
  const goTo = useStore((s) => s.goTo)
  return (
    <nav aria-label="Commissioning steps">
      <ol className="steps">
        {WIZARD_STEPS.map((step, index) => {
          const status = stepStatusOf(wizard, step)
          return (
            <li key={step}>
              <button
                type="button"
                className={`step ${step === current ? 'step-current' : ''}`}
                aria-current={step === current ? 'step' : undefined}
                data-step={step}
                data-status={status}
                onClick={() => goTo(step)}
              >
                <span className="step-number">{index + 1}</span>
                <span className="step-label">{STEP_LABELS[step]}</span>
                <span className={`status status-${status}`}>{STEP_STATUS_TEXT[status]}</span>
              </button>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
