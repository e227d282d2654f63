/**
 * What the site controller service needs from the rest of the engine, as small interfaces so it can run against
 * fakes, the device simulator, or the real controls engine and device manager (DESIGN.md layer 4).
 */
import type { EnvelopeInput } from '../../src-shared/site-control'
import type { ControlResult, ControlTarget, PowerLimitRequest, StorageRateRequest } from '../devices/control'
import type { DeviceSample, SiteSample } from '../devices/device-manager'

/** The effective limits at `nowMs`, already ramped (handbook 11.3) – the controls engine's output. */
export interface EffectiveLimitsSource {
  at(nowMs: number): EnvelopeInput
}

/** A fixed envelope (tests, a site without a server yet). */
export function constantLimits(envelope: EnvelopeInput): EffectiveLimitsSource {
  return { at: () => envelope }
}

/**
 * The device manager's sample stream (its `on` returns an unsubscribe function), and optionally each device's reading
 * as soon as it is read (before the round's other devices), so its freshness is seen at once (SITE-2).
 */
export interface SiteSampleSource {
  on(name: 'sample', fn: (sample: SiteSample) => void): () => void
  onReading?(fn: (reading: DeviceSample) => void): () => void
}

/** The device layer's control writes (src-main/devices/control.ts), each confirmed by read-back. */
export interface DeviceControls {
  setActivePowerLimit(target: ControlTarget, req: PowerLimitRequest): Promise<ControlResult>
  setConnected(target: ControlTarget, connected: boolean, revertSeconds?: number): Promise<ControlResult>
  setStorageRates(target: ControlTarget, req: StorageRateRequest): Promise<ControlResult>
}

/** A managed inverter: its id in the device manager's samples, its rating, and where to write (none = not limitable). */
export interface ControlledInverter {
  id: string
  ratedW: number
  target: ControlTarget | undefined
}

export interface ControlledBattery {
  id: string
  ratedChargeW: number
  target: ControlTarget
}
