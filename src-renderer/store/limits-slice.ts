import type { EventPayload } from '../../src-shared/api'
import type { LimitsView, OverlapRuleSetting } from '../../src-shared/contract/limits'
import { call } from './call'
import type { Slice } from './types'

export interface LimitsSlice {
  limitsView: LimitsView | null
  /** performance.now() when the view arrived: the countdown runs from the engine's `now` plus the time since. */
  limitsReceivedAt: number
  /** The overlap rule the installer just picked, shown at once until the engine confirms (or refuses) it. */
  overlapPending: OverlapRuleSetting | null
  loadLimits(): Promise<void>
  setOverlap(overlap: OverlapRuleSetting): Promise<void>
  /** Pushed by the engine when a mode's value, its source or the next change moves (CTL-3). */
  receiveLimitsChanged(payload: EventPayload<'limits.changed'>): void
}

export const createLimitsSlice: Slice<LimitsSlice> = (set, get) => ({
  limitsView: null,
  limitsReceivedAt: 0,
  overlapPending: null,
  async loadLimits() {
    const siteId = get().currentSiteId
    if (!siteId) return set({ limitsView: null })
    const result = await call('limits.get', { siteId })
    if (!result.ok) return get().showError(result.error)
    // A slow answer for a site the installer has since left is dropped.
    if (get().currentSiteId === siteId) set({ limitsView: result.value, limitsReceivedAt: performance.now() })
  },
  async setOverlap(overlap) {
    const siteId = get().currentSiteId
    if (!siteId) return
    // The choice shows at once; the engine's answer then confirms it, or a refusal puts the stored rule back.
    set({ overlapPending: overlap })
    const result = await call('limits.setOverlap', { siteId, overlap })
    if (get().overlapPending === overlap) set({ overlapPending: null })
    if (!result.ok) return get().showError(result.error)
    if (get().currentSiteId === siteId) set({ limitsView: result.value, limitsReceivedAt: performance.now() })
  },
  receiveLimitsChanged(payload) {
    if (payload.siteId === get().currentSiteId && get().step === 'limits') void get().loadLimits()
  },
})
