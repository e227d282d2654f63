import type { ControlModes } from './server'

/**
 * A control's modes in one line, e.g. "export 1500 W, import 1500 W, energize" (multipliers already applied). The CLI
 * and the renderer differ only in how they write watts.
 */
export function describeModes(modes: ControlModes, formatW: (w: number) => string = String): string {
  const parts: string[] = []
  const w = (label: string, v: number | undefined) => v !== undefined && parts.push(`${label} ${formatW(v)} W`)
  w('export', modes.opModExpLimW)
  w('import', modes.opModImpLimW)
  w('generation', modes.opModGenLimW)
  w('load', modes.opModLoadLimW)
  if (modes.opModConnect !== undefined) parts.push(modes.opModConnect ? 'connect' : 'disconnect')
  if (modes.opModEnergize !== undefined) parts.push(modes.opModEnergize ? 'energize' : 'de-energize')
  if (modes.opModFixedW !== undefined) parts.push(`fixed ${modes.opModFixedW} %`)
  if (modes.opModMaxLimW !== undefined) parts.push(`max ${modes.opModMaxLimW} %`)
  if (modes.opModTargetW !== undefined) parts.push(`target ${modes.opModTargetW} W`)
  if (modes.rampTms !== undefined) parts.push(`ramp ${modes.rampTms} s`)
  return parts.length > 0 ? parts.join(', ') : 'no modes'
}
