import { controlSupport, derLiveValues, sunspecMeterReading, sunspecRole, type ControlSupport, type DerLive, type DeviceRole } from '../../src-shared/devices/der-values'
import { decodeProfileReading, planProfileReads, type MeterProfile, type MeterReading } from '../../src-shared/devices/meter-profile'
import { numberAt, stringAt } from '../../src-shared/devices/sunspec-model-decode'
import type { DecodedModel } from '../../src-shared/devices/sunspec-model-types'
import { readRange } from '../modbus/read-range'
import { findSunSpecBase, readSunSpecDevice, SunSpecNotFoundError, type SkippedModel } from '../modbus/sunspec/discover'
import type { ModbusTransport } from '../modbus/transport'
import { meterProfile } from './meter-profiles'

/** What a scan of one unit id found (DEV-2, DEV-3): identity, ratings, live values and how it can be controlled. */
export interface DeviceIdentity {
  manufacturer: string | undefined
  model: string | undefined
  serial: string | undefined
  version: string | undefined
  options: string | undefined
}

export interface DeviceRatings {
  /** Continuous active power rating, W (model 120 WRtg or 702 WMaxRtg). */
  WRtg: number | undefined
  VARtg: number | undefined
  /** Storage charge/discharge rating, W (model 124 WChaMax). */
  WChaMax: number | undefined
}

export type ScannedDevice =
  | {
      kind: 'sunspec'
      unitId: number
      base: number
      role: DeviceRole
      identity: DeviceIdentity
      ratings: DeviceRatings
      models: DecodedModel[]
      skipped: SkippedModel[]
      der: DerLive | undefined
      meter: MeterReading | undefined
      control: ControlSupport
    }
  | { kind: 'profile-meter'; unitId: number; profile: { id: string; name: string }; meter: MeterReading }

export interface ScanOptions {
  unitId: number
  /** Meter profile to try when the unit has no SunSpec map (e.g. `eastron-sdm630`). */
  meterProfile?: string
  /** Progress in words, e.g. `Looking for SunSpec at 40000, 0, 50000` or `Reading model 103 at 40070`. */
  onProgress?: (detail: string) => void
}

function identityOf(models: DecodedModel[]): DeviceIdentity {
  const c = models.find((m) => m.id === 1)
  return { manufacturer: stringAt(c, 'Mn'), model: stringAt(c, 'Md'), serial: stringAt(c, 'SN'), version: stringAt(c, 'Vr'), options: stringAt(c, 'Opt') }
}

function ratingsOf(models: DecodedModel[]): DeviceRatings {
  const byId = (id: number) => models.find((m) => m.id === id)
  return {
    WRtg: numberAt(byId(120), 'WRtg') ?? numberAt(byId(702), 'WMaxRtg'),
    VARtg: numberAt(byId(120), 'VARtg') ?? numberAt(byId(702), 'VAMaxRtg'),
    WChaMax: numberAt(byId(124), 'WChaMax'),
  }
}

/** Read a non-SunSpec meter through its profile. */
export async function readProfileMeter(t: ModbusTransport, opts: { unitId: number; profile: MeterProfile }): Promise<MeterReading> {
  const blocks = []
  for (const block of planProfileReads(opts.profile)) {
    const data = await readRange(t, { unitId: opts.unitId, kind: block.function, address: block.address, count: block.count })
    blocks.push({ block, data })
  }
  return decodeProfileReading(opts.profile, blocks)
}

export async function scanDevice(t: ModbusTransport, opts: ScanOptions): Promise<ScannedDevice> {
  opts.onProgress?.(`Looking for a SunSpec map on unit ${opts.unitId} at 40000, 0 and 50000`)
  const base = await findSunSpecBase(t, opts.unitId)
  if (base === undefined) {
    const profile = opts.meterProfile ? meterProfile(opts.meterProfile) : undefined
    if (!profile) throw new SunSpecNotFoundError(opts.unitId)
    opts.onProgress?.(`No SunSpec map; reading it as ${profile.name}`)
    const meter = await readProfileMeter(t, { unitId: opts.unitId, profile })
    return { kind: 'profile-meter', unitId: opts.unitId, profile: { id: profile.id, name: profile.name }, meter }
  }
  const dev = await readSunSpecDevice(t, {
    unitId: opts.unitId,
    base,
    onModel: (m) => opts.onProgress?.(m.known ? `Reading model ${m.id} at ${m.address}` : `Skipping unknown model ${m.id} at ${m.address} (${m.length} registers)`),
  })
  return {
    kind: 'sunspec',
    unitId: opts.unitId,
    base,
    role: sunspecRole(dev.models),
    identity: identityOf(dev.models),
    ratings: ratingsOf(dev.models),
    models: dev.models,
    skipped: dev.skipped,
    der: derLiveValues(dev.models),
    meter: sunspecMeterReading(dev.models),
    control: controlSupport(dev.models),
  }
}
