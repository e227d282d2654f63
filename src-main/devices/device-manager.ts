import type { Clock, TimerId } from '../../src-shared/clock'
import { aggregateDer, type DerAggregate } from '../../src-shared/devices/aggregate'
import type { DerLive } from '../../src-shared/devices/der-values'
import type { MeterReading } from '../../src-shared/devices/meter-profile'
import type { AppErrorShape } from '../../src-shared/result'
import { AppError, errorMessage } from '../errors'
import { readDeviceValues, type ManagedDevice, type ManagedRole } from './managed-device'
import { describePeriod, initialPeriodState, nextPeriod, TARGET_SAMPLE_PERIOD_MS, type PeriodState } from './sampling-period'
import { TypedEmitter } from './typed-emitter'

/**
 * The sampling loop (DEV-5): the site meter and every inverter every 200 ms where the bus allows, slower (to 1 s) where
 * it does not. Devices on one bus are read in turn (the bus mutex), separate buses in parallel. Every timestamp comes
 * from one monotonic clock anchored once to wall time, so a wall-clock step never reorders or squeezes samples.
 */
/**
 * One device's part of a round. `atMs` (wall-time ms on the sampler's clock) is when its read began – the age of its
 * values, which SITE-2 measures the fail-safe time from; samples built by hand (tests) may leave it out.
 */
export type DeviceSample =
  | { deviceId: string; role: ManagedRole; ok: true; der: DerLive | undefined; meter: MeterReading | undefined; atMs?: number }
  | { deviceId: string; role: ManagedRole; ok: false; error: AppErrorShape; atMs?: number }

export interface SiteSample {
  seq: number
  /** Wall-time ms derived from the monotonic clock (anchor + elapsed). */
  at: number
  /** Monotonic ms at the start of the round. */
  mono: number
  /** How long the round of reads took. */
  roundMs: number
  periodMs: number
  /** The site meter's reading (handbook 10.8.2: import positive, export negative). */
  site: MeterReading | undefined
  der: DerAggregate
  devices: DeviceSample[]
  /** Set when this sample is late (interval > 1.5 x period) or a device did not answer. */
  gap: { intervalMs: number | undefined; missing: string[] } | undefined
}

export type SamplingStatus =
  | { state: 'stopped' }
  | { state: 'running'; periodMs: number; targetPeriodMs: number; note: string | undefined }

export interface DeviceManagerEvents {
  sample: (sample: SiteSample) => void
  /** One device's reading as soon as it is read, before the rest of the round (the site controller's freshness). */
  reading: (reading: DeviceSample) => void
  status: (status: SamplingStatus) => void
}

export interface DeviceManagerOptions {
  clock: Clock
  devices: ManagedDevice[]
}

const LATE_FACTOR = 1.5

export class DeviceManager extends TypedEmitter<DeviceManagerEvents> {
  private readonly clock: Clock
  private readonly devices: ManagedDevice[]
  private period: PeriodState = initialPeriodState()
  private timer: TimerId | undefined
  private running = false
  private seq = 0
  private lastMono: number | undefined
  private anchor = { wall: 0, mono: 0 }
  private current: SamplingStatus = { state: 'stopped' }

  constructor(options: DeviceManagerOptions) {
    super()
    this.clock = options.clock
    this.devices = options.devices
  }

  status(): SamplingStatus {
    return this.current
  }

  onReading(fn: (reading: DeviceSample) => void): () => void {
    return this.on('reading', fn)
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.anchor = { wall: this.clock.now(), mono: this.clock.monotonic() }
    this.setStatus({ state: 'running', periodMs: this.period.periodMs, targetPeriodMs: TARGET_SAMPLE_PERIOD_MS, note: undefined })
    this.timer = this.clock.setTimeout(() => void this.round(), 0)
  }

  stop(): void {
    this.running = false
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer)
    this.timer = undefined
    this.setStatus({ state: 'stopped' })
  }

  private setStatus(status: SamplingStatus): void {
    this.current = status
    this.emit('status', status)
  }

  private async round(): Promise<void> {
    const mono = this.clock.monotonic()
    const devices = await this.readAll()
    if (!this.running) return
    const roundMs = this.clock.monotonic() - mono
    this.adapt(roundMs)
    this.emit('sample', this.buildSample(mono, roundMs, devices))
    this.lastMono = mono
    const delay = Math.max(0, mono + this.period.periodMs - this.clock.monotonic())
    this.timer = this.clock.setTimeout(() => void this.round(), delay)
  }

  private adapt(roundMs: number): void {
    const before = this.period.periodMs
    this.period = nextPeriod(this.period, roundMs)
    if (this.period.periodMs !== before) {
      this.setStatus({ state: 'running', periodMs: this.period.periodMs, targetPeriodMs: TARGET_SAMPLE_PERIOD_MS, note: describePeriod(this.period.periodMs, roundMs) })
    }
  }

  private buildSample(mono: number, roundMs: number, devices: DeviceSample[]): SiteSample {
    const intervalMs = this.lastMono === undefined ? undefined : mono - this.lastMono
    const late = intervalMs !== undefined && intervalMs > this.period.periodMs * LATE_FACTOR
    const missing = devices.filter((d) => !d.ok).map((d) => d.deviceId)
    const meter = devices.find((d) => d.role === 'site-meter' && d.ok)
    const ders = devices.filter((d) => d.role !== 'site-meter').map((d) => (d.ok ? d.der : undefined))
    return {
      seq: this.seq++,
      at: this.anchor.wall + (mono - this.anchor.mono),
      mono,
      roundMs,
      periodMs: this.period.periodMs,
      site: meter?.ok ? meter.meter : undefined,
      der: aggregateDer(ders),
      devices,
      gap: late || missing.length ? { intervalMs, missing } : undefined,
    }
  }

  /** One round: buses in parallel, devices on a bus in turn (their transport's mutex orders them anyway). */
  private async readAll(): Promise<DeviceSample[]> {
    const buses = new Map<ManagedDevice['transport'], ManagedDevice[]>()
    for (const d of this.devices) buses.set(d.transport, [...(buses.get(d.transport) ?? []), d])
    const results = new Map<string, DeviceSample>()
    await Promise.all(
      [...buses.values()].map(async (list) => {
        for (const d of list) {
          const atMs = this.anchor.wall + (this.clock.monotonic() - this.anchor.mono)
          const reading = { ...(await sampleOne(d)), atMs }
          results.set(d.id, reading)
          if (this.running) this.emit('reading', reading)
        }
      }),
    )
    return this.devices.map((d) => results.get(d.id)).filter((s): s is DeviceSample => s !== undefined)
  }
}

async function sampleOne(d: ManagedDevice): Promise<DeviceSample> {
  try {
    const values = await readDeviceValues(d)
    return { deviceId: d.id, role: d.role, ok: true, ...values }
  } catch (e) {
    const code = e instanceof AppError ? e.code : 'DEVICE_READ'
    return { deviceId: d.id, role: d.role, ok: false, error: { code, message: errorMessage(e) } }
  }
}

export function createDeviceManager(options: DeviceManagerOptions): DeviceManager {
  return new DeviceManager(options)
}
