import { encodeProfileValue, type MeterProfile, type MeterReading } from '../../../src-shared/devices/meter-profile'
import type { DeviceFault } from './faults'
import type { SimUnit } from './modbus-pdu'
import type { SunSpecMap } from './sunspec-map'

/** Fault state shared by every simulated unit: the fault itself and, for "stuck", the registers frozen when it began. */
class FaultState {
  current: DeviceFault = { kind: 'none' }
}

/** A simulated SunSpec device (inverter, battery, meter) on one unit id. */
export class SunSpecUnit implements SimUnit {
  private readonly faults = new FaultState()
  private frozen: Map<number, number> | undefined

  constructor(
    readonly unitId: number,
    readonly map: SunSpecMap,
  ) {}

  fault(): DeviceFault {
    return this.faults.current
  }

  setFault(fault: DeviceFault): void {
    this.faults.current = fault
    this.frozen = fault.kind === 'stuck' ? this.map.snapshot() : undefined
  }

  readHolding(address: number, count: number): number[] | undefined {
    const frozen = this.frozen
    if (!frozen) return this.map.read(address, count)
    const out: number[] = []
    for (let a = address; a < address + count; a++) {
      const w = frozen.get(a)
      if (w === undefined) return undefined
      out.push(w)
    }
    return out
  }

  readInput(): number[] | undefined {
    return undefined
  }

  writeHolding(address: number, values: number[]): boolean {
    return this.map.write(address, values)
  }
}

/** A simulated non-SunSpec meter serving its profile's registers (e.g. Eastron SDM630 input registers). */
export class ProfileMeterUnit implements SimUnit {
  private readonly faults = new FaultState()
  private readonly regs = new Map<number, number>()
  private stuck = false

  constructor(
    readonly unitId: number,
    readonly profile: MeterProfile,
  ) {
    this.update({ phases: { A: {}, B: {}, C: {} }, total: {} })
  }

  fault(): DeviceFault {
    return this.faults.current
  }

  setFault(fault: DeviceFault): void {
    this.faults.current = fault
    this.stuck = fault.kind === 'stuck'
  }

  /** Write a reading into the registers (ignored while stuck). */
  update(reading: MeterReading): void {
    if (this.stuck) return
    for (const p of this.profile.points) {
      const source = p.phase === 'total' ? reading.total : reading.phases[p.phase]
      encodeProfileValue(p, source[p.quantity] ?? 0).forEach((w, i) => this.regs.set(p.register + i, w))
    }
  }

  private read(kind: 'input' | 'holding', address: number, count: number): number[] | undefined {
    if (!this.profile.points.some((p) => p.function === kind)) return undefined
    // real meters answer zeros for gaps inside their map
    return Array.from({ length: count }, (_, i) => this.regs.get(address + i) ?? 0)
  }

  readInput(address: number, count: number): number[] | undefined {
    return this.read('input', address, count)
  }

  readHolding(address: number, count: number): number[] | undefined {
    return this.read('holding', address, count)
  }

  writeHolding(): boolean {
    return false
  }
}
