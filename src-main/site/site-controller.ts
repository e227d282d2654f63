/**
 * The site controller service (REQUIREMENTS SITE-1, SITE-2; handbook 4, 5.2, 11.3, 11.4): on every site sample it
 * runs the pure decision (src-shared/site-control) against the effective ramped limits and writes the setpoints that
 * changed. SITE-2: the silence deadline is kept on the clock – a timer is set for the moment the oldest source (the
 * meter, then each managed device, by its own last good reading) would pass the fail-safe time – so fail-safe comes
 * within the set time of the last good sample whether or not another sample ever arrives, and names the silent one.
 * REL-3: while it runs it is registered for process faults (site/process-fault.ts) and then holds the fixed limits.
 */
import type { Clock, TimerId } from '../../src-shared/clock'
import {
  DEFAULT_CONTROLLER_SETTINGS,
  INITIAL_CONTROLLER_STATE,
  decide,
  faultTag,
  type ControllerFault,
  type ControllerDecision,
  type ControllerSettings,
  type ControllerState,
  type FixedLimits,
  type ManualOverride,
} from '../../src-shared/site-control'
import { setActivePowerLimit, setConnected, setStorageRates } from '../devices/control'
import type { SiteSample } from '../devices/device-manager'
import { TypedEmitter } from '../devices/typed-emitter'
import { onProcessFault, type ProcessFaultNotice } from './process-fault'
import type { ControlledBattery, ControlledInverter, DeviceControls, EffectiveLimitsSource, SiteSampleSource } from './ports'
import { SampleTracker } from './sample-input'
import { SetpointWriter, type WriteOutcome } from './setpoint-writer'

/** Without samples the decision still runs this often (the ramped envelope moves on); deadlines come sooner. */
const IDLE_DECISION_PERIOD_MS = 1000
/** After a process fault (REL-3) the fixed limits hold this long; a further fault starts the hold again. */
export const PROCESS_FAULT_HOLD_MS = 60_000

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
  private deadline: TimerId | undefined
  private processFault: { fault: ControllerFault; untilMs: number } | undefined
  private unregisterFault: (() => void) | undefined

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
    const unsubscribeSample = this.options.samples.on('sample', (sample) => this.onSample(sample))
    // Each device's reading as soon as it is read, so a fresh meter is not hidden behind a silent inverter's timeouts.
    const unsubscribeReading = this.options.samples.onReading?.((reading) => this.tracker.updateDevice(reading))
    this.unsubscribe = () => {
      unsubscribeSample()
      unsubscribeReading?.()
    }
    this.unregisterFault = onProcessFault((notice) => this.holdFailSafe(notice))
    this.scheduleDeadline()
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.unregisterFault?.()
    this.unregisterFault = undefined
    if (this.deadline !== undefined) this.options.clock.clearTimeout(this.deadline)
    this.deadline = undefined
  }

  /** REL-3: an unexpected error in the process – hold the fixed limits for PROCESS_FAULT_HOLD_MS. */
  holdFailSafe(notice: ProcessFaultNotice): void {
    this.processFault = { fault: { kind: 'process-fault', code: notice.code }, untilMs: this.options.clock.now() + PROCESS_FAULT_HOLD_MS }
    if (this.unsubscribe) this.runDecision()
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
    const { inverters, batteries = [] } = this.options
    if (this.processFault && nowMs >= this.processFault.untilMs) this.processFault = undefined
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
      ...(this.processFault ? { forcedFault: this.processFault.fault } : {}),
    })
    const changed = stateSignature(result.state) !== stateSignature(this.current)
    this.current = result.state
    if (changed) this.emit('state', result.state)
    this.emit('decision', { ...result, atMs: nowMs })
    // A device whose last read failed is not written: its write would only time out too and hold the shared bus,
    // delaying the meter's reads (issue 15). It is written again once it answers.
    result.inverters.forEach((sp, k) => {
      const inverter = inverters[k]
      if (inverter && this.tracker.answering(inverter.id)) this.writer.applyInverter(inverter, sp)
    })
    result.batteries.forEach((sp, k) => {
      const battery = batteries[k]
      if (battery && this.tracker.answering(battery.id)) this.writer.applyBattery(battery, sp)
    })
    this.scheduleDeadline()
  }

  /**
   * SITE-2: the next decision is due when the first source passes the fail-safe time (its last good reading + the
   * timeout, +1 ms as the fault is "longer than" the timeout), when a process-fault hold ends, or after the idle
   * period – whichever is first.
   */
  private scheduleDeadline(): void {
    if (this.deadline !== undefined) this.options.clock.clearTimeout(this.deadline)
    this.deadline = undefined
    if (!this.unsubscribe) return
    const nowMs = this.options.clock.now()
    const { inverters, batteries = [] } = this.options
    const due = [
      ...this.tracker.lastGoodTimes([...inverters, ...batteries].map((d) => d.id)).map((t) => t + this.settings.failSafeTimeoutMs + 1),
      ...(this.processFault ? [this.processFault.untilMs] : []),
    ].filter((t) => t > nowMs)
    const delay = Math.min(IDLE_DECISION_PERIOD_MS, ...due.map((t) => t - nowMs))
    this.deadline = this.options.clock.setTimeout(() => {
      this.deadline = undefined
      if (this.unsubscribe) this.runDecision()
    }, delay)
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
      return `fail-safe:${faultTag(state.fault)}`
    case 'manual':
      return `manual:${state.reason}`
  }
}
