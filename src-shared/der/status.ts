/**
 * DERStatus for a site with several DER (REQUIREMENTS TEL-1; handbook 10.3.1; IEEE 2030.5-2018 DERStatus).
 *
 * Encoding per the 2030.5 schema (REQUIREMENTS TEL-1 note):
 * - operationalModeStatus: enumeration 0 not applicable / unknown, 1 off, 2 operational, 3 test. Handbook 10.3.1:
 *   Off only when ALL managed DER are off; 2 when at least one is operational.
 * - genConnectStatus / storConnectStatus: HexBinary8 BITMAP, bit 0 connected, 1 available, 2 operating, 3 test,
 *   4 fault/error. The states build on each other (an operating DER is available and connected), so "connected,
 *   available and operating" is 0b00111 = 07 – the handbook's "return 2" names its highest bit. Across devices each
 *   bit is set when ANY device has it (10.3.1: "applies if any device is …"; "Fault/Error applies if any device is
 *   in Fault/Error state").
 * - storageModeStatus: 0 charging, 1 discharging, 2 holding (the 0/1/2 list the handbook prints under
 *   stateOfChargeStatus belongs here).
 * - stateOfChargeStatus: 2030.5 PerCent, hundredths of a percent (5000 = 50 %), the capacity-weighted state of charge
 *   of all batteries.
 */
import { bitmapOf } from './hex-binary'

export type DerRole = 'generation' | 'storage'
export type OperationalMode = 'off' | 'operational' | 'test' | 'unknown'
/** How far along connected -> available -> operating a device is. */
export type ConnectLevel = 'disconnected' | 'connected' | 'available' | 'operating'
export type StorageMode = 'charging' | 'discharging' | 'holding'

export interface StorageState {
  /** As the device reports it; derived from `powerW` when absent. */
  mode?: StorageMode
  /** Battery power, + discharging, - charging. */
  powerW?: number
  stateOfChargePercent?: number
  capacityWh?: number
}

/** One managed device as the device layer sees it. A hybrid inverter is two entries: its PV side and its battery. */
export interface DerDeviceState {
  role: DerRole
  operationalMode: OperationalMode
  connect: ConnectLevel
  test?: boolean
  fault?: boolean
  storage?: StorageState
}

export const OPERATIONAL_MODE_STATUS = { unknown: 0, off: 1, operational: 2, test: 3 } as const
export const CONNECT_STATUS_BIT = { connected: 0, available: 1, operating: 2, test: 3, fault: 4 } as const
export const STORAGE_MODE_STATUS: Record<StorageMode, number> = { charging: 0, discharging: 1, holding: 2 }
/** Battery power within ±this is "holding" when the device does not say its mode. */
export const STORAGE_HOLDING_DEADBAND_W = 50
const PERCENT_TO_PERCENT_TYPE = 100
const PERCENT_TYPE_MAX = 10_000

export interface StatusValue {
  /** Seconds since the epoch. */
  dateTime: number
  value: number
}

/** The DERStatus to PUT; absent members are not sent. Connect statuses are bitmaps (format as HexBinary8). */
export interface DerStatusReport {
  readingTime: number
  operationalModeStatus: StatusValue
  genConnectStatus?: StatusValue
  storConnectStatus?: StatusValue
  storageModeStatus?: StatusValue
  stateOfChargeStatus?: StatusValue
}

export function aggregateDerStatus(devices: readonly DerDeviceState[], options: { nowMs: number }): DerStatusReport {
  const dateTime = Math.floor(options.nowMs / 1000)
  const at = (value: number | undefined): StatusValue | undefined => (value === undefined ? undefined : { dateTime, value })
  const generation = devices.filter((d) => d.role === 'generation')
  const storage = devices.filter((d) => d.role === 'storage')
  const report: DerStatusReport = {
    readingTime: dateTime,
    operationalModeStatus: { dateTime, value: operationalModeStatus(devices) },
  }
  const fields: Omit<DerStatusReport, 'readingTime' | 'operationalModeStatus'> = {
    genConnectStatus: at(generation.length > 0 ? connectStatus(generation) : undefined),
    storConnectStatus: at(storage.length > 0 ? connectStatus(storage) : undefined),
    storageModeStatus: at(storageModeStatus(storage)),
    stateOfChargeStatus: at(stateOfChargeStatus(storage)),
  }
  for (const [name, value] of Object.entries(fields) as [keyof typeof fields, StatusValue | undefined][]) {
    if (value) report[name] = value
  }
  return report
}

/** Handbook 10.3.1: 1 only if ALL are off; 2 if at least one is operational; else test (3) or unknown (0). */
export function operationalModeStatus(devices: readonly DerDeviceState[]): number {
  if (devices.length === 0) return OPERATIONAL_MODE_STATUS.unknown
  if (devices.some((d) => d.operationalMode === 'operational')) return OPERATIONAL_MODE_STATUS.operational
  if (devices.every((d) => d.operationalMode === 'off')) return OPERATIONAL_MODE_STATUS.off
  if (devices.some((d) => d.operationalMode === 'test')) return OPERATIONAL_MODE_STATUS.test
  return OPERATIONAL_MODE_STATUS.unknown
}

/** One device's connect bitmap: the ladder connected < available < operating, plus test and fault. */
export function deviceConnectBits(device: DerDeviceState): number {
  const ladder: Record<ConnectLevel, number[]> = {
    disconnected: [],
    connected: [CONNECT_STATUS_BIT.connected],
    available: [CONNECT_STATUS_BIT.connected, CONNECT_STATUS_BIT.available],
    operating: [CONNECT_STATUS_BIT.connected, CONNECT_STATUS_BIT.available, CONNECT_STATUS_BIT.operating],
  }
  const bits = [...ladder[device.connect]]
  if (device.test) bits.push(CONNECT_STATUS_BIT.test)
  if (device.fault) bits.push(CONNECT_STATUS_BIT.fault)
  return bitmapOf(bits)
}

/** Site bitmap: a bit is set when any device has it (handbook 10.3.1). */
export function connectStatus(devices: readonly DerDeviceState[]): number {
  return devices.reduce((acc, d) => acc | deviceConnectBits(d), 0)
}

/**
 * Site storage mode: the common mode when all batteries agree; when they differ, the sign of their net power if every
 * battery reports it, else the one active mode present (charging + holding -> charging); charging and discharging
 * together with unknown net -> holding. Undefined when no battery says anything.
 */
export function storageModeStatus(batteries: readonly DerDeviceState[]): number | undefined {
  const modes = batteries.map((b) => storageModeOf(b.storage)).filter((m): m is StorageMode => m !== undefined)
  if (modes.length === 0) return undefined
  const distinct = new Set(modes)
  const [only] = distinct
  if (distinct.size === 1 && only) return STORAGE_MODE_STATUS[only]
  const powers = batteries.map((b) => b.storage?.powerW)
  if (powers.every((p): p is number => p !== undefined && Number.isFinite(p))) {
    return STORAGE_MODE_STATUS[modeFromPower(powers.reduce((a, p) => a + p, 0))]
  }
  const charging = distinct.has('charging')
  const discharging = distinct.has('discharging')
  if (charging && !discharging) return STORAGE_MODE_STATUS.charging
  if (discharging && !charging) return STORAGE_MODE_STATUS.discharging
  return STORAGE_MODE_STATUS.holding
}

function storageModeOf(storage: StorageState | undefined): StorageMode | undefined {
  if (!storage) return undefined
  if (storage.mode) return storage.mode
  if (storage.powerW === undefined || !Number.isFinite(storage.powerW)) return undefined
  return modeFromPower(storage.powerW)
}

function modeFromPower(powerW: number): StorageMode {
  if (powerW > STORAGE_HOLDING_DEADBAND_W) return 'discharging'
  if (powerW < -STORAGE_HOLDING_DEADBAND_W) return 'charging'
  return 'holding'
}

/**
 * Capacity-weighted state of charge of the batteries that report one, as 2030.5 PerCent (hundredths of a percent).
 * When any of them lacks a capacity the plain mean is used (weights would be guesses).
 */
export function stateOfChargeStatus(batteries: readonly DerDeviceState[]): number | undefined {
  const socs = batteries.flatMap((b) => {
    const soc = b.storage?.stateOfChargePercent
    return soc !== undefined && Number.isFinite(soc) ? [{ soc, capacity: b.storage?.capacityWh }] : []
  })
  if (socs.length === 0) return undefined
  const weighted = socs.every((s) => s.capacity !== undefined && s.capacity > 0)
  const weightOf = (s: { capacity?: number }): number => (weighted ? (s.capacity ?? 0) : 1)
  const totalWeight = socs.reduce((acc, s) => acc + weightOf(s), 0)
  const percent = socs.reduce((acc, s) => acc + s.soc * weightOf(s), 0) / totalWeight
  const hundredths = Math.round(percent * PERCENT_TO_PERCENT_TYPE)
  return Math.min(PERCENT_TYPE_MAX, Math.max(0, hundredths))
}
