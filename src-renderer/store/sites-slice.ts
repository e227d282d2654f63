import type { Site, SiteInput } from '../../src-shared/domain/site'
import type { AppErrorShape } from '../../src-shared/result'
import { rememberPlace } from './app-slice'
import { call } from './call'
import type { Slice } from './types'

export interface SitesSlice {
  sites: Site[]
  currentSiteId: string | null
  loadSites(): Promise<void>
  selectSite(id: string | null): Promise<void>
  /** Saves and selects the site; returns the error to show at the form, or null. */
  saveSite(input: SiteInput): Promise<AppErrorShape | null>
  deleteSite(id: string): Promise<void>
}

export const createSitesSlice: Slice<SitesSlice> = (set, get) => ({
  sites: [],
  currentSiteId: null,
  async loadSites() {
    const result = await call('sites.list', {})
    if (result.ok) set({ sites: result.value })
    else get().showError(result.error)
  },
  async selectSite(id) {
    set({ currentSiteId: id })
    rememberPlace(id, get().step)
    await Promise.all([get().loadWizard(), get().loadCertificate()])
  },
  async saveSite(input) {
    const result = await call('sites.save', input)
    if (!result.ok) return result.error
    await get().loadSites()
    await get().selectSite(result.value.id)
    return null
  },
  async deleteSite(id) {
    const result = await call('sites.delete', { id })
    if (!result.ok) return get().showError(result.error)
    if (get().currentSiteId === id) await get().selectSite(null)
    await get().loadSites()
  },
})

export const selectCurrentSite = (s: SitesSlice): Site | null => s.sites.find((site) => site.id === s.currentSiteId) ?? null
