import { z } from 'zod'
import { command, siteId } from './command'

/**
 * Step "Utility server" (SRV-2 .. SRV-7): server settings per site, the discovery walk with live step events, the
 * resource browser and the exchange log. The discovery types are shared by the engine, the CLI and the renderer.
 */

// SRV-2: the Energy Queensland endpoints.
export const SERVER_URLS = {
  test: 'https://sep2-test.energyq.com.au/api/v2/dcap',
  production: 'https://sep2.energyq.com.au/api/v2/dcap',
} as const

export const serverTargetSchema = z.enum(['test', 'production', 'custom', 'simulator'])
export type ServerTarget = z.infer<typeof serverTargetSchema>

export const SERVER_TARGET_LABELS: Record<ServerTarget, string> = {
  test: 'Energy Queensland test server',
  production: 'Energy Queensland production server',
  custom: 'Custom URL',
  simulator: 'Built-in simulator (practice)',
}

export const serverSettingsSchema = z.object({
  target: serverTargetSchema,
  /** Only for `custom`: the DeviceCapability URL. */
  customUrl: z.string().url().max(500).optional(),
  /** Check the server certificate names the host (2030.5 server certificates often carry no host name). */
  checkHostname: z.boolean(),
  /** The registration PIN the utility gave the installer (handbook 10.1: Registration pIN). */
  expectedPin: z.number().int().min(0).max(999_999_999).optional(),
  /**
   * Register this device in band (POST /edev, cactus ALL-02/03) when the server does not list it. Never for the
   * Energex/Ergon servers (test, production): they register devices out of band (handbook 9).
   */
  inBandRegistration: z.boolean().optional(),
})
export type ServerSettings = z.infer<typeof serverSettingsSchema>

/** handbook 9: the Energex/Ergon servers register out of band; in-band registration is only for other servers. */
export function usesInBandRegistration(settings: ServerSettings): boolean {
  return settings.inBandRegistration === true && settings.target !== 'test' && settings.target !== 'production'
}

/** The words the app, `run` and `discover` show while the utility has not registered the device (issue 20). */
export const AWAITING_REGISTRATION_TEXT = 'Waiting for the utility to register this device'

export type DiscoveryStepName =
  | 'DeviceCapability'
  | 'Time'
  | 'EndDeviceList'
  | 'EndDevice'
  /** In-band registration (cactus ALL-02/03): POST of our EndDevice, then the csipaus:ConnectionPoint (NMI). */
  | 'EndDeviceRegistration'
  | 'ConnectionPoint'
  | 'Registration'
  | 'FunctionSetAssignmentsList'
  | 'DERProgramList'
  | 'DefaultDERControl'
  | 'DERControlList'
  | 'DERList'
  | 'MirrorUsagePointList'

export interface DiscoveryStep {
  name: DiscoveryStepName
  url: string
  status: 'ok' | 'warning' | 'failed'
  durationMs: number
  /** Plain words: what was found. */
  detail: string
  /** On failure or warning: the stable code, what it means for the installer and what to do. */
  error?: { code: string; meaning: string; whatToDo: string }
}

/** DERControlBase with multipliers applied: W for the limits, booleans for connect/energize. */
export interface ControlModes {
  opModExpLimW?: number
  opModImpLimW?: number
  opModGenLimW?: number
  opModLoadLimW?: number
  opModConnect?: boolean
  opModEnergize?: boolean
  /** Percent of setMaxW. */
  opModFixedW?: number
  opModMaxLimW?: number
  opModTargetW?: number
  /** Seconds. */
  rampTms?: number
}

export const EVENT_STATUS_NAMES = ['Scheduled', 'Active', 'Cancelled', 'Cancelled with randomization', 'Superseded'] as const

/**
 * A control-mode element whose value was outside its IEEE 2030.5 type (REL-4): refused at the codec and left out of
 * `modes`; the control it belongs to is not applied (the controls screening refuses it, with this reason).
 */
export interface RefusedMode {
  /** e.g. `opModExpLimW`. */
  element: string
  /** e.g. `DefaultDERControl/DERControlBase/opModExpLimW/multiplier`. */
  path: string
  reason: string
}

export interface ControlEvent {
  href: string
  mRID: string
  description?: string
  /** Unix ms. */
  creationTime: number
  /** handbook 10.5.2: 0 Scheduled, 1 Active, 2 Cancelled, 3 Cancelled with randomization, 4 Superseded. */
  status: number
  statusName: string
  statusTime: number
  /** Unix ms. */
  start: number
  durationS: number
  randomizeStartS?: number
  randomizeDurationS?: number
  modes: ControlModes
  /** Modes refused at the codec (value outside its type): the event is not applied and is answered 253. */
  invalid?: RefusedMode[]
  replyTo?: string
  responseRequired?: number
}

export interface DefaultControl {
  href: string
  mRID: string
  modes: ControlModes
  /** Modes refused at the codec (value outside its type): the default is not applied. */
  invalid?: RefusedMode[]
  /** Hundredths of a percent of setMaxW per second (handbook 10.7). */
  setGradW?: number
  setSoftGradW?: number
}

export interface ProgramView {
  href: string
  mRID: string
  description?: string
  primacy: number
  fsaHref: string
  defaultControl: DefaultControl | null
  derControlListHref?: string
  events: ControlEvent[]
  /**
   * DERControls the codec refused as a whole (a value of the event itself outside its IEEE 2030.5 type – interval
   * start beyond TimeType, EventStatus, mRID – or a required element missing): not applied, answered 253 when their
   * mRID and replyTo can be read; the other events of the list still apply (REL-4).
   */
  refusedEvents?: RefusedEvent[]
}

/** A DERControl refused as a whole, with what could still be read of its identity. */
export interface RefusedEvent extends RefusedMode {
  mRID?: string
  replyTo?: string
  responseRequired?: number
}

export interface FsaView {
  href: string
  mRID: string
  description?: string
  derProgramListHref?: string
  programs: ProgramView[]
}

export interface EndDeviceView {
  href: string
  lFDI: string
  sFDI: number
  enabled?: boolean
  /** lFDI equals ours, compared case-insensitively. */
  match: boolean
}

export interface RegistrationCheck {
  href: string
  serverPin: number
  expectedPin: number | null
  /** null when no PIN was entered to compare with. */
  match: boolean | null
  dateTimeRegistered: number
}

export interface DerLinks {
  href: string
  statusHref?: string
  capabilityHref?: string
  settingsHref?: string
  availabilityHref?: string
}

export interface MirrorUsagePointView {
  href: string
  mRID: string
  description?: string
  roleFlags: number
  deviceLFDI: string
}

export interface DiscoveryResult {
  ok: boolean
  /** The step that failed and stopped the walk. */
  stoppedAt?: DiscoveryStepName
  dcapUrl: string
  ourLfdi: string
  mode: 'device' | 'cloud-proxy'
  tls: { version: string; cipher: string } | null
  handshakes: number
  /** Server time minus ours (ms); handbook Annex C warns over a minute. */
  clockOffsetMs: number | null
  endDevice: EndDeviceView | null
  /** Our EndDevice is not listed yet: the client waits for the utility to register it (issue 20, handbook 9). */
  awaitingRegistration?: boolean
  /** Cloud-proxy mode: every EndDevice the server lists for this certificate. */
  endDevices: EndDeviceView[]
  registration: RegistrationCheck | null
  fsas: FsaView[]
  /** Programs of every FSA, by primacy (lowest value first). */
  programs: ProgramView[]
  der: DerLinks[]
  mirrorUsagePoints: MirrorUsagePointView[]
  links: { dcap: string; time?: string; endDeviceList?: string; fsaList?: string; derList?: string; mupList?: string }
  pollRates: { dcap?: number; endDeviceList?: number; fsaList?: number; derProgramList?: number; derList?: number; mupList?: number }
  steps: DiscoveryStep[]
  totalMs: number
}

export type LinkState = { state: 'ok'; since: number } | { state: 'lost'; since: number; reason: string; code: string }

export interface ExchangeRecord {
  id: number
  siteId: string
  method: string
  url: string
  status: number | null
  durationMs: number
  startedAt: number
  attempt: number
  requestBody: string | null
  responseBody: string | null
  tlsVersion: string | null
  tlsCipher: string | null
  errorCode: string | null
}

export const exchangeFilterSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** Exact status, or a class such as '4xx'. */
  status: z.string().regex(/^(\d{3}|[1-5]xx|error)$/).optional(),
  url: z.string().max(500).optional(),
  text: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
})
export type ExchangeFilter = z.infer<typeof exchangeFilterSchema>

export interface ServerStatus {
  siteId: string
  settings: ServerSettings
  dcapUrl: string
  result: DiscoveryResult | null
  link: LinkState | null
}

export const serverCommands = {
  'server.getSettings': command(z.object({ siteId })).returns<ServerStatus>(),
  'server.saveSettings': command(z.object({ siteId, settings: serverSettingsSchema })).returns<ServerStatus>(),
  /** Runs the discovery walk now; step events arrive as `server.step` while it runs. */
  'server.connect': command(z.object({ siteId })).returns<DiscoveryResult>(),
  'server.result': command(z.object({ siteId })).returns<DiscoveryResult | null>(),
  /** The raw XML of a resource, fetched now over the site's connection (resource browser). */
  'server.resource': command(z.object({ siteId, href: z.string().min(1).max(1000) })).returns<{ href: string; status: number; xml: string }>(),
  'exchangeLog.list': command(z.object({ siteId, filter: exchangeFilterSchema.optional() })).returns<ExchangeRecord[]>(),
  'exchangeLog.export': command(z.object({ siteId, format: z.enum(['json', 'csv']), filter: exchangeFilterSchema.optional() })).returns<{ fileName: string; mimeType: string; content: string }>(),
} as const

const stepSchema = z.object({
  name: z.string(),
  url: z.string(),
  status: z.enum(['ok', 'warning', 'failed']),
  durationMs: z.number(),
  detail: z.string(),
  error: z.object({ code: z.string(), meaning: z.string(), whatToDo: z.string() }).optional(),
})

export const serverEvents = {
  'server.step': z.object({ siteId: z.string(), step: stepSchema }),
  'server.link': z.object({ siteId: z.string(), state: z.enum(['ok', 'lost']), since: z.number(), reason: z.string().optional(), code: z.string().optional() }),
} as const
