import { Sep2XmlError, SEP2_XML_CODES } from './errors'
import { SEP_NS, isCsipausNamespace } from './namespaces'
import { typeSpec } from './schema/registry'
import type { ElementSpec, FieldType, IntType, NsKey, TypeSpec } from './schema/spec-types'
import type { RefusedElement } from './models'
import type { XmlNode } from './xml-node'
import { childPath } from './xml-node'

/** An element the codec did not recognise: kept in the model's `extra` and listed in the parse report. */
export interface UnknownElement {
  /** Path of the parent, e.g. `DERControlList/DERControl[0]/DERControlBase`. */
  parentPath: string
  /** Namespace URI, undefined when none. */
  ns: string | undefined
  /** Local name as written (misspellings included, e.g. `opModImLimW`). */
  name: string
}

/** A deviation from the schema that the decoder tolerates (e.g. a schema-required element a real server omits). */
export interface SchemaWarning {
  path: string
  message: string
}

/** What a decode collects besides the model. */
export interface DecodeReport {
  unknown: UnknownElement[]
  warnings: SchemaWarning[]
}

export type DecodedObject = Record<string, unknown>

/** A TypeSpec prepared for decoding (issue 14 item 2): its elements by local name, its required ones listed once. */
interface DecodePlan {
  byName: ReadonlyMap<string, readonly ElementSpec[]>
  required: readonly ElementSpec[]
  schemaRequired: readonly ElementSpec[]
}

const PLANS = new WeakMap<TypeSpec, DecodePlan>()

function planOf(spec: TypeSpec): DecodePlan {
  let plan = PLANS.get(spec)
  if (plan === undefined) {
    const byName = new Map<string, ElementSpec[]>()
    for (const field of spec.elements) byName.set(field.name, [...(byName.get(field.name) ?? []), field])
    plan = { byName, required: spec.elements.filter((f) => f.required), schemaRequired: spec.elements.filter((f) => f.schemaRequired) }
    PLANS.set(spec, plan)
  }
  return plan
}

/** Decodes `node` as the complex type `typeName`. Throws Sep2XmlError(SEP2_XML_INVALID) with a path. */
export function decodeComplex(node: XmlNode, typeName: string, path: string, report: DecodeReport): DecodedObject {
  const spec = typeSpec(typeName)
  const plan = planOf(spec)
  const out: DecodedObject = {}
  for (const attr of spec.attrs) {
    const raw = node.attrs[attr.name]
    if (raw !== undefined) out[attr.name] = decodeValue(raw, attr.type, `${path}/@${attr.name}`)
    else if (attr.required) throw invalid(`Attribute '${attr.name}' is required`, path)
  }
  const { extra, refused } = decodeChildren(node, spec, out, path, report)
  if (refused.length > 0) out.invalid = refused
  const missing = plan.required.find((field) => out[field.name] === undefined)
  if (missing !== undefined) throw invalid(`Element '${missing.name}' is required in ${typeName}`, path)
  for (const field of plan.schemaRequired) {
    if (out[field.name] === undefined) report.warnings.push({ path, message: `${typeName} lacks '${field.name}', which the schema requires` })
  }
  if (extra.length > 0) out.extra = extra
  return out
}

/** The child elements into `out`; unknown or repeated ones come back as `extra`, refused ones (refuseElements) listed. */
function decodeChildren(node: XmlNode, spec: TypeSpec, out: DecodedObject, path: string, report: DecodeReport) {
  const extra: XmlNode[] = []
  const refused: RefusedElement[] = []
  let counts: Map<string, number> | undefined
  const { byName } = planOf(spec)
  for (const child of node.children) {
    const field = byName.get(child.name)?.find((candidate) => nsMatches(candidate.ns, child.ns))
    // A repeat of a refused element is extra too: the first occurrence decides, as for a valid one.
    if (field === undefined || (!field.many && (out[field.name] !== undefined || (refused.length > 0 && refused.some((r) => r.element === field.name))))) {
      extra.push(child)
      report.unknown.push({ parentPath: path, ns: child.ns, name: child.name })
      continue
    }
    let at: string
    if (field.many) {
      counts ??= new Map<string, number>()
      const index = counts.get(field.name) ?? 0
      counts.set(field.name, index + 1)
      at = childPath(path, child, index)
    } else {
      at = childPath(path, child)
    }
    const value = spec.refuseElements ? decodeOrRefuse(child, field, at, report, refused) : decodeElement(child, field, at, report)
    if (value === REFUSED) continue
    if (field.many) ((out[field.name] ??= []) as unknown[]).push(value)
    else out[field.name] = value
  }
  return { extra, refused }
}

const REFUSED = Symbol('refused')

/** TypeSpec.refuseElements: a value error inside this element refuses the element (listed), not the document. */
function decodeOrRefuse(node: XmlNode, field: ElementSpec, path: string, report: DecodeReport, refused: RefusedElement[]): unknown {
  try {
    return decodeElement(node, field, path, report)
  } catch (error) {
    if (!(error instanceof Sep2XmlError) || error.code !== SEP2_XML_CODES.invalid) throw error
    refused.push({ element: field.name, path: error.path || path, reason: error.detail, ...refusedIdentity(node) })
    return REFUSED
  }
}

/**
 * What can still be read of a refused resource's identity, each part checked against its own type (mRIDType =
 * HexBinary128, responseRequired = HexBinary8) and left out when it does not pass: enough to answer the event.
 */
function refusedIdentity(node: XmlNode): Pick<RefusedElement, 'mRID' | 'replyTo' | 'responseRequired'> {
  const out: Pick<RefusedElement, 'mRID' | 'replyTo' | 'responseRequired'> = {}
  const mRID = node.children.find((c) => c.name === 'mRID' && c.ns === SEP_NS && c.children.length === 0)?.text
  if (mRID !== undefined && /^[0-9a-fA-F]{1,32}$/.test(mRID)) out.mRID = mRID
  const replyTo = node.attrs.replyTo?.trim()
  if (replyTo) out.replyTo = replyTo
  const required = node.attrs.responseRequired?.trim()
  if (required !== undefined && /^0*[0-9a-fA-F]{1,2}$/.test(required)) out.responseRequired = parseInt(required, 16)
  return out
}

function nsMatches(expected: NsKey | undefined, actual: string | undefined): boolean {
  return expected === 'csipaus' ? isCsipausNamespace(actual) : actual === SEP_NS
}

function decodeElement(node: XmlNode, field: ElementSpec, path: string, report: DecodeReport): unknown {
  if (field.type.kind === 'complex') return decodeComplex(node, field.type.type, path, report)
  if (node.children.length > 0) throw invalid(`Element '${field.name}' should hold a value, not child elements`, path)
  return decodeValue(node.text, field.type, path)
}

/** xs:decimal / xs:integer lexical forms: no exponent, no hex, no Infinity/NaN (Number() would take them). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/
const INTEGER = /^[+-]?\d+$/

function decodeValue(text: string, type: FieldType, path: string): unknown {
  const trimmed = text.trim()
  switch (type.kind) {
    case 'string':
      return trimmed
    case 'number':
      return decodeDecimal(trimmed, path)
    case 'int':
      return decodeInt(trimmed, type.int, path)
    case 'boolean':
      if (trimmed === 'true' || trimmed === '1') return true
      if (trimmed === 'false' || trimmed === '0') return false
      throw invalid(`'${trimmed}' is not a boolean`, path)
    case 'hexText':
      return decodeHexText(trimmed, type.maxBytes, path)
    case 'hex':
      // Zero padding beyond the width is tolerated (Annex D writes doeModesSupported as 0000000F); the value must fit.
      if (!/^[0-9a-fA-F]+$/.test(trimmed) || trimmed.replace(/^0+/, '').length > type.bytes * 2) throw invalid(`'${trimmed}' is not a HexBinary${type.bytes * 8}`, path)
      return { value: parseInt(trimmed, 16), raw: trimmed }
    case 'complex':
      // Complex attributes do not exist in the tables; reaching here is a table bug.
      throw new Error(`Complex type ${type.type} used as a simple value at ${path}`)
  }
}

function decodeDecimal(text: string, path: string): number {
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN
  if (!Number.isFinite(value)) throw invalid(`'${text}' is not a number`, path)
  return value
}

/** REL-4: an integer of the element's IEEE 2030.5 type, compared exactly (2^63 - 1 is not rounded into range). */
function decodeInt(text: string, type: IntType, path: string): number {
  if (!INTEGER.test(text)) throw invalid(`'${text}' is not an integer (${type.name})`, path)
  // Up to 15 characters (sign included) the integer is below 2^53, so a Number compares exactly; longer ones as BigInt.
  if (text.length <= 15) {
    const value = Number(text) + 0 // '-0' reads as 0, as through BigInt
    if (value < Number(type.min) || value > Number(type.max)) throw invalid(`${text} is outside ${type.name} (${type.min}..${type.max})`, path)
    return value
  }
  const exact = BigInt(text)
  if (exact < type.min || exact > type.max) throw invalid(`${text} is outside ${type.name} (${type.min}..${type.max})`, path)
  return Number(exact)
}

function decodeHexText(text: string, maxBytes: number | undefined, path: string): string {
  if (!/^[0-9a-fA-F]*$/.test(text)) throw invalid(`'${text}' is not hexadecimal`, path)
  if (maxBytes !== undefined && text.length > maxBytes * 2) throw invalid(`'${text}' is longer than ${maxBytes} bytes (HexBinary${maxBytes * 8})`, path)
  return text
}

function invalid(message: string, path: string): Sep2XmlError {
  return new Sep2XmlError(SEP2_XML_CODES.invalid, message, path)
}
