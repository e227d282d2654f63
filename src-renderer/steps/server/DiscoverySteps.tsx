import type { LiveStep } from '../../store/server-slice'

const MARK = { ok: '✓', warning: '!', failed: '✗' } as const

/** Each discovery step as it happens: a tick or a cross, its time, and on failure what it means and what to do. */
export function DiscoverySteps(props: { steps: LiveStep[]; busy: boolean }) {
  if (props.steps.length === 0 && !props.busy) return null
  return (
    <ol className="discovery-steps" aria-label="Discovery steps" data-testid="discovery-steps">
      {props.steps.map((step, i) => (
        <li key={`${i}-${step.name}`} className={`discovery-step discovery-${step.status}`} data-status={step.status}>
          <span className="check-icon" aria-label={step.status}>
            {MARK[step.status]}
          </span>
          <span className="discovery-name">{step.name}</span>
          <span className="muted discovery-time">{step.durationMs} ms</span>
          <span className="discovery-detail">{step.error && step.status === 'failed' ? '' : step.detail}</span>
          {step.error && (
            <div className="discovery-error" role={step.status === 'failed' ? 'alert' : undefined}>
              <p>
                <strong>What it means:</strong> {step.error.meaning}
              </p>
              <p>
                <strong>What to do:</strong> {step.error.whatToDo}
              </p>
              <p className="muted">
                {step.error.code} · {step.url}
              </p>
            </div>
          )}
        </li>
      ))}
      {props.busy && (
        <li className="discovery-step" role="status">
          <span className="check-icon">…</span>
          <span className="discovery-name">Working…</span>
        </li>
      )}
    </ol>
  )
}
