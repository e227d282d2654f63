/**
 * Writing the controller's setpoints to the devices (DEV-4 writes with read-back). Only meaningful changes are
 * written, one write at a time per device; a refused or mismatched write is reported and retried after a pause;
 * a standing limit is re-written before the device's revert timer runs out (the timer is what makes the device fall
 * back on its own if this app dies, handbook 11.4).
 */
import type { Clock } from '../../src-shared/clock'
import type { AppErrorShape } from '../../src-shared/result'
import type { BatterySetpoint, InverterSetpoint } from '../../src-shared/site-control'
import { DEFAULT_CONTROL_REVERT_S } from '../devices/control'
import { ControlNotSupportedError } from '../devices/control-errors'
import { AppError, errorMessage } from '../errors'
import type { ControlledBattery, ControlledInverter, DeviceControls } from './ports'

/** Percent steps smaller than this are rounding, not a change (SunSpec WMaxLimPct resolution is 0.1 % at best). */
export const MIN_PERCENT_CHANGE = 0.1
/** After a failed write, wait this long before trying that device again (do not hammer a sick bus). */
export const WRITE_RETRY_MS = 2000

export type WriteKind = 'limit' | 'connect' | 'charge'

export type WriteOutcome =
  | { deviceId: string; kind: WriteKind; ok: true; atMs: number; value: number | boolean | undefined }
  | { deviceId: string; kind: WriteKind; ok: false; atMs: number; value: number | boolean | undefined; error: AppErrorShape }

interface Written {
  percent: number | undefined
  connect: boolean | undefined
  atMs: number
}

interface DeviceWriteState {
  written: Written | undefined
  inFlight: Promise<void> | undefined
  failedAtMs: number | undefined
}

export interface SetpointWriterOptions {
  clock: Clock
  controls: DeviceControls
  revertSeconds?: number
  onWrite: (outcome: WriteOutcome) => void
}

export class SetpointWriter {
  private readonly devices = new Map<string, DeviceWriteState>()
  private readonly revertS: number

  constructor(private readonly options: SetpointWriterOptions) {
    this.revertS = options.revertSeconds ?? DEFAULT_CONTROL_REVERT_S
  }

  /** The limit (percent of rating) last confirmed on this device. */
  confirmedPercent(id: string): number | undefined {
    return this.devices.get(id)?.written?.percent
  }

  applyInverter(inverter: ControlledInverter, setpoint: InverterSetpoint): void {
    const target = inverter.target
    if (!target) return
    const percent = roundDown(setpoint.percent)
    const state = this.ready(inverter.id)
    if (!state) return
    const connectChange = state.written?.connect !== setpoint.connect && !(state.written === undefined && setpoint.connect)
    if (!connectChange && !this.limitDue(state.written, percent)) return
    const { controls } = this.options
    this.run(inverter.id, state, async (record) => {
      if (connectChange) await this.connect(record, () => controls.setConnected(target, setpoint.connect, this.revertS), setpoint.connect)
      await record('limit', percent, () => controls.setActivePowerLimit(target, { percent, revertSeconds: this.revertS }))
      return { percent, connect: setpoint.connect }
    })
  }

  applyBattery(battery: ControlledBattery, setpoint: BatterySetpoint): void {
    const percent = roundDown(setpoint.chargePercent)
    const state = this.ready(battery.id)
    if (!state || !this.limitDue(state.written, percent)) return
    const { controls } = this.options
    this.run(battery.id, state, async (record) => {
      const req = percent === undefined ? { revertSeconds: this.revertS } : { chargePct: percent, revertSeconds: this.revertS }
      await record('charge', percent, () => controls.setStorageRates(battery.target, req))
      return { percent, connect: undefined }
    })
  }

  /**
   * A connect write. An inverter that has no way to disconnect (neither model 123 nor 703, CONTROL_NOT_SUPPORTED) is
   * reported once per change and then left to its limit, which the controller holds at 0 % while disconnected – the
   * limit write must not be blocked by it.
   */
  private async connect(record: Recorder, write: () => Promise<unknown>, value: boolean): Promise<void> {
    try {
      await record('connect', value, write)
    } catch (error) {
      if (!(error instanceof ControlNotSupportedError)) throw error
    }
  }

  /** Resolves once no write is in flight. */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.devices.values()].flatMap((d) => (d.inFlight ? [d.inFlight] : []))
      if (pending.length === 0) return
      await Promise.all(pending)
    }
  }

  private ready(id: string): DeviceWriteState | undefined {
    let state = this.devices.get(id)
    if (!state) {
      state = { written: undefined, inFlight: undefined, failedAtMs: undefined }
      this.devices.set(id, state)
    }
    if (state.inFlight) return undefined
    if (state.failedAtMs !== undefined && this.options.clock.now() - state.failedAtMs < WRITE_RETRY_MS) return undefined
    return state
  }

  /** A new value, or the same limit again before half the revert time has passed. */
  private limitDue(written: Written | undefined, percent: number | undefined): boolean {
    if (!written) return true
    if ((written.percent === undefined) !== (percent === undefined)) return true
    if (written.percent !== undefined && percent !== undefined && Math.abs(written.percent - percent) >= MIN_PERCENT_CHANGE) return true
    const refreshDue = this.options.clock.now() - written.atMs >= (this.revertS * 1000) / 2
    return percent !== undefined && refreshDue
  }

  private run(
    id: string,
    state: DeviceWriteState,
    body: (record: Recorder) => Promise<{ percent: number | undefined; connect: boolean | undefined }>,
  ): void {
    const record: Recorder = async (kind, value, write) => {
      try {
        await write()
        this.options.onWrite({ deviceId: id, kind, ok: true, atMs: this.options.clock.now(), value })
      } catch (error) {
        const shape = { code: error instanceof AppError ? error.code : 'DEVICE_WRITE', message: errorMessage(error) }
        this.options.onWrite({ deviceId: id, kind, ok: false, atMs: this.options.clock.now(), value, error: shape })
        throw error
      }
    }
    state.inFlight = body(record)
      .then((written) => {
        state.written = { ...written, atMs: this.options.clock.now() }
        state.failedAtMs = undefined
      })
      .catch(() => {
        state.failedAtMs = this.options.clock.now()
      })
      .finally(() => {
        state.inFlight = undefined
      })
  }
}

type Recorder = (kind: WriteKind, value: number | boolean | undefined, write: () => Promise<unknown>) => Promise<void>

/** Down to 0.1 %: rounding down never lifts a limit above what the controller asked for. */
function roundDown(percent: number | undefined): number | undefined {
  return percent === undefined ? undefined : Math.floor(percent * 10 + 1e-9) / 10
}
