/**
 * DER status, capability and settings reporting (REQUIREMENTS TEL-1; handbook 10.3): PUT all three at start and on
 * every DERList poll, DERStatus again whenever the aggregated status changes, capability and settings again when the
 * inventory changes. PUTs go one at a time, in order.
 */
import type { Clock } from '../../src-shared/clock'
import {
  aggregateDerStatus,
  siteCapability,
  siteSettings,
  type DerDeviceState,
  type DerInventoryEntry,
  type DerStatusReport,
} from '../../src-shared/der'
import type { AppErrorShape, Result } from '../../src-shared/result'
import { TypedEmitter } from '../devices/typed-emitter'
import { serialiseSep2 } from '../sep2/xml'
import { controllerModes, derCapabilityDocument, derSettingsDocument, derStatusDocument } from './der-documents'
import type { Sep2Poster } from './ports'

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
  /** setGradW when no device states one (the DefaultDERControl's, else 28 = AS/NZS 4777.2). */
  defaultSetGradW?: number
}

export class DerReporter extends TypedEmitter<DerReporterEvents> {
  private devices: DerDeviceState[] = []
  private inventory: readonly DerInventoryEntry[]
  private lastStatusKey: string | undefined
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly options: DerReporterOptions) {
    super()
    this.inventory = options.inventory
  }

  /** At start and on every DERList poll (handbook 10.3): all three. */
  reportAll(): Promise<void> {
    this.enqueue('capability')
    this.enqueue('settings')
    return this.enqueue('status')
  }

  /** New device states: PUT DERStatus when the aggregate (not just its timestamps) changed. */
  updateDevices(devices: readonly DerDeviceState[]): Promise<void> {
    this.devices = [...devices]
    const key = statusKey(aggregateDerStatus(this.devices, { nowMs: 0 }))
    if (key === this.lastStatusKey) return this.queue
    return this.enqueue('status')
  }

  updateInventory(inventory: readonly DerInventoryEntry[]): Promise<void> {
    this.inventory = [...inventory]
    this.enqueue('capability')
    return this.enqueue('settings')
  }

  /** Resolves when every PUT asked for so far has been answered. */
  idle(): Promise<void> {
    return this.queue
  }

  private enqueue(resource: DerResource): Promise<void> {
    this.queue = this.queue.then(() => this.put(resource))
    return this.queue
  }

  private async put(resource: DerResource): Promise<void> {
    const xml = this.document(resource)
    if (!xml.ok) {
      this.emit('put', { resource, ok: false, error: xml.error })
      return
    }
    const r = await this.options.poster.put(this.options.links[resource], xml.value, { signal: new AbortController().signal })
    if (r.ok) this.emit('put', { resource, ok: true, status: r.value.status })
    else this.emit('put', { resource, ok: false, error: { code: r.error.code, message: r.error.message } })
  }

  private document(resource: DerResource): Result<string> {
    const nowMs = this.options.clock.now()
    const supported = controllerModes({ controllableLoad: this.options.controllableLoad })
    switch (resource) {
      case 'status': {
        const report = aggregateDerStatus(this.devices, { nowMs })
        this.lastStatusKey = statusKey(report)
        return serialiseSep2('DERStatus', derStatusDocument(report))
      }
      case 'capability': {
        const capability = siteCapability(this.inventory)
        return capability.ok ? serialiseSep2('DERCapability', derCapabilityDocument(capability.value, supported)) : capability
      }
      case 'settings': {
        const options = this.options.defaultSetGradW !== undefined ? { defaultSetGradW: this.options.defaultSetGradW } : {}
        const settings = siteSettings(this.inventory, options)
        if (!settings.ok) return settings
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
