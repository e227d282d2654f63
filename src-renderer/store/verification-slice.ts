import type { LimitPolicyRecord, ProfileChoice, RunPointView, RunView, UtilityEventRef } from '../../src-shared/contract/verification'
import type { ToleranceSettings } from '../../src-shared/controls/judge/judge'
import type { VerificationProfile } from '../../src-shared/verification/profiles'
import { call } from './call'
import type { Slice } from './types'

/** Points kept in the store for the live chart (the engine keeps every point). */
const LIVE_POINTS_MAX = 3000

export interface VerificationSlice {
  presets: VerificationProfile[]
  runs: RunView[]
  /** The run shown in the chart: the live one, or one reopened from the history. */
  shownRun: RunView | null
  shownPoints: RunPointView[]
  loadVerification(): Promise<void>
  /** The utility event that governs the profile's mode now (asked before a start, issue 17 item 5). */
  utilityEventFor(profile: ProfileChoice): Promise<UtilityEventRef | null>
  startRun(profile: ProfileChoice, tolerance: ToleranceSettings, utilityControl?: { choice: LimitPolicyRecord['choice']; confirmedMRID?: string }): Promise<void>
  abortRun(): Promise<void>
  openRun(runId: string): Promise<void>
  deleteRun(runId: string): Promise<void>
  receiveRunState(payload: { siteId: string; runId: string }): void
  receiveRunPoints(payload: { runId: string; points: RunPointView[] }): void
}

export const createVerificationSlice: Slice<VerificationSlice> = (set, get) => ({
  presets: [],
  runs: [],
  shownRun: null,
  shownPoints: [],
  async loadVerification() {
    const siteId = get().currentSiteId
    const presets = await call('verification.presets', {})
    if (presets.ok) set({ presets: presets.value })
    if (!siteId) return set({ runs: [] })
    const runs = await call('verification.runs', { siteId })
    if (runs.ok) set({ runs: runs.value })
    else get().showError(runs.error)
  },
  async utilityEventFor(profile) {
    const siteId = get().currentSiteId
    if (!siteId) return null
    const result = await call('verification.utilityEvent', { siteId, profile })
    if (!result.ok) {
      get().showError(result.error)
      return null
    }
    return result.value.event
  },
  async startRun(profile, tolerance, utilityControl) {
    const siteId = get().currentSiteId
    if (!siteId) return
    const result = await call('verification.start', { siteId, profile, tolerance, ...(utilityControl ? { utilityControl } : {}) })
    if (!result.ok) return get().showError(result.error)
    set({ shownRun: result.value, shownPoints: [] })
    await get().loadVerification()
  },
  async abortRun() {
    const siteId = get().currentSiteId
    if (!siteId) return
    const result = await call('verification.abort', { siteId })
    if (!result.ok) get().showError(result.error)
  },
  async openRun(runId) {
    const result = await call('verification.run', { runId, maxPoints: 2000 })
    if (!result.ok) return get().showError(result.error)
    set({ shownRun: result.value.run, shownPoints: result.value.points })
  },
  async deleteRun(runId) {
    const result = await call('verification.deleteRun', { runId })
    if (!result.ok) return get().showError(result.error)
    if (get().shownRun?.id === runId) set({ shownRun: null, shownPoints: [] })
    await get().loadVerification()
  },
  receiveRunState(payload) {
    if (payload.siteId !== get().currentSiteId) return
    void get().loadVerification()
    if (get().shownRun?.id === payload.runId) void get().openRun(payload.runId)
  },
  receiveRunPoints(payload) {
    if (get().shownRun?.id !== payload.runId) return
    set({ shownPoints: [...get().shownPoints, ...payload.points].slice(-LIVE_POINTS_MAX) })
  },
})
