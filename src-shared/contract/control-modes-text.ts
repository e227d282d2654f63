import { MODE_SPECS } from '../controls/mode-table'
import type { ControlModes } from './server'

/**
 * A control's modes in one line, e.g. "export 1500 W, import 1500 W, energize" (view units: W, percent, seconds), in
 * the control-mode table's order and words. The CLI and the renderer differ only in how they write watts.
 */
export function describeModes(modes: ControlModes, formatW: (w: number) => string = String): string {
  const parts: string[] = []
  for (const spec of MODE_SPECS) {
    const value = modes[spec.element]
    if (value === undefined) continue
    if (typeof value === 'boolean') parts.push(value ? (spec.words?.on ?? spec.label) : (spec.words?.off ?? `not ${spec.label}`))
    else parts.push(`${spec.label} ${spec.viewUnit === 'W' ? formatW(value) : String(value)} ${spec.viewUnit}`)
  }
  if (modes.rampTms !== undefined) parts.push(`ramp ${modes.rampTms} s`)
  return parts.length > 0 ? parts.join(', ') : 'no modes'
}
