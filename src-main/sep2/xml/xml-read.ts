import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { Sep2XmlError, SEP2_XML_CODES } from './errors'
import { xmlEntityDecoder } from './xml-entities'
import type { XmlNode } from './xml-node'

/** fast-xml-parser's preserveOrder output: one entry per element or text node. */
type OrderedEntry = Record<string, unknown>

/** 2030.5 documents nest about 6 deep (DERControlList/DERControl/DERControlBase/opModExpLimW/value); far more is hostile. */
export const MAX_XML_DEPTH = 32

const parser = new XMLParser({
  // Safety (issue 15 item 5): only XML's predefined entities and character references; nesting bounded.
  processEntities: true,
  htmlEntities: false,
  entityDecoder: xmlEntityDecoder,
  maxNestedTags: MAX_XML_DEPTH,
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
})

type Scope = Readonly<Record<string, string | undefined>>

/** Reads XML text into a namespace-resolved tree. Throws Sep2XmlError(SEP2_XML_MALFORMED) on bad XML. */
export function readXml(xml: string): XmlNode {
  // 2030.5 payloads never carry a DTD; refusing one rules out XXE and entity-expansion bombs from a hostile server.
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new Sep2XmlError(SEP2_XML_CODES.malformed, 'XML with a DOCTYPE or entity declaration is not accepted')
  const check = XMLValidator.validate(xml)
  if (check !== true) {
    const { msg, line, col } = check.err
    throw new Sep2XmlError(SEP2_XML_CODES.malformed, `XML is not well-formed: ${msg} (line ${line}, column ${col})`)
  }
  const entries = parseEntries(xml)
  const roots = entries.filter((entry) => elementName(entry) !== undefined)
  const root = roots[0]
  if (roots.length !== 1 || root === undefined) {
    throw new Sep2XmlError(SEP2_XML_CODES.malformed, `XML must have exactly one root element, found ${roots.length}`)
  }
  return toNode(root, {})
}

function parseEntries(xml: string): OrderedEntry[] {
  try {
    return parser.parse(xml) as OrderedEntry[]
  } catch (error) {
    if (error instanceof Sep2XmlError) throw error
    // e.g. "Maximum nested tags exceeded": the parser's own limits, reported as malformed input, not as a codec bug.
    throw new Sep2XmlError(SEP2_XML_CODES.malformed, `XML refused: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function elementName(entry: OrderedEntry): string | undefined {
  return Object.keys(entry).find((key) => key !== ':@' && key !== '#text')
}

function toNode(entry: OrderedEntry, parentScope: Scope): XmlNode {
  const qname = elementName(entry) ?? ''
  const rawAttrs = (entry[':@'] ?? {}) as Record<string, string>
  const scope = declareNamespaces(parentScope, rawAttrs)
  const [prefix, name] = splitQName(qname)
  const ns = scope[prefix ?? '']
  if (prefix !== undefined && ns === undefined) {
    throw new Sep2XmlError(SEP2_XML_CODES.malformed, `Namespace prefix '${prefix}' of <${qname}> is not declared`)
  }
  const children: XmlNode[] = []
  const texts: string[] = []
  for (const child of (entry[qname] ?? []) as OrderedEntry[]) {
    if (elementName(child) !== undefined) children.push(toNode(child, scope))
    else if (child['#text'] !== undefined) texts.push(String(child['#text']))
  }
  return { ns, name, attrs: plainAttributes(rawAttrs), children, text: texts.join('').trim() }
}

function declareNamespaces(parent: Scope, attrs: Record<string, string>): Scope {
  const scope: Record<string, string | undefined> = { ...parent }
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'xmlns') scope[''] = value === '' ? undefined : value
    else if (key.startsWith('xmlns:')) scope[key.slice(6)] = value
  }
  return scope
}

function plainAttributes(attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue
    out[splitQName(key)[1]] = String(value)
  }
  return out
}

function splitQName(qname: string): [string | undefined, string] {
  const colon = qname.indexOf(':')
  return colon < 0 ? [undefined, qname] : [qname.slice(0, colon), qname.slice(colon + 1)]
}
