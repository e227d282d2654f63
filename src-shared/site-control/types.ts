/**
 * Site controller types (REQUIREMENTS SITE-1, SITE-2; handbook 4, 5.2, 11.3, 11.4). Pure data: the service in
 * src-main/site fills the input from the device manager and the controls engine, and writes the setpoints out.
 *
 * Sign conventions (src-shared/telemetry/sign-conventions.ts): site W import-positive (export is negative), DER W
 * generation-positive (a charging battery is negative). Times are ms since the epoch.
 */
import type { LoadEstimate } from './load-estimate'

/** The latest site meter sample at the connection point. */
export interface MeterInput {
  atMs: number
  /** Import-positive W per phase; the site net is their sum unless `totalW` is given. */
  phasesW: { a?: number; b?: number; c?: number }
  totalW?: number
}

/** One managed inverter (PV or the PV side of a hybrid). */
export interface InverterInput {
  id: string
  ratedW: number
  /** Measured output, generation-positive; undefined when not read this round. */
  outputW: number | undefined
  /** The active power limit it was last confirmed at (W), undefined = none. */
  limitW: number | undefined
  /** It answered its last read. */
  online: boolean
  /** When it last answered, ms. */
  lastSeenMs: number | undefined
  /** Its active power can be limited (SunSpec 123 / 704). */
  controllable: boolean
}

/** One managed battery. */
export interface BatteryInput {
  id: string
  /** Maximum charge rate, W (model 124 WChaMax). */
  ratedChargeW: number
  /** Measured battery power, generation-positive (charging < 0). */
  powerW: number | undefined
  online: boolean
  lastSeenMs: number | undefined
}

/**
 * The effective limits now, already ramped (handbook 11.3) by the controls engine. Absent = no limit from that mode.
 * connect / energize false disconnects the managed DER (handbook 10.6, 2030.5 opModConnect / opModEnergize).
 */
export interface EnvelopeInput {
  expLimW?: number
  impLimW?: number
  genLimW?: number
  loadLimW?: number
  connect?: boolean
  energize?: boolean
}

/** The connection agreement's fixed limits (handbook 11.4), used in fail-safe. */
export interface FixedLimits {
  expLimW?: number
  impLimW?: number
}

export interface ControllerSettings {
  /** Changes of the total generation setpoint smaller than this are not made (avoids chatter). */
  deadbandW: number
  /** Largest increase of the total generation setpoint per decision (decreases are never delayed: 11.3). */
  maxStepW: number
  /** Fraction (0..1] of the gap closed per decision when raising the setpoint: 1 = no smoothing. */
  smoothing: number
  /** Meter data or a device silent longer than this -> fail-safe (SITE-2). */
  failSafeTimeoutMs: number
  /** Headroom kept under the export / import limit for load noise and the inverters' response, W. */
  marginW: number
}

export const DEFAULT_CONTROLLER_SETTINGS: ControllerSettings = {
  deadbandW: 50,
  maxStepW: 500,
  smoothing: 0.5,
  failSafeTimeoutMs: 5000,
  marginW: 100,
}

/** Why the controller is in fail-safe (shown to the installer, SITE-2). */
export type ControllerFault =
  | { kind: 'meter-silent'; silentForMs: number | undefined }
  | { kind: 'device-silent'; deviceId: string; silentForMs: number | undefined }
  /** REL-3: the process hit an unexpected error (its code); what failed is unknown, so the fixed limits hold. */
  | { kind: 'process-fault'; code: string }

/** The mode that binds the setpoints in `limited`. */
export type BindingLimit = 'export' | 'generation' | 'import' | 'load' | 'disconnect'

/** What the controller remembers between decisions: the last totals it commanded. */
export interface Commanded {
  /** Total managed generation allowed, W; undefined = inverters unlimited. */
  generationW: number | undefined
  /** Total battery charge allowed, W; undefined = unlimited. */
  chargeW: number | undefined
}

/**
 * following: the envelope does not bind – inverters and batteries run free.
 * limited: at least one limit binds (named in `binding`).
 * fail-safe: meter or device data are stale; fixed limits (or zero export) apply (SITE-2).
 * manual: the installer has taken over (commissioning tests); the controller writes the manual setpoints.
 */
export type ControllerState = (
  | { kind: 'following'; sinceMs: number; commanded: Commanded }
  | { kind: 'limited'; sinceMs: number; commanded: Commanded; binding: BindingLimit[] }
  | { kind: 'fail-safe'; sinceMs: number; commanded: Commanded; fault: ControllerFault }
  | { kind: 'manual'; sinceMs: number; commanded: Commanded; reason: string }
) & {
  /** The household load the export cap is built on (load-estimate.ts); absent until the first meter sample. */
  load?: LoadEstimate
}

export const INITIAL_CONTROLLER_STATE: ControllerState = {
  kind: 'following',
  sinceMs: 0,
  commanded: { generationW: undefined, chargeW: undefined },
}

/** The installer's manual override: totals to hold, shared like the automatic ones. */
export interface ManualOverride {
  reason: string
  generationW: number | undefined
  chargeW: number | undefined
  connect: boolean
}

export interface ControllerInput {
  nowMs: number
  meter: MeterInput | undefined
  inverters: readonly InverterInput[]
  batteries: readonly BatteryInput[]
  envelope: EnvelopeInput
  fixed: FixedLimits
  settings: ControllerSettings
  state: ControllerState
  manual?: ManualOverride
  /** A fault from outside the data (REL-3 process fault): fail-safe while set, unless the data name a fault first. */
  forcedFault?: ControllerFault
}

/** One inverter's setpoint: limitW undefined removes the limit; percent is of its rating (SunSpec WMaxLimPct). */
export interface InverterSetpoint {
  id: string
  limitW: number | undefined
  percent: number | undefined
  connect: boolean
}

/** One battery's charge limit: undefined = unlimited; percent is of its charge rating (model 124 InWRte). */
export interface BatterySetpoint {
  id: string
  chargeLimitW: number | undefined
  chargePercent: number | undefined
}

export interface ControllerDecision {
  inverters: InverterSetpoint[]
  batteries: BatterySetpoint[]
  state: ControllerState
}
