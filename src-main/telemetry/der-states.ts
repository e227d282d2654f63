/**
 * Each managed device's status as src-shared/der's aggregation wants it (handbook 10.3.1), from the device manager's
 * samples: a device that answers and delivers power is operating; one that answers at zero power is available; one
 * whose SunSpec state says OFF is off; one that does not answer is in fault. Batteries report their power and, when
 * they carry model 124, state of charge.
 */
import type { DerDeviceState } from '../../src-shared/der'
import type { DeviceSample } from '../devices/device-manager'

/** Power at or below this is "not operating" (noise on an idle inverter's W reading). */
const OPERATING_MIN_W = 10
const OFF_STATES = new Set(['OFF', 'SHUTTING_DOWN', 'STANDBY'])
const FAULT_STATES = new Set(['FAULT'])

export function derDeviceState(sample: DeviceSample, extra: { stateOfChargePercent?: number; capacityWh?: number } = {}): DerDeviceState | undefined {
  if (sample.role === 'site-meter') return undefined
  const role = sample.role === 'battery' ? 'storage' : 'generation'
  if (!sample.ok) return { role, operationalMode: 'unknown', connect: 'disconnected', fault: true }
  const state = sample.der?.state?.toUpperCase()
  const w = sample.der?.W ?? 0
  const storage = role === 'storage' ? { storage: { powerW: w, ...extra } } : {}
  if (state && FAULT_STATES.has(state)) return { role, operationalMode: 'operational', connect: 'connected', fault: true, ...storage }
  if (state && OFF_STATES.has(state)) return { role, operationalMode: 'off', connect: 'disconnected', ...storage }
  const operating = Math.abs(w) > OPERATING_MIN_W
  return { role, operationalMode: 'operational', connect: operating ? 'operating' : 'available', ...storage }
}

export function derDeviceStates(samples: readonly DeviceSample[]): DerDeviceState[] {
  return samples.flatMap((s) => {
    const state = derDeviceState(s)
    return state ? [state] : []
  })
}
