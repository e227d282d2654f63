import type { Phase } from './physical-model'

/** What the device simulator simulates: which devices on which unit ids, and the site's physics knobs. */
export interface SimInverterSpec {
  unitId: number
  /** '123': models 1, 103, 120, 121, 122, 123, 160. '704': models 1, 701, 702, 703, 704 (no 123). */
  controls: '123' | '704'
  ratedW: number
  /** Ramp rate in W/s; set low to simulate a slow inverter. */
  rampWps: number
  phases: Phase[]
  serial: string
}

export interface SimBatterySpec {
  unitId: number
  ratedW: number
  capacityWh: number
  socPct: number
  serial: string
}

export interface SimScenario {
  seed: number
  /** Simulation step; the models are updated on this period of the injected clock. */
  tickMs: number
  /** Household load across the three phases, W, and its noise amplitude. */
  loadBaseW: number
  loadNoiseW: number
  /** Fixed PV availability (0..1) instead of the daily curve; tests use this for determinism. */
  pvAvailability?: number
  inverters: SimInverterSpec[]
  battery?: SimBatterySpec
  /** Unit id of a SunSpec (model 203) site meter, if any. */
  sunspecMeterUnit?: number
  /** Unit id of an Eastron SDM630-profile site meter, if any. */
  sdm630MeterUnit?: number
  /** Installer mistake to find with the sign check: the meters' CTs on these phases are fitted backwards. */
  meterCtReversed?: Phase[]
  /**
   * How the battery uses model 124's InWRte/OutWRte. 'self-consumption' (default, like most home batteries): it charges
   * from surplus solar and discharges into the household's deficit, the rates being LIMITS as SunSpec defines them.
   * 'charge-at-limit': it charges (from the grid if need be) at exactly the rate written – a VPP-style battery.
   */
  batteryMode?: 'self-consumption' | 'charge-at-limit'
}

export const DEFAULT_SIM_SCENARIO: SimScenario = {
  seed: 2030,
  tickMs: 100,
  loadBaseW: 800,
  loadNoiseW: 100,
  inverters: [
    { unitId: 1, controls: '123', ratedW: 5000, rampWps: 1000, phases: ['A', 'B', 'C'], serial: 'SIM-INV-123-0001' },
    { unitId: 2, controls: '704', ratedW: 3000, rampWps: 200, phases: ['A'], serial: 'SIM-INV-704-0002' },
  ],
  battery: { unitId: 3, ratedW: 5000, capacityWh: 13_500, socPct: 60, serial: 'SIM-BAT-0003' },
  sunspecMeterUnit: 4,
  sdm630MeterUnit: 5,
}
