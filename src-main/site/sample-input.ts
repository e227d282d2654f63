/**
 * From the device manager's samples to the controller's measurements. Remembers the last good value of each device –
 * stamped with when that device was read, not when its round ended (SITE-2 measures the fail-safe time from the last
 * good sample of each source) – so a device that misses a round keeps its last output until the timeout says it is
 * silent.
 */
import type { BatteryInput, InverterInput, MeterInput } from '../../src-shared/site-control'
import type { MeterReading } from '../../src-shared/devices/meter-profile'
import type { DeviceSample, SiteSample } from '../devices/device-manager'
import type { ControlledBattery, ControlledInverter } from './ports'

interface Seen {
  /** When its last good reading was taken; undefined = it has never answered. */
  atMs: number | undefined
  powerW: number | undefined
  online: boolean
}

export class SampleTracker {
  private meter: MeterInput | undefined
  private readonly seen = new Map<string, Seen>()

  /** Take in one round. The devices' own stamps win; a hand-built sample without them is stamped with the round's. */
  update(sample: SiteSample): void {
    for (const device of sample.devices) this.updateDevice(device, sample.at)
    const meterInSample = sample.devices.some((d) => d.role === 'site-meter' && d.ok)
    if (sample.site && !meterInSample) this.setMeter(sample.site, sample.at)
  }

  /** One device's reading (streamed as soon as it is read, or from a round). */
  updateDevice(device: DeviceSample, fallbackAtMs?: number): void {
    const atMs = device.atMs ?? fallbackAtMs
    if (atMs === undefined) return
    const previous = this.seen.get(device.deviceId)
    if (!device.ok) {
      if (previous) previous.online = false
      else this.seen.set(device.deviceId, { atMs: undefined, powerW: undefined, online: false })
      return
    }
    if (previous?.atMs !== undefined && previous.atMs > atMs) return
    this.seen.set(device.deviceId, { atMs, powerW: device.der?.W ?? previous?.powerW, online: true })
    if (device.role === 'site-meter' && device.meter) this.setMeter(device.meter, atMs)
  }

  private setMeter(site: MeterReading, atMs: number): void {
    if (this.meter && this.meter.atMs > atMs) return
    this.meter = {
      atMs,
      phasesW: { a: site.phases.A.W, b: site.phases.B.W, c: site.phases.C.W },
      ...(site.total.W !== undefined ? { totalW: site.total.W } : {}),
    }
  }

  meterInput(): MeterInput | undefined {
    return this.meter
  }

  /** False only when its last read failed (a device never heard from yet is given the benefit of the doubt). */
  answering(id: string): boolean {
    return this.seen.get(id)?.online ?? true
  }

  /** When the meter and each of these devices last answered (those that ever did): the fail-safe deadlines' bases. */
  lastGoodTimes(ids: readonly string[]): number[] {
    const devices = ids.map((id) => this.seen.get(id)?.atMs).filter((t): t is number => t !== undefined)
    return this.meter ? [this.meter.atMs, ...devices] : devices
  }

  inverterInputs(inverters: readonly ControlledInverter[], limits: ReadonlyMap<string, number | undefined>): InverterInput[] {
    return inverters.map((inv) => {
      const seen = this.seen.get(inv.id)
      return {
        id: inv.id,
        ratedW: inv.ratedW,
        outputW: seen?.powerW,
        limitW: limits.get(inv.id),
        online: seen?.online ?? false,
        lastSeenMs: seen?.atMs,
        controllable: inv.target !== undefined,
      }
    })
  }

  batteryInputs(batteries: readonly ControlledBattery[]): BatteryInput[] {
    return batteries.map((b) => {
      const seen = this.seen.get(b.id)
      return { id: b.id, ratedChargeW: b.ratedChargeW, powerW: seen?.powerW, online: seen?.online ?? false, lastSeenMs: seen?.atMs }
    })
  }
}
