/**
 * Each managed device's status as src-shared/der's aggregation wants it (handbook 10.3.1), from the device manager's
 * samples: a device that answers and delivers power is operating; one that answers at zero power is available; one
 * whose SunSpec state says OFF is off; one that does not answer is in fault. Batteries report their power and, when
 * they carry model 124, state of charge.
 */
import type { DerDeviceState } from '../../src-shared/der'
import type { DeviceSample } from '../devices/device-manager'

/**
 * Hysteresis on "operating" (issue 16 item 6): a device starts operating above OPERATING_ON_W and stops below
 * OPERATING_OFF_W; in between it keeps its last state, so noise on an idle inverter's W reading around 10 W does not
 * flip the reported status. Without a previous state, the middle counts as not operating.
 */
export const OPERATING_ON_W = 20
export const OPERATING_OFF_W = 5
const OFF_STATES = new Set(['OFF', 'SHUTTING_DOWN', 'STANDBY'])
const FAULT_STATES = new Set(['FAULT'])

export interface DerStateExtra {
  stateOfChargePercent?: number
  capacityWh?: number
  /** The device's operating state in the previous sample (hysteresis). */
  wasOperating?: boolean
}

export function derDeviceState(sample: DeviceSample, options: DerStateExtra = {}): DerDeviceState | undefined {
  const { wasOperating, ...extra } = options
  if (sample.role === 'site-meter') return undefined
  const role = sample.role === 'battery' ? 'storage' : 'generation'
  if (!sample.ok) return { role, operationalMode: 'unknown', connect: 'disconnected', fault: true }
  const state = sample.der?.state?.toUpperCase()
  const w = sample.der?.W ?? 0
  const storage = role === 'storage' ? { storage: { powerW: w, ...extra } } : {}
  if (state && FAULT_STATES.has(state)) return { role, operationalMode: 'operational', connect: 'connected', fault: true, ...storage }
  if (state && OFF_STATES.has(state)) return { role, operationalMode: 'off', connect: 'disconnected', ...storage }
  // A 70x inverter says whether it is on the grid (701 ConnSt): after a 703 ES disconnect it is not (ALL-12).
  if (sample.der?.connected === false) return { role, operationalMode: 'operational', connect: 'disconnected', ...storage }
  const operating = wasOperating === true ? Math.abs(w) >= OPERATING_OFF_W : Math.abs(w) > OPERATING_ON_W
  return { role, operationalMode: 'operational', connect: operating ? 'operating' : 'available', ...storage }
}

/** Each sample's device state without memory (a single reading; the tracker below adds the hysteresis). */
export function derDeviceStates(samples: readonly DeviceSample[]): DerDeviceState[] {
  return samples.flatMap((s) => {
    const state = derDeviceState(s)
    return state ? [state] : []
  })
}

/** Device states sample after sample, remembering each device's operating state for the hysteresis. */
export class DerStateTracker {
  private readonly operating = new Map<string, boolean>()

  update(samples: readonly DeviceSample[]): DerDeviceState[] {
    return samples.flatMap((s) => {
      const state = derDeviceState(s, { wasOperating: this.operating.get(s.deviceId) })
      if (!state) return []
      this.operating.set(s.deviceId, state.connect === 'operating')
      return [state]
    })
  }
}
