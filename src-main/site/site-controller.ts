/**
 * The site controller service (REQUIREMENTS SITE-1, SITE-2; handbook 4, 5.2, 11.3, 11.4): on every site sample it
 * runs the pure decision (src-shared/site-control) against the effective ramped limits and writes the setpoints that
 * changed. A watchdog timer runs the decision too when samples stop arriving, so a stalled device loop still ends in
 * fail-safe within the set time.
 */
import type { Clock, TimerId } from '../../src-shared/clock'
import {
  DEFAULT_CONTROLLER_SETTINGS,
  INITIAL_CONTROLLER_STATE,
  decide,
  type ControllerDecision,
  type ControllerSettings,
  type ControllerState,
  type FixedLimits,
  type ManualOverride,
} from '../../src-shared/site-control'
import { setActivePowerLimit, setConnected, setStorageRates } from '../devices/control'
import type { SiteSample } from '../devices/device-manager'
import { TypedEmitter } from '../devices/typed-emitter'
import type { ControlledBattery, ControlledInverter, DeviceControls, EffectiveLimitsSource, SiteSampleSource } from './ports'
import { SampleTracker } from './sample-input'
import { SetpointWriter, type WriteOutcome } from './setpoint-writer'

/** The watchdog runs this often, but never less often than a fifth of the fail-safe timeout. */
const WATCHDOG_MAX_PERIOD_MS = 1000
const WATCHDOG_FRACTION = 5

export const MODBUS_DEVICE_CONTROLS: DeviceControls = { setActivePowerLimit, setConnected, setStorageRates }

export interface SiteControllerEvents {
  /** The state's kind, binding limits or fault changed. */
  state: (state: ControllerState) => void
  decision: (decision: ControllerDecision & { atMs: number }) => void
  write: (outcome: WriteOutcome) => void
}

export interface SiteControllerOptions {
  clock: Clock
  samples: SiteSampleSource
  inverters: ControlledInverter[]
  batteries?: ControlledBattery[]
  limits: EffectiveLimitsSource
  fixed: FixedLimits
  settings?: Partial<ControllerSettings>
  /** Default: the Modbus control writes of src-main/devices. */
  controls?: DeviceControls
  /** Revert timer written with every limit (the device drops the limit on its own if not refreshed). */
  revertSeconds?: number
}

export class SiteController extends TypedEmitter<SiteControllerEvents> {
  private readonly settings: ControllerSettings
  private readonly tracker = new SampleTracker()
  private readonly writer: SetpointWriter
  private current: ControllerState = INITIAL_CONTROLLER_STATE
  private manual: ManualOverride | undefined
  private unsubscribe: (() => void) | undefined
  private watchdog: TimerId | undefined
  private lastDecisionMs = Number.NEGATIVE_INFINITY

  constructor(private readonly options: SiteControllerOptions) {
    super()
    this.settings = { ...DEFAULT_CONTROLLER_SETTINGS, ...options.settings }
    this.writer = new SetpointWriter({
      clock: options.clock,
      controls: options.controls ?? MODBUS_DEVICE_CONTROLS,
      ...(options.revertSeconds !== undefined ? { revertSeconds: options.revertSeconds } : {}),
      onWrite: (outcome) => this.emit('write', outcome),
    })
  }

  state(): ControllerState {
    return this.current
  }

  start(): void {
    if (this.unsubscribe) return
    this.current = { ...INITIAL_CONTROLLER_STATE, sinceMs: this.options.clock.now() }
    this.unsubscribe = this.options.samples.on('sample', (sample) => this.onSample(sample))
    this.scheduleWatchdog()
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    if (this.watchdog !== undefined) this.options.clock.clearTimeout(this.watchdog)
    this.watchdog = undefined
  }

  /** Installer override (commissioning tests); undefined hands control back to the envelope. */
  setManual(manual: ManualOverride | undefined): void {
    this.manual = manual
    this.runDecision()
  }

  /** Resolves when no device write is in flight (tests, orderly shutdown). */
  idle(): Promise<void> {
    return this.writer.idle()
  }

  private onSample(sample: SiteSample): void {
    this.tracker.update(sample)
    this.runDecision()
  }

  private runDecision(): void {
    const nowMs = this.options.clock.now()
    this.lastDecisionMs = nowMs
    const { inverters, batteries = [] } = this.options
    const limits = new Map(inverters.map((i) => [i.id, limitWOf(this.writer.confirmedPercent(i.id), i.ratedW)]))
    const result = decide({
      nowMs,
      meter: this.tracker.meterInput(),
      inverters: this.tracker.inverterInputs(inverters, limits),
      batteries: this.tracker.batteryInputs(batteries),
      envelope: this.options.limits.at(nowMs),
      fixed: this.options.fixed,
      settings: this.settings,
      state: this.current,
      ...(this.manual ? { manual: this.manual } : {}),
    })
    const changed = stateSignature(result.state) !== stateSignature(this.current)
    this.current = result.state
    if (changed) this.emit('state', result.state)
    this.emit('decision', { ...result, atMs: nowMs })
    result.inverters.forEach((sp, k) => {
      const inverter = inverters[k]
      if (inverter) this.writer.applyInverter(inverter, sp)
    })
    result.batteries.forEach((sp, k) => {
      const battery = batteries[k]
      if (battery) this.writer.applyBattery(battery, sp)
    })
  }

  private scheduleWatchdog(): void {
    const period = Math.min(WATCHDOG_MAX_PERIOD_MS, this.settings.failSafeTimeoutMs / WATCHDOG_FRACTION)
    this.watchdog = this.options.clock.setTimeout(() => {
      if (!this.unsubscribe) return
      if (this.options.clock.now() - this.lastDecisionMs >= period) this.runDecision()
      this.scheduleWatchdog()
    }, period)
  }
}

export function createSiteController(options: SiteControllerOptions): SiteController {
  return new SiteController(options)
}

function limitWOf(percent: number | undefined, ratedW: number): number | undefined {
  return percent === undefined ? undefined : (percent / 100) * ratedW
}

/** What makes a state "different" for the UI: its kind, what binds, and the fault. */
function stateSignature(state: ControllerState): string {
  switch (state.kind) {
    case 'following':
      return 'following'
    case 'limited':
      return `limited:${state.binding.join(',')}`
    case 'fail-safe':
      return `fail-safe:${state.fault.kind}:${state.fault.kind === 'device-silent' ? state.fault.deviceId : ''}`
    case 'manual':
      return `manual:${state.reason}`
  }
}
