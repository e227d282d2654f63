/**
 * From the device manager's samples to the controller's measurements. Remembers the last value of each device so a
 * device that misses a round keeps its last output (until the fail-safe timeout says it is silent, SITE-2).
 */
import type { BatteryInput, InverterInput, MeterInput } from '../../src-shared/site-control'
import type { SiteSample } from '../devices/device-manager'
import type { ControlledBattery, ControlledInverter } from './ports'

interface Seen {
  atMs: number
  powerW: number | undefined
  online: boolean
}

export class SampleTracker {
  private meter: MeterInput | undefined
  private readonly seen = new Map<string, Seen>()

  /** Take in one sample; returns true when it carried a site meter reading. */
  update(sample: SiteSample): boolean {
    for (const device of sample.devices) {
      const previous = this.seen.get(device.deviceId)
      if (device.ok) this.seen.set(device.deviceId, { atMs: sample.at, powerW: device.der?.W ?? previous?.powerW, online: true })
      else if (previous) previous.online = false
    }
    const site = sample.site
    if (!site) return false
    this.meter = {
      atMs: sample.at,
      phasesW: { a: site.phases.A.W, b: site.phases.B.W, c: site.phases.C.W },
      ...(site.total.W !== undefined ? { totalW: site.total.W } : {}),
    }
    return true
  }

  meterInput(): MeterInput | undefined {
    return this.meter
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
