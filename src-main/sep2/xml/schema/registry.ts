import { COMMON_TYPES } from './common'
import { DER_TYPES } from './der'
import { DEVICE_TYPES } from './device'
import { METERING_TYPES } from './metering'
import type { TypeSpec } from './spec-types'

/** Every complex type the codec knows, by type name. */
export const TYPE_SPECS: Readonly<Record<string, TypeSpec>> = { ...COMMON_TYPES, ...DEVICE_TYPES, ...DER_TYPES, ...METERING_TYPES }

export function typeSpec(name: string): TypeSpec {
  const spec = TYPE_SPECS[name]
  // A missing spec is a bug in the tables, not bad input.
  if (spec === undefined) throw new Error(`No type spec for ${name}`)
  return spec
}
