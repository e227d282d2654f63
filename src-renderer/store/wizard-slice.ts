import type { StepStatus, WizardState, WizardStep } from '../../src-shared/domain/wizard'
import { stepStatusOf } from './step-status'
import { call } from './call'
import type { Slice } from './types'

export interface WizardSlice {
  wizard: WizardState | null
  loadWizard(): Promise<void>
  setStepStatus(step: WizardStep, status: StepStatus, note?: string): Promise<void>
  /** Pushed by the engine (`wizard.changed`). */
  receiveWizard(state: WizardState): void
}

export const createWizardSlice: Slice<WizardSlice> = (set, get) => ({
  wizard: null,
  async loadWizard() {
    const siteId = get().currentSiteId
    if (!siteId) return set({ wizard: null })
    const result = await call('wizard.get', { siteId })
    if (result.ok) set({ wizard: result.value })
    else get().showError(result.error)
  },
  async setStepStatus(step, status, note) {
    const siteId = get().currentSiteId
    if (!siteId) return
    const result = await call('wizard.setStatus', { siteId, step, status, ...(note ? { note } : {}) })
    if (result.ok) set({ wizard: result.value })
    else get().showError(result.error)
  },
  receiveWizard(state) {
    if (state.siteId === get().currentSiteId) set({ wizard: state })
  },
})

export const selectStepStatus = (step: WizardStep) => (s: WizardSlice): StepStatus => stepStatusOf(s.wizard, step)
