import { z } from 'zod'
import { command, siteId } from './command'

/**
 * Step "Devices" (DEV-1..DEV-5, handbook 5 and 10.8.2): serial ports, devices added to a site over Modbus TCP or RTU
 * (or the built-in simulator), SunSpec / meter-profile discovery with progress, roles saved with the site, live
 * sampling pushed as events, the CT direction / phase check and the model dump.
 */

// DEV-1: the serial settings a USB-RS485 adapter needs; 9600 8N1 is the common default.
export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const
export const DEFAULT_BAUD_RATE = 9600
export const DEFAULT_DEVICE_TIMEOUT_MS = 1000

const unitId = z.number().int().min(1).max(247)
const timeoutMs = z.number().int().min(100).max(10_000)
// A host name, IPv4 or IPv6 address; no scheme, no path.
const hostSchema = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.\-:[\]]+$/, 'enter a host name or IP address, e.g. 192.168.1.20')

export const deviceConnectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), host: hostSchema, port: z.number().int().min(1).max(65_535) }),
  z.object({
    kind: z.literal('rtu'),
    // A serial device, not any file: /dev/ttyUSB0, /dev/serial/by-id/..., COM3 or \\.\COM12.
    path: z
      .string()
      .trim()
      .max(200)
      .regex(/^(?!.*\.\.)(\/dev\/[\w.:+\-/]+|COM\d{1,3}|\\\\\.\\COM\d{1,3})$/, 'pick a serial port such as /dev/ttyUSB0 or COM3'),
    baudRate: z.number().int().refine((b) => (BAUD_RATES as readonly number[]).includes(b), 'pick a standard baud rate'),
    parity: z.enum(['none', 'even', 'odd']),
    stopBits: z.union([z.literal(1), z.literal(2)]),
  }),
  /** The built-in device simulator (demo mode): the engine serves it on 127.0.0.1 and connects over Modbus TCP. */
  z.object({ kind: z.literal('simulator') }),
])
export type DeviceConnection = z.infer<typeof deviceConnectionSchema>

export const DEVICE_ROLES = ['site-meter', 'inverter', 'battery', 'ev-charger', 'none'] as const
export const deviceRoleSchema = z.enum(DEVICE_ROLES)
export type DeviceRole = z.infer<typeof deviceRoleSchema>

export const DEVICE_ROLE_LABELS: Record<DeviceRole, string> = {
  'site-meter': 'Site meter',
  inverter: 'Inverter',
  battery: 'Battery',
  'ev-charger': 'EV charger',
  none: 'Not used',
}

export const addDeviceSchema = z.object({
  siteId,
  connection: deviceConnectionSchema,
  unitId,
  timeoutMs: timeoutMs.optional(),
  /** A meter profile id (e.g. `eastron-sdm630`) for a meter without a SunSpec map. */
  meterProfile: z.string().max(64).optional(),
  name: z.string().trim().max(80).optional(),
})
export type AddDeviceInput = z.infer<typeof addDeviceSchema>

export interface SerialPortView {
  path: string
  manufacturer: string | null
  serialNumber: string | null
  vendorId: string | null
  productId: string | null
  description: string
}

export interface DeviceIdentityView {
  manufacturer: string | null
  model: string | null
  serial: string | null
  firmware: string | null
}

export interface DeviceRatingsView {
  WRtg: number | null
  VARtg: number | null
  WChaMax: number | null
}

/** What discovery found; kept with the device so the step shows it after a restart. */
export interface DeviceDiscovery {
  kind: 'sunspec' | 'profile-meter'
  /** SunSpec base address, or null for a profile meter. */
  base: number | null
  /** What the device says it is: inverter, storage, meter or other. */
  detectedAs: 'inverter' | 'storage' | 'meter' | 'other'
  identity: DeviceIdentityView
  ratings: DeviceRatingsView
  models: { id: number; label: string }[]
  /** DEV-4 in words: model 123, model 704, or why it cannot be controlled. */
  control: string
  discoveredAt: number
}

export interface DeviceView {
  id: string
  siteId: string
  name: string
  connection: DeviceConnection
  unitId: number
  timeoutMs: number
  meterProfile: string | null
  role: DeviceRole
  /** "Inverter 2" etc.: the role with its number among devices of that role. */
  roleLabel: string
  /** One line: where the device is, e.g. `Modbus TCP 192.168.1.20:502 unit 1`. */
  where: string
  discovery: DeviceDiscovery | null
  lastError: { code: string; message: string } | null
}

export interface DeviceDump {
  fileName: string
  mimeType: string
  content: string
}

export const samplingStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('stopped') }),
  z.object({ state: z.literal('running'), periodMs: z.number(), targetPeriodMs: z.number(), note: z.string().nullable() }),
])
export type SamplingStatusView = z.infer<typeof samplingStatusSchema>

const maybe = z.number().nullable()
const phaseSchema = z.object({ W: maybe, V: maybe, A: maybe })

export const orientationViewSchema = z.object({
  verdict: z.enum(['ok', 'ct-reversed', 'phase-swapped', 'inconclusive']),
  /** Phases the verdict names (reversed or swapped CTs). */
  phases: z.array(z.enum(['A', 'B', 'C'])),
  words: z.string(),
})
export type OrientationView = z.infer<typeof orientationViewSchema>

/** One sampling round as the renderer sees it (pushed at most 5 times a second). */
export const liveSampleSchema = z.object({
  siteId: z.string(),
  seq: z.number(),
  at: z.number(),
  periodMs: z.number(),
  /** handbook 10.8.2: site W negative for export, positive for import. */
  site: z.object({ W: maybe, Hz: maybe, phases: z.object({ A: phaseSchema, B: phaseSchema, C: phaseSchema }) }).nullable(),
  /** handbook 10.8.2: DER W positive for generation. Summed across inverters; V and Hz averaged over live ones. */
  der: z.object({ W: maybe, V: maybe, Hz: maybe, reporting: z.number() }),
  devices: z.array(z.object({ deviceId: z.string(), ok: z.boolean(), W: maybe, V: maybe, Hz: maybe, error: z.string().nullable() })),
  gap: z.object({ intervalMs: maybe, missing: z.array(z.string()) }).nullable(),
  orientation: orientationViewSchema.nullable(),
})
export type LiveSample = z.infer<typeof liveSampleSchema>

export interface StoredSampleView {
  sessionId: string
  seq: number
  at: number
  siteW: number | null
  derW: number | null
  gap: boolean
}

export const devicesCommands = {
  'devices.ports': command(z.object({})).returns<SerialPortView[]>(),
  'devices.profiles': command(z.object({})).returns<{ id: string; name: string }[]>(),
  'devices.list': command(z.object({ siteId })).returns<DeviceView[]>(),
  /** Adds the device to the site and discovers it (progress as `devices.progress`); a device error fails with its code. */
  'devices.add': command(addDeviceSchema).returns<DeviceView>(),
  /** Starts the built-in device simulator in the engine and adds its inverters, battery and meters to the site. */
  'devices.addSimulated': command(z.object({ siteId })).returns<DeviceView[]>(),
  'devices.discover': command(z.object({ siteId, deviceId: z.string().min(1).max(64) })).returns<DeviceView>(),
  'devices.remove': command(z.object({ siteId, deviceId: z.string().min(1).max(64) })).returns<{ removed: true }>(),
  'devices.setRole': command(z.object({ siteId, deviceId: z.string().min(1).max(64), role: deviceRoleSchema })).returns<DeviceView[]>(),
  'devices.dump': command(z.object({ siteId, deviceId: z.string().min(1).max(64), format: z.enum(['text', 'json']) })).returns<DeviceDump>(),
  'devices.startSampling': command(z.object({ siteId })).returns<SamplingStatusView>(),
  'devices.stopSampling': command(z.object({ siteId })).returns<SamplingStatusView>(),
  'devices.sampling': command(z.object({ siteId })).returns<SamplingStatusView>(),
  /** The CT direction / phase check on the latest sample (null before the first sample). */
  'devices.orientation': command(z.object({ siteId })).returns<OrientationView | null>(),
  'devices.samples': command(z.object({ siteId, limit: z.number().int().min(1).max(10_000).optional() })).returns<StoredSampleView[]>(),
} as const

export const devicesEvents = {
  'devices.progress': z.object({
    siteId: z.string(),
    deviceId: z.string(),
    label: z.string(),
    stage: z.enum(['connecting', 'discovering', 'done', 'failed']),
    /** Device index (1-based) and how many are being discovered in this run. */
    index: z.number(),
    total: z.number(),
    detail: z.string(),
  }),
  'devices.changed': z.object({ siteId: z.string() }),
  'devices.sample': liveSampleSchema,
  'devices.samplingStatus': z.object({ siteId: z.string(), status: samplingStatusSchema }),
} as const
