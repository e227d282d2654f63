import { STEP_LABELS, stepPosition } from '../../src-shared/domain/wizard'
import { useStore } from '../store'

/** Under every step: where the installer is in the flow, and Back / Next, so no step is a dead end (APP-1). */
export function StepNav() {
  const step = useStore((s) => s.step)
  const goTo = useStore((s) => s.goTo)
  const { number, total, previous, next } = stepPosition(step)
  return (
    <nav className="step-nav" aria-label="Step navigation" data-testid="step-nav">
      {previous ? (
        <button type="button" onClick={() => goTo(previous)} data-testid="step-back">
          ← {STEP_LABELS[previous]}
        </button>
      ) : (
        <span />
      )}
      <span className="muted" data-testid="step-position">
        Step {number} of {total}
      </span>
      {next ? (
        <button type="button" className="primary" onClick={() => goTo(next)} data-testid="step-next">
          Next: {STEP_LABELS[next]} →
        </button>
      ) : (
        <span />
      )}
    </nav>
  )
}
