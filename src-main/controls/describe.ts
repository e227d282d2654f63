/** Plain words for limit values and sources (APP-2, the CLI). */
import type { ControlMode, ControlSource, ModeValue, ModeValues } from '../../src-shared/controls'
import { CONTROL_MODE_TABLE, modeValuesText, toViewValue } from '../../src-shared/controls'
import type { LimitValue } from '../../src-shared/contract/limits'

/** JSON-safe value: Infinity (no limit) -> 'unlimited'. */
export function limitValue(value: ModeValue | null): LimitValue {
  if (typeof value === 'number' && !Number.isFinite(value)) return 'unlimited'
  return value
}

export function valueText(mode: ControlMode, value: ModeValue | null): string {
  if (value === null) return 'not set (DER runs on its own settings)'
  if (typeof value === 'boolean') return value ? 'on' : 'off'
  if (!Number.isFinite(value)) return 'unlimited'
  // The control-mode table says the unit (opModMaxLimW / opModFixedW: hundredths of a percent, shown in percent).
  return `${toViewValue(mode, value)} ${CONTROL_MODE_TABLE[mode].viewUnit}`
}

export function sourceText(source: ControlSource): string {
  switch (source.kind) {
    case 'event':
      return `event ${source.mRID} (program ${source.programId}, primacy ${source.primacy})`
    case 'default':
      return `default control (program ${source.programId})`
    case 'fixed':
      return 'fixed limit (connection agreement)'
    case 'implied':
      return 'implied default'
  }
}

export function modesText(modes: ModeValues): string {
  return modeValuesText(modes)
}
