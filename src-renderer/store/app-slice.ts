import type { AppInfo } from '../../src-shared/api'
import type { WizardStep } from '../../src-shared/domain/wizard'
import type { AppErrorShape } from '../../src-shared/result'
import { openingPlace } from '../../src-shared/domain/last-place'
import { call } from './call'
import type { Slice } from './types'

export interface AppSlice {
  info: AppInfo | null
  step: WizardStep
  /** The last failure to show in the banner, in plain words. */
  banner: AppErrorShape | null
  loadInfo(): Promise<void>
  /** Opens the last site and step (or the only site): called once at start, after the sites are loaded. */
  restorePlace(): Promise<void>
  goTo(step: WizardStep): void
  showError(error: AppErrorShape | null): void
}

/** The engine remembers where the installer is; a failure to save it is not worth a banner. */
export function rememberPlace(siteId: string | null, step: WizardStep): void {
  if (siteId) void call('app.rememberPlace', { siteId, step })
}

export const createAppSlice: Slice<AppSlice> = (set, get) => ({
  info: null,
  step: 'site',
  banner: null,
  async loadInfo() {
    const result = await call('app.info', {})
    if (result.ok) set({ info: result.value })
    else set({ banner: result.error })
  },
  async restorePlace() {
    const result = await call('app.lastPlace', {})
    const place = openingPlace(get().sites.map((s) => s.id), result.ok ? result.value : null)
    // The installer may already have picked a site while this was loading: their choice stands.
    if (get().currentSiteId !== null || place.siteId === null) return
    set({ step: place.step })
    await get().selectSite(place.siteId)
    // After a restart or reload: live readings and the utility connection pick up where they were (issue 17 item 6).
    const resumed = await call('site.resume', { siteId: place.siteId })
    if (!resumed.ok) get().showError(resumed.error)
  },
  goTo: (step) => {
    set({ step, banner: null })
    rememberPlace(get().currentSiteId, step)
  },
  showError: (banner) => set({ banner }),
})
