/**
 * SunSpec information-model definitions (the SunSpec JSON model format, shipped as data in resources/sunspec/models)
 * and the shape of a decoded model. Pure types: decoding is driven by the definitions, never hand-coded per model.
 */
export type SunSpecPointType =
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'int32'
  | 'uint64'
  | 'int64'
  | 'acc16'
  | 'acc32'
  | 'acc64'
  | 'float32'
  | 'float64'
  | 'enum16'
  | 'enum32'
  | 'bitfield16'
  | 'bitfield32'
  | 'bitfield64'
  | 'sunssf'
  | 'string'
  | 'pad'
  | 'count'
  | 'ipaddr'
  | 'ipv6addr'
  | 'eui48'

export interface SunSpecSymbol {
  name: string
  value: number
  label?: string
}

export interface SunSpecPointDef {
  name: string
  type: SunSpecPointType
  size: number
  label?: string
  desc?: string
  units?: string
  /** Name of the scale-factor point (looked up in this group, then enclosing groups), or a fixed exponent. */
  sf?: string | number
  access?: 'R' | 'RW'
  mandatory?: 'M' | 'O'
  static?: 'S' | 'D'
  symbols?: SunSpecSymbol[]
  value?: number | string
}

export interface SunSpecGroupDef {
  name: string
  type: 'group' | 'sync'
  label?: string
  desc?: string
  /** Repeat count: a number (0 = as many as fit in the model length) or the name of a point holding the count. */
  count?: number | string
  points: SunSpecPointDef[]
  groups?: SunSpecGroupDef[]
}

export interface SunSpecModelDef {
  id: number
  group: SunSpecGroupDef
}

export type PointValue = number | string

export interface DecodedPoint {
  name: string
  label: string
  type: SunSpecPointType
  units: string | undefined
  access: 'R' | 'RW'
  /** Register offset from the model's first register (the ID register). */
  offset: number
  size: number
  /** The value as read (integer before scaling, or the string); null when the device marks it not implemented. */
  raw: PointValue | null
  /** raw x 10^sf for numbers, the string for strings; null when not implemented or its scale factor is missing. */
  value: PointValue | null
  /** The scale-factor exponent applied, if the point has one and it was implemented. */
  scale: number | undefined
  /** Enum symbol name, or the names of the bits set in a bitfield. */
  symbol: string | undefined
  flags: string[] | undefined
  /** Why value is null although raw is not (e.g. its scale factor is not implemented). */
  note: string | undefined
}

export interface DecodedGroup {
  name: string
  points: Record<string, DecodedPoint>
  /** Points in register order (for dumps). */
  pointList: DecodedPoint[]
  /** Repeating and nested groups, each a list of instances. */
  groups: Record<string, DecodedGroup[]>
}

export interface DecodedModel {
  id: number
  /** Model length in registers (L, excluding the ID and L registers). */
  length: number
  /** Modbus address of the model's ID register. */
  address: number
  name: string
  label: string
  root: DecodedGroup
}
