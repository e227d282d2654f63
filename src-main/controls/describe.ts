/** Plain words for limit values and sources (APP-2, the CLI). */
import type { ControlMode, ControlSource, ModeValue, ModeValues } from '../../src-shared/controls'
import { CONTROL_MODES } from '../../src-shared/controls'
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
  // opModMaxLimW / opModFixedW are hundredths of a percent of setMaxW.
  if (mode === 'maxLimW' || mode === 'fixedW') return `${value / 100} %`
  return `${value} W`
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

const SHORT: Record<ControlMode, string> = {
  expLimW: 'export',
  impLimW: 'import',
  genLimW: 'generation',
  loadLimW: 'load',
  connect: 'connect',
  energize: 'energize',
  maxLimW: 'max',
  fixedW: 'fixed',
  targetW: 'target',
}

export function modesText(modes: ModeValues): string {
  const parts = CONTROL_MODES.filter((m) => modes[m] !== undefined).map((m) => `${SHORT[m]} ${valueText(m, modes[m] ?? null)}`)
  return parts.length > 0 ? parts.join(', ') : 'no modes'
}
