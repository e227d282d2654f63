import { modeValuesText, modesFromView } from '../controls/mode-views'
import type { ControlModes, RefusedMode } from './server'

/**
 * A control's modes in one line, e.g. "export 1500 W, import 1500 W, energize" (view units: W, percent, seconds), in
 * the control-mode table's order and words (the same text the report and the CLI's `limits` write). The CLI and the
 * renderer differ only in how they write watts.
 */
export function describeModes(modes: ControlModes, formatW: (w: number) => string = String): string {
  const text = modeValuesText(modesFromView(modes), (w) => `${formatW(w)} W`)
  if (modes.rampTms === undefined) return text
  return text === 'no modes' ? `ramp ${modes.rampTms} s` : `${text}, ramp ${modes.rampTms} s`
}

/**
 * REL-4: a control's modes plus, when the codec refused some, that the control is not applied and why, e.g.
 * "import 1500 W – NOT APPLIED: opModExpLimW 1099511627776 is outside PowerOfTenMultiplierType (-9..9)".
 */
export function describeControl(control: { modes: ControlModes; invalid?: readonly RefusedMode[] }, formatW?: (w: number) => string): string {
  const text = describeModes(control.modes, formatW)
  if (control.invalid === undefined || control.invalid.length === 0) return text
  return `${text} – NOT APPLIED: ${control.invalid.map((r) => `${r.element} ${r.reason}`).join('; ')}`
}
