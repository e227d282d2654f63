import { z } from 'zod'

/** APP-1: the guided flow, in order. */
export const WIZARD_STEPS = ['site', 'certificates', 'devices', 'server', 'limits', 'verification', 'telemetry', 'report'] as const
export const wizardStepSchema = z.enum(WIZARD_STEPS)
export type WizardStep = z.infer<typeof wizardStepSchema>

export const stepStatusSchema = z.enum(['not-started', 'in-progress', 'done', 'failed'])
export type StepStatus = z.infer<typeof stepStatusSchema>

export const STEP_LABELS: Record<WizardStep, string> = {
  site: 'Site & NMI',
  certificates: 'Certificates & identity',
  devices: 'Devices',
  server: 'Utility server',
  limits: 'Limits',
  verification: 'Verification test',
  telemetry: 'Telemetry',
  report: 'Report',
}

export const stepStateSchema = z.object({
  step: wizardStepSchema,
  status: stepStatusSchema,
  /** Plain words: what failed and why, or what was done. */
  note: z.string().optional(),
  updatedAt: z.number().optional(),
})
export type StepState = z.infer<typeof stepStateSchema>

export const wizardStateSchema = z.object({ siteId: z.string(), steps: z.array(stepStateSchema) })
export type WizardState = z.infer<typeof wizardStateSchema>

/** Every step, in order, with `not-started` where nothing is recorded. */
export function completeWizard(siteId: string, recorded: StepState[]): WizardState {
  const byStep = new Map(recorded.map((s) => [s.step, s]))
  return { siteId, steps: WIZARD_STEPS.map((step) => byStep.get(step) ?? { step, status: 'not-started' }) }
}

/** "Step x of 8" and the steps before and after, for the Back / Next buttons under every step. */
export function stepPosition(step: WizardStep): { number: number; total: number; previous?: WizardStep; next?: WizardStep } {
  const index = WIZARD_STEPS.indexOf(step)
  const previous = WIZARD_STEPS[index - 1]
  const next = WIZARD_STEPS[index + 1]
  return { number: index + 1, total: WIZARD_STEPS.length, ...(previous ? { previous } : {}), ...(next ? { next } : {}) }
}
