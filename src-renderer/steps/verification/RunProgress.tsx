import type { RunPointView, RunView } from '../../../src-shared/contract/verification'
import type { ProfileStep } from '../../../src-shared/verification/profiles'

/** 5:50 for 350 s. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

function stepWords(step: ProfileStep): string {
  if (step.value === null) return 'back to the default control'
  if (typeof step.value === 'boolean') return step.value ? 'on' : 'off'
  return `${step.value} W`
}

/** The profile's step in force at `elapsedS`, in words. */
export function currentStepText(steps: readonly ProfileStep[], elapsedS: number): string {
  const index = steps.findLastIndex((s) => s.atS <= elapsedS)
  const next = steps[index + 1]
  const upcoming = next ? ` – next at ${clock(next.atS)}: ${stepWords(next)}` : ''
  if (index < 0) return `Before the first step${upcoming}`
  const step = steps[index] as ProfileStep
  return `Step ${index + 1} of ${steps.length}: ${stepWords(step)} from ${clock(step.atS)}${upcoming}`
}

/**
 * Issue 17 item 4: a running test shows how far it is – elapsed / total time, a progress bar and the profile's step in
 * force. Elapsed time is the engine's (the last recorded point), so a slow renderer clock cannot mislead it.
 */
export function RunProgress({ run, points }: { run: RunView; points: readonly RunPointView[] }) {
  if (run.outcome !== 'running') return null
  const total = run.profile.durationS
  const elapsed = Math.min(total, points.at(-1)?.t ?? 0)
  return (
    <div className="run-progress" role="status" data-testid="run-progress">
      <progress max={total} value={elapsed} aria-label="Test run progress" />
      <p>
        <strong data-testid="run-elapsed">
          {clock(elapsed)} of {clock(total)}
        </strong>{' '}
        ({clock(total - elapsed)} to go) · <span data-testid="run-current-step">{currentStepText(run.profile.steps, elapsed)}</span>
      </p>
    </div>
  )
}
