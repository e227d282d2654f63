import type { TelemetryPoint, TelemetryStatus } from '../../src-shared/contract/telemetry'
import { call } from './call'
import type { Slice } from './types'

/** Points kept for the live charts (10 minutes at ~2 per second); the engine keeps every sample. */
const LIVE_POINTS_MAX = 1200
/** History loaded when the step opens (downsampled by the engine). */
const HISTORY_POINTS = 600

export interface TelemetrySlice {
  telemetryStatus: TelemetryStatus | null
  telemetryPoints: TelemetryPoint[]
  /** The site the points and status belong to. */
  telemetrySiteId: string | null
  /** Start the closed loop and reporting for the current site (if its devices are sampled) and load the chart history. */
  loadTelemetry(): Promise<void>
  receiveTelemetryPoints(payload: { siteId: string; points: TelemetryPoint[] }): void
  receiveTelemetryChanged(payload: { siteId: string; status: TelemetryStatus }): void
}

export const createTelemetrySlice: Slice<TelemetrySlice> = (set, get) => ({
  telemetryStatus: null,
  telemetryPoints: [],
  telemetrySiteId: null,
  async loadTelemetry() {
    const siteId = get().currentSiteId
    if (siteId !== get().telemetrySiteId) set({ telemetryStatus: null, telemetryPoints: [], telemetrySiteId: siteId })
    if (!siteId) return
    const status = await call('telemetry.start', { siteId })
    if (!status.ok) return get().showError(status.error)
    set({ telemetryStatus: status.value })
    const history = await call('telemetry.history', { siteId, maxPoints: HISTORY_POINTS })
    if (!history.ok) return get().showError(history.error)
    // Live points that arrived while the history loaded come after it.
    const last = history.value.at(-1)?.t ?? Number.NEGATIVE_INFINITY
    set({ telemetryPoints: [...history.value, ...get().telemetryPoints.filter((p) => p.t > last)].slice(-LIVE_POINTS_MAX) })
  },
  receiveTelemetryPoints(payload) {
    if (payload.siteId !== get().currentSiteId || payload.siteId !== get().telemetrySiteId) return
    set({ telemetryPoints: [...get().telemetryPoints, ...payload.points].slice(-LIVE_POINTS_MAX) })
  },
  receiveTelemetryChanged(payload) {
    if (payload.siteId !== get().currentSiteId || payload.siteId !== get().telemetrySiteId) return
    set({ telemetryStatus: payload.status })
  },
})
