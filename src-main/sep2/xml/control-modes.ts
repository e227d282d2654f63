/**
 * DERControlBase -> the engine's mode values, driven by the one control-mode table (src-shared/controls/mode-table.ts,
 * CTL-1, handbook 10.6): ActivePower modes become W (value x 10^multiplier), PerCent / SignedPerCent modes stay in
 * hundredths of a percent of setMaxW as sent, booleans stay booleans.
 */
import { MODE_SPECS, applyMultiplier, type ControlModeSpec, type ModeValue, type ModeValues } from '../../../src-shared/controls'
import type { DERControlBase } from './models'
import type { ScaledValue } from './values'

function isScaled(value: unknown): value is ScaledValue {
  return typeof value === 'object' && value !== null && 'value' in value && 'multiplier' in value
}

function modeValue(spec: ControlModeSpec, raw: unknown): ModeValue | undefined {
  switch (spec.wire) {
    case 'ActivePower':
      return isScaled(raw) ? applyMultiplier(raw.value, raw.multiplier) : undefined
    case 'PerCent':
    case 'SignedPerCent':
      return typeof raw === 'number' ? raw : undefined
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined
  }
}

/** Every mode the base sets, in engine units. */
export function modeValuesOf(base: DERControlBase): ModeValues {
  const modes: ModeValues = {}
  for (const spec of MODE_SPECS) {
    const value = modeValue(spec, base[spec.element])
    if (value !== undefined) modes[spec.mode] = value
  }
  return modes
}
