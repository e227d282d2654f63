import { modeValuesText, modesFromView } from '../controls/mode-views'
import type { ControlModes } from './server'

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
