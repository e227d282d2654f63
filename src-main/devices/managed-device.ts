import { derLiveValues, sunspecMeterReading, type DerLive } from '../../src-shared/devices/der-values'
import type { MeterProfile, MeterReading } from '../../src-shared/devices/meter-profile'
import { readModelAt } from '../modbus/sunspec/discover'
import type { ModbusTransport } from '../modbus/transport'
import { meterProfile } from './meter-profiles'
import { readProfileMeter, type ScannedDevice } from './scan'

/** A device the sampler polls: where it is, what role it plays, and which registers hold its measurements. */
/** The role the installer gives the device (matches the API contract's roles that are sampled). */
export type ManagedRole = 'site-meter' | 'inverter' | 'battery'

export type MeasurementSource =
  | { kind: 'sunspec'; models: { id: number; address: number; length: number }[] }
  | { kind: 'profile'; profile: MeterProfile }

export interface ManagedDevice {
  id: string
  role: ManagedRole
  transport: ModbusTransport
  unitId: number
  source: MeasurementSource
}

/** SunSpec models that carry live measurements (the rest are read once at scan time). */
const MEASUREMENT_MODELS = [101, 102, 103, 111, 112, 113, 124, 201, 202, 203, 204, 211, 212, 213, 214, 701]

export interface ManagedDeviceOptions {
  id?: string
  /** Override the role detected from the device's models. */
  role?: ManagedRole
}

export function managedDeviceFromScan(scan: ScannedDevice, transport: ModbusTransport, options: ManagedDeviceOptions = {}): ManagedDevice {
  const id = options.id
  if (scan.kind === 'profile-meter') {
    const profile = meterProfile(scan.profile.id)
    if (!profile) throw new Error(`meter profile ${scan.profile.id} is not bundled`)
    return { id: id ?? `meter-${scan.unitId}`, role: options.role ?? 'site-meter', transport, unitId: scan.unitId, source: { kind: 'profile', profile } }
  }
  const role: ManagedRole = options.role ?? (scan.role === 'meter' ? 'site-meter' : scan.role === 'storage' ? 'battery' : 'inverter')
  const models = scan.models.filter((m) => MEASUREMENT_MODELS.includes(m.id)).map((m) => ({ id: m.id, address: m.address, length: m.length }))
  return { id: id ?? `${role}-${scan.unitId}`, role, transport, unitId: scan.unitId, source: { kind: 'sunspec', models } }
}

export interface DeviceValues {
  der: DerLive | undefined
  meter: MeterReading | undefined
}

/** One round of reads for one device. */
export async function readDeviceValues(d: ManagedDevice): Promise<DeviceValues> {
  if (d.source.kind === 'profile') {
    return { der: undefined, meter: await readProfileMeter(d.transport, { unitId: d.unitId, profile: d.source.profile }) }
  }
  const models = []
  for (const m of d.source.models) {
    const decoded = await readModelAt(d.transport, { unitId: d.unitId, address: m.address, length: m.length })
    if (decoded) models.push(decoded)
  }
  return { der: derLiveValues(models), meter: sunspecMeterReading(models) }
}
