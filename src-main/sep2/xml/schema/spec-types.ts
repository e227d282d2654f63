/**
 * The IEEE 2030.5 / CSIP-AUS types as data: each complex type lists its attributes and its child elements in schema
 * (xs:sequence) order. The decoder accepts children in any order; the encoder writes them in this order.
 *
 * sep.xsd itself is IEEE-copyrighted and not redistributable, so it is not bundled: the element orders here were
 * written from the IEEE 2030.5-2018 schema (sep.xsd v2.1.0) and the CSIP-AUS XSDs in resources/xsd/csipaus.
 */
export type ValueKind =
  /** xs:string and String32 etc. */
  | 'string'
  /** A decimal or integer without a stated 2030.5 type (Annex D even has 52.5 in ApparentPower): finite, no exponent. */
  | 'number'
  | 'boolean'
  /** Long hex identifiers kept as text: mRID, LFDI, localID (too big for a number, case and width preserved). */
  | 'hexText'

/** An IEEE 2030.5 integer type: the text must be an integer within [min, max] (compared exactly, as BigInt). */
export interface IntType {
  /** The schema's name, shown in the error: 'Int16', 'PowerOfTenMultiplierType'... */
  name: string
  min: bigint
  max: bigint
}

export type FieldType =
  | { kind: Exclude<ValueKind, 'hexText'> }
  | { kind: 'int'; int: IntType }
  /** HexBinary identifiers (mRIDType = HexBinary128, LFDI = HexBinary160): at most `maxBytes` bytes when given. */
  | { kind: 'hexText'; maxBytes?: number }
  /** HexBinary8/16/32 bitmaps: parsed to a number, raw text kept; `bytes` is the width written when there is none. */
  | { kind: 'hex'; bytes: number }
  | { kind: 'complex'; type: string }

export type NsKey = 'sep' | 'csipaus'

export interface ElementSpec {
  /** Local element name; also the model key. */
  name: string
  type: FieldType
  /** Namespace of the element; 2030.5 when absent. */
  ns?: NsKey
  /** maxOccurs="unbounded": the model holds an array. */
  many?: true
  /** Decoding fails with SEP2_XML_INVALID when absent. */
  required?: true
  /** Required by the XSD but omitted by real servers/examples: absence is a parse warning, not an error. */
  schemaRequired?: true
}

export interface AttrSpec {
  name: string
  type: FieldType
  required?: true
}

export interface TypeSpec {
  attrs: readonly AttrSpec[]
  elements: readonly ElementSpec[]
  /**
   * A type error inside one child element refuses that element only: it is left out of the model and listed in its
   * `invalid` (DERControlBase: one bad control mode refuses that control, not the whole document – REL-4).
   */
  refuseElements?: true
}

export const str: FieldType = { kind: 'string' }
export const num: FieldType = { kind: 'number' }
export const bool: FieldType = { kind: 'boolean' }
export const hexText: FieldType = { kind: 'hexText' }
/** HexBinary of at most `maxBytes` bytes (mRIDType: 16, LFDI: 20). */
export const hexId = (maxBytes: number): FieldType => ({ kind: 'hexText', maxBytes })
export const int = (type: IntType): FieldType => ({ kind: 'int', int: type })
export const hex = (bytes: number): FieldType => ({ kind: 'hex', bytes })
export const complex = (type: string): FieldType => ({ kind: 'complex', type })

/** Shorthand: an optional 2030.5 element. */
export const el = (name: string, type: FieldType, extra: Partial<ElementSpec> = {}): ElementSpec => ({ name, type, ...extra })
export const req = (name: string, type: FieldType): ElementSpec => ({ name, type, required: true })
export const many = (name: string, type: string): ElementSpec => ({ name, type: complex(type), many: true })
export const csip = (name: string, type: FieldType): ElementSpec => ({ name, type, ns: 'csipaus' })
export const link = (name: string): ElementSpec => el(name, complex('Link'))
export const listLink = (name: string): ElementSpec => el(name, complex('ListLink'))
