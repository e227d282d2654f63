/**
 * DER status, capability and settings reporting (REQUIREMENTS TEL-1; handbook 10.3): all three at start and every
 * report period (handbook 10.2 table 2: 300 s), DERStatus again when the aggregated status changes, capability and
 * settings again when the inventory changes. Bounded (issue 15 item 6, issue 16 item 6): a status change counts only
 * once it has held for STATUS_CONFIRM_SAMPLES samples, each resource is PUT at most once per DER_PUT_MIN_INTERVAL_MS,
 * at most one PUT per resource is pending, a failed resource waits for the next period, and stop() ends it all.
 */
import type { Clock, TimerId } from '../../src-shared/clock'
import {
  aggregateDerStatus,
  siteCapability,
  siteSettings,
  type DerDeviceState,
  type DerInventoryEntry,
  type DerStatusReport,
} from '../../src-shared/der'
import { DEFAULT_SET_GRAD_W } from '../../src-shared/controls/mode-table'
import type { AppErrorShape, Result } from '../../src-shared/result'
import { TypedEmitter } from '../devices/typed-emitter'
import { serialiseSep2 } from '../sep2/xml'
import { controllerModes, derCapabilityDocument, derSettingsDocument, derStatusDocument } from './der-documents'
import type { Sep2Poster } from './ports'
import { ReportQueue } from './report-queue'

export type DerResource = 'status' | 'capability' | 'settings'

/** The hrefs from the DER resource (DERStatusLink, DERCapabilityLink, DERSettingsLink). */
export interface DerLinks {
  status: string
  capability: string
  settings: string
}

export interface DerReporterEvents {
  put: (e: { resource: DerResource; ok: true; status: number } | { resource: DerResource; ok: false; error: AppErrorShape }) => void
}

export interface DerReporterOptions {
  clock: Clock
  poster: Sep2Poster
  links: DerLinks
  inventory: readonly DerInventoryEntry[]
  /** The site has controllable load (a battery): import and load limits are enforced. */
  controllableLoad: boolean
  /** Every managed inverter can be disconnected: opModConnect / opModEnergize are claimed (handbook 10.3.2). */
  canDisconnect: boolean
  /** setGradW when no device states one (the DefaultDERControl's, else 28 = AS/NZS 4777.2). */
  defaultSetGradW?: number
  /**
   * The setGradW the site's ramps follow now (the DefaultDERControl's; undefined = none given, so 28): DERSettings
   * reports it (ALL-13). Absent: the site does not ramp at a server setGradW and the devices' own are reported.
   */
  setGradW?: () => number | undefined
}

/**
 * Handbook 10.2 table 2: the DER resources are polled every 300 s, and the post rate of the readings is 300 s; the
 * client reports its DER resources as often.
 */
export const DER_REPORT_PERIOD_MS = 300_000
/**
 * Handbook 13.1 (do not load the server beyond the poll and post rates of table 2): a confirmed status change is PUT
 * within a minute, but never more than once a minute per resource – at most five times per 300 s post period.
 */
export const DER_PUT_MIN_INTERVAL_MS = 60_000
/** A status change counts once this many consecutive samples agree (a flicker of one sample is not a change). */
export const STATUS_CONFIRM_SAMPLES = 3

const ORDER: readonly DerResource[] = ['capability', 'settings', 'status']

export class DerReporter extends TypedEmitter<DerReporterEvents> {
  /** The confirmed device states: what DERStatus reports. */
  private devices: DerDeviceState[] = []
  private confirmedKey: string | undefined
  private candidate: { key: string; count: number } | undefined
  private inventory: readonly DerInventoryEntry[]
  private readonly queue: ReportQueue<DerResource>
  private periodTimer: TimerId | undefined
  private stopped = false
  /** setGradW of the last DERSettings document made. */
  private reportedSetGradW: number | undefined

  constructor(private readonly options: DerReporterOptions) {
    super()
    this.inventory = options.inventory
    this.queue = new ReportQueue({ clock: options.clock, order: ORDER, minIntervalMs: DER_PUT_MIN_INTERVAL_MS, send: (r, signal) => this.put(r, signal) })
  }

  /** Report all three now and every DER_REPORT_PERIOD_MS until stop(). */
  start(): void {
    if (this.stopped || this.periodTimer !== undefined) return
    const tick = (): void => {
      if (this.stopped) return
      void this.reportAll()
      this.periodTimer = this.options.clock.setTimeout(tick, DER_REPORT_PERIOD_MS)
    }
    tick()
  }

  /** Nothing is sent after this: the PUT in flight is aborted, pending ones are dropped. */
  stop(): void {
    this.stopped = true
    if (this.periodTimer !== undefined) this.options.clock.clearTimeout(this.periodTimer)
    this.periodTimer = undefined
    this.queue.stop()
  }

  /** A report period (handbook 10.3): all three; resources held after a failure are tried again. */
  reportAll(): Promise<void> {
    this.queue.release()
    void this.queue.request('capability')
    void this.queue.request('settings')
    // Before the devices are first read there is no status to tell: it follows with the first sample.
    return this.confirmedKey === undefined ? this.queue.idle() : this.queue.request('status')
  }

  /** New device states (one sample): PUT DERStatus once a change of the aggregate (not its timestamps) is confirmed. */
  updateDevices(devices: readonly DerDeviceState[]): Promise<void> {
    if (!this.confirm(devices)) return this.queue.idle()
    return this.queue.request('status')
  }

  /**
   * The setGradW in force may have changed (a new DefaultDERControl): DERSettings is PUT again when the value it reports
   * differs from the last one PUT (handbook 11.3, cactus ALL-13 / ALL-28).
   */
  setGradWChanged(): Promise<void> {
    if (this.options.setGradW === undefined || this.inForceSetGradW() === this.reportedSetGradW) return this.queue.idle()
    return this.queue.request('settings')
  }

  updateInventory(inventory: readonly DerInventoryEntry[]): Promise<void> {
    this.inventory = [...inventory]
    void this.queue.request('capability')
    return this.queue.request('settings')
  }

  /** Resolves when no PUT is in flight. */
  idle(): Promise<void> {
    return this.queue.idle()
  }

  private inForceSetGradW(): number | undefined {
    return this.options.setGradW === undefined ? undefined : (this.options.setGradW() ?? DEFAULT_SET_GRAD_W)
  }

  /** True when `devices` confirm a new status: the first one at once, a change after STATUS_CONFIRM_SAMPLES samples. */
  private confirm(devices: readonly DerDeviceState[]): boolean {
    const key = statusKey(aggregateDerStatus(devices, { nowMs: 0 }))
    if (key === this.confirmedKey) {
      this.candidate = undefined
      return false
    }
    const count = this.candidate?.key === key ? this.candidate.count + 1 : 1
    this.candidate = { key, count }
    if (this.confirmedKey !== undefined && count < STATUS_CONFIRM_SAMPLES) return false
    this.candidate = undefined
    this.confirmedKey = key
    this.devices = [...devices]
    return true
  }

  private async put(resource: DerResource, signal: AbortSignal): Promise<boolean> {
    const xml = this.document(resource)
    if (!xml.ok) {
      this.emit('put', { resource, ok: false, error: xml.error })
      return false
    }
    // handbook 13.2: the transport's retries stay inside the report period.
    const r = await this.options.poster.put(this.options.links[resource], xml.value, { signal, periodMs: DER_REPORT_PERIOD_MS })
    // Stopped while it was under way: nothing to report to a host that has moved on.
    if (signal.aborted) return false
    if (r.ok) this.emit('put', { resource, ok: true, status: r.value.status })
    else this.emit('put', { resource, ok: false, error: { code: r.error.code, message: r.error.message } })
    return r.ok
  }

  private document(resource: DerResource): Result<string> {
    const nowMs = this.options.clock.now()
    const supported = controllerModes({ controllableLoad: this.options.controllableLoad, canDisconnect: this.options.canDisconnect })
    switch (resource) {
      case 'status':
        return serialiseSep2('DERStatus', derStatusDocument(aggregateDerStatus(this.devices, { nowMs })))
      case 'capability': {
        const capability = siteCapability(this.inventory)
        return capability.ok ? serialiseSep2('DERCapability', derCapabilityDocument(capability.value, supported)) : capability
      }
      case 'settings': {
        const inForce = this.inForceSetGradW()
        const options = { ...(this.options.defaultSetGradW !== undefined ? { defaultSetGradW: this.options.defaultSetGradW } : {}), ...(inForce !== undefined ? { inForceSetGradW: inForce } : {}) }
        const settings = siteSettings(this.inventory, options)
        if (!settings.ok) return settings
        this.reportedSetGradW = inForce
        return serialiseSep2('DERSettings', derSettingsDocument(settings.value, { updatedTime: Math.floor(nowMs / 1000), enabled: supported }))
      }
    }
  }
}

/** The status values without their timestamps. */
function statusKey(report: DerStatusReport): string {
  const { readingTime: _time, ...fields } = report
  return JSON.stringify(Object.entries(fields).map(([name, v]) => [name, v.value]))
}
