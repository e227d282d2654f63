import type { MeterReading } from './meter-profile'
import { numberAt } from './sunspec-model-decode'
import type { DecodedModel } from './sunspec-model-types'

/**
 * Normalising decoded SunSpec models into the few values the rest of the app uses: DER live values (inverter or
 * storage, handbook 10.8.2 DER convention: positive generation) and site meter readings (positive import).
 */
export interface DerLive {
  W: number | undefined
  var: number | undefined
  VA: number | undefined
  /** Line-to-neutral voltage (average of the phases reported). */
  V: number | undefined
  Hz: number | undefined
  A: number | undefined
  PF: number | undefined
  /** Lifetime energy delivered, Wh. */
  energyWh: number | undefined
  /** Operating state name from the device (e.g. MPPT, THROTTLED, OFF), if it reports one. */
  state: string | undefined
  /** Grid connection state where the device reports one (model 701 ConnSt); absent otherwise. */
  connected?: boolean
}

const INVERTER_MODELS = [103, 102, 101, 113, 112, 111]
const METER_MODELS = [203, 213, 204, 214, 201, 211, 202, 212]

function first(models: DecodedModel[], ids: number[]): DecodedModel | undefined {
  for (const id of ids) {
    const m = models.find((x) => x.id === id)
    if (m) return m
  }
  return undefined
}

function average(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined && v > 0)
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : undefined
}

export function derLiveValues(models: DecodedModel[]): DerLive | undefined {
  const inv = first(models, INVERTER_MODELS)
  if (inv) {
    return {
      W: numberAt(inv, 'W'),
      var: numberAt(inv, 'VAr'),
      VA: numberAt(inv, 'VA'),
      V: average(['PhVphA', 'PhVphB', 'PhVphC'].map((p) => numberAt(inv, p))),
      Hz: numberAt(inv, 'Hz'),
      A: numberAt(inv, 'A'),
      PF: numberAt(inv, 'PF'),
      energyWh: numberAt(inv, 'WH'),
      state: inv.root.points.St?.symbol,
    }
  }
  const der = models.find((m) => m.id === 701)
  if (!der) return undefined
  return {
    W: numberAt(der, 'W'),
    var: numberAt(der, 'Var'),
    VA: numberAt(der, 'VA'),
    V: numberAt(der, 'LNV') ?? average(['VL1', 'VL2', 'VL3'].map((p) => numberAt(der, p))),
    Hz: numberAt(der, 'Hz'),
    A: numberAt(der, 'A'),
    PF: numberAt(der, 'PF'),
    energyWh: numberAt(der, 'TotWhInj'),
    state: der.root.points.InvSt?.symbol,
    ...connectedOf(der.root.points.ConnSt?.symbol),
  }
}

/** Model 701 ConnSt (IEEE 1547-2018): CONNECTED / DISCONNECTED; anything else says nothing. */
function connectedOf(symbol: string | undefined): { connected?: boolean } {
  if (symbol === 'CONNECTED') return { connected: true }
  if (symbol === 'DISCONNECTED') return { connected: false }
  return {}
}

export function sunspecMeterReading(models: DecodedModel[]): MeterReading | undefined {
  const m = first(models, METER_MODELS)
  if (!m) return undefined
  const phase = (p: 'A' | 'B' | 'C') => ({
    W: numberAt(m, `Wph${p}`),
    var: numberAt(m, `VARph${p}`),
    VA: numberAt(m, `VAph${p}`),
    V: numberAt(m, `PhVph${p}`),
    A: numberAt(m, `Aph${p}`),
    PF: numberAt(m, `PFph${p}`),
  })
  return {
    phases: { A: phase('A'), B: phase('B'), C: phase('C') },
    total: {
      W: numberAt(m, 'W'),
      var: numberAt(m, 'VAR'),
      VA: numberAt(m, 'VA'),
      PF: numberAt(m, 'PF'),
      Hz: numberAt(m, 'Hz'),
      WhImport: numberAt(m, 'TotWhImp'),
      WhExport: numberAt(m, 'TotWhExp'),
    },
  }
}

export type DeviceRole = 'inverter' | 'storage' | 'meter' | 'other'

export function sunspecRole(models: DecodedModel[]): DeviceRole {
  const ids = models.map((m) => m.id)
  if (ids.some((id) => METER_MODELS.includes(id))) return 'meter'
  if (ids.includes(124)) return 'storage'
  if (ids.some((id) => INVERTER_MODELS.includes(id) || id === 701)) return 'inverter'
  return 'other'
}

/** How an inverter's active power can be limited (DEV-4): model 123, model 704, or not at all (with the reason). */
export type ControlSupport =
  | { kind: 'model123'; address: number }
  | { kind: 'model704'; address: number }
  | { kind: 'none'; reason: string }

export function controlSupport(models: DecodedModel[]): ControlSupport {
  const m123 = models.find((m) => m.id === 123)
  if (m123) return { kind: 'model123', address: m123.address }
  const m704 = models.find((m) => m.id === 704)
  if (m704) return { kind: 'model704', address: m704.address }
  return {
    kind: 'none',
    reason: 'this device offers neither SunSpec model 123 (immediate controls) nor model 704 (DER AC controls), so its export cannot be limited over Modbus; enable controls in its settings or use a supported gateway',
  }
}

/** DEV-4 in words, for the devices step and the scan command. */
export function describeControl(control: ControlSupport): string {
  switch (control.kind) {
    case 'model123':
      return 'active power limit, connect/disconnect via SunSpec model 123 (immediate controls)'
    case 'model704':
      return 'active power limit via SunSpec model 704 (DER AC controls)'
    case 'none':
      return `not controllable – ${control.reason}`
  }
}
