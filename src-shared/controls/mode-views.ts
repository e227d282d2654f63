/**
 * Engine mode values <-> the installer's view of them (src-shared/contract/server ControlModes: element names,
 * percent for opModMaxLimW / opModFixedW, seconds for rampTms), both directions read from the control-mode table.
 */
import type { ControlModes } from '../contract/server'
import { CONTROL_MODE_TABLE, MODE_SPECS, RAMP_TMS_PER_SECOND, fromViewValue, toViewValue } from './mode-table'
import type { ControlMode, ModeValue, ModeValues } from './types'

type ViewValues = Record<string, number | boolean>

/** Engine units -> view units (rampTms in hundredths of a second -> seconds). */
export function viewModes(modes: ModeValues, rampTms?: number): ControlModes {
  const out: ViewValues = {}
  for (const spec of MODE_SPECS) {
    const value = modes[spec.mode]
    if (value !== undefined) out[spec.element] = typeof value === 'number' ? toViewValue(spec.mode, value) : value
  }
  if (rampTms !== undefined) out.rampTms = rampTms / RAMP_TMS_PER_SECOND
  return out as ControlModes
}

/** View units -> engine units. */
export function modesFromView(view: ControlModes): ModeValues {
  const out: ModeValues = {}
  const values = view as ViewValues
  for (const spec of MODE_SPECS) {
    const value = values[spec.element]
    if (value !== undefined) out[spec.mode] = typeof value === 'number' ? fromViewValue(spec.mode, value) : value
  }
  return out
}

/** A view's rampTms (s) back to hundredths of a second. */
export function rampTmsFromView(seconds: number): number {
  return Math.round(seconds * RAMP_TMS_PER_SECOND)
}

/** One mode value in words and its view unit: "export 1500 W", "max 50 %", "energize"; Infinity = "unlimited". */
export function modeValueText(mode: ControlMode, value: ModeValue, formatW: (w: number) => string = (w) => `${w} W`): string {
  const spec = CONTROL_MODE_TABLE[mode]
  if (typeof value === 'boolean') return value ? (spec.words?.on ?? spec.label) : (spec.words?.off ?? `not ${spec.label}`)
  if (!Number.isFinite(value)) return `${spec.label} unlimited`
  return spec.viewUnit === 'W' ? `${spec.label} ${formatW(value)}` : `${spec.label} ${toViewValue(mode, value)} ${spec.viewUnit}`
}

/** Engine mode values in one line, in the table's order (the report and the CLI). */
export function modeValuesText(modes: Partial<Record<string, ModeValue>>, formatW?: (w: number) => string): string {
  const parts = MODE_SPECS.flatMap((spec) => {
    const value = modes[spec.mode]
    return value === undefined ? [] : [modeValueText(spec.mode, value, formatW)]
  })
  return parts.length > 0 ? parts.join(', ') : 'no modes'
}
