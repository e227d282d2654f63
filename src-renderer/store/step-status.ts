import type { StepStatus, WizardState, WizardStep } from '../../src-shared/domain/wizard'

/** APP-1: a step's status in words, as the step list shows it. */
export const STEP_STATUS_TEXT: Record<StepStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  failed: 'Failed',
}

/** A step's status from the engine's wizard state; a step it has no record of (or no state yet) is not started. */
export function stepStatusOf(wizard: WizardState | null, step: WizardStep): StepStatus {
  return wizard?.steps.find((s) => s.step === step)?.status ?? 'not-started'
}
