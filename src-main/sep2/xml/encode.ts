import { Sep2XmlError, SEP2_XML_CODES } from './errors'
import { CSIPAUS_NS, SEP_NS } from './namespaces'
import { typeSpec } from './schema/registry'
import type { ElementSpec, FieldType } from './schema/spec-types'
import { type HexValue, hexText } from './values'
import type { XmlNode } from './xml-node'

/** Builds the element `name` (namespace `ns`) for a model object of complex type `typeName`, children in schema order. */
export function encodeComplex(model: unknown, target: { typeName: string; name: string; ns: string; path: string }): XmlNode {
  const { typeName, name, ns, path } = target
  if (!isObject(model)) throw serialiseError(`${typeName} must be an object`, path)
  const spec = typeSpec(typeName)
  const attrs: Record<string, string> = {}
  for (const attr of spec.attrs) {
    const value = model[attr.name]
    if (value !== undefined) attrs[attr.name] = encodeValue(value, attr.type, `${path}/@${attr.name}`)
    else if (attr.required) throw serialiseError(`Attribute '${attr.name}' is required`, path)
  }
  const children: XmlNode[] = []
  for (const field of spec.elements) {
    const value = model[field.name]
    if (value !== undefined || field.required) for (const child of encodeField(value, field, path)) children.push(child)
  }
  const extra = model.extra
  if (Array.isArray(extra)) children.push(...(extra as XmlNode[]))
  return { ns, name, attrs, children, text: '' }
}

function encodeField(value: unknown, field: ElementSpec, parentPath: string): XmlNode[] {
  const path = `${parentPath}/${field.name}`
  if (value === undefined) {
    if (field.required) throw serialiseError(`Element '${field.name}' is required`, parentPath)
    return []
  }
  if (field.many) {
    if (!Array.isArray(value)) throw serialiseError(`'${field.name}' must be an array`, path)
    return value.map((item, index) => encodeOne(item, field, `${path}[${index}]`))
  }
  return [encodeOne(value, field, path)]
}

function encodeOne(value: unknown, field: ElementSpec, path: string): XmlNode {
  const ns = field.ns === 'csipaus' ? CSIPAUS_NS : SEP_NS
  if (field.type.kind === 'complex') return encodeComplex(value, { typeName: field.type.type, name: field.name, ns, path })
  return { ns, name: field.name, attrs: {}, children: [], text: encodeValue(value, field.type, path) }
}

function encodeValue(value: unknown, type: FieldType, path: string): string {
  switch (type.kind) {
    case 'string':
    case 'hexText':
      if (typeof value !== 'string') throw serialiseError(`expected text, got ${typeof value}`, path)
      return value
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw serialiseError(`expected a finite number`, path)
      return String(value)
    case 'int':
      // SRV-6: what the client sends validates against the schema, so the same IEEE 2030.5 width applies.
      // A safe integer compares exactly with the bounds as Numbers (an Int64 bound rounds, but only beyond 2^53).
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < Number(type.int.min) || value > Number(type.int.max)) {
        throw serialiseError(`expected an integer within ${type.int.name} (${type.int.min}..${type.int.max}), got ${String(value)}`, path)
      }
      return String(value)
    case 'boolean':
      if (typeof value !== 'boolean') throw serialiseError(`expected a boolean`, path)
      return value ? 'true' : 'false'
    case 'hex':
      if (!isHexValue(value)) throw serialiseError(`expected {value, raw?} with a non-negative integer value`, path)
      return hexText(value, type.bytes)
    case 'complex':
      throw new Error(`Complex type ${type.type} used as a simple value at ${path}`)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isHexValue(value: unknown): value is HexValue {
  return isObject(value) && typeof value.value === 'number' && Number.isInteger(value.value) && value.value >= 0
}

function serialiseError(message: string, path: string): Sep2XmlError {
  return new Sep2XmlError(SEP2_XML_CODES.serialise, message, path)
}
