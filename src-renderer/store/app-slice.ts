import type { AppInfo } from '../../src-shared/api'
import type { WizardStep } from '../../src-shared/domain/wizard'
import type { AppErrorShape } from '../../src-shared/result'
import { call } from './call'
import type { Slice } from './types'

export interface AppSlice {
  info: AppInfo | null
  step: WizardStep
  /** The last failure to show in the banner, in plain words. */
  banner: AppErrorShape | null
  loadInfo(): Promise<void>
  goTo(step: WizardStep): void
  showError(error: AppErrorShape | null): void
}

export const createAppSlice: Slice<AppSlice> = (set) => ({
  info: null,
  step: 'site',
  banner: null,
  async loadInfo() {
    const result = await call('app.info', {})
    if (result.ok) set({ info: result.value })
    else set({ banner: result.error })
  },
  goTo: (step) => set({ step, banner: null }),
  showError: (banner) => set({ banner }),
})
