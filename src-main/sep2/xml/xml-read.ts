import { Sep2XmlError, SEP2_XML_CODES } from './errors'
import { decodeXmlText } from './xml-entities'
import type { XmlNode } from './xml-node'

/** 2030.5 documents nest about 6 deep (DERControlList/DERControl/DERControlBase/opModExpLimW/value); far more is hostile. */
export const MAX_XML_DEPTH = 32

type Scope = Readonly<Record<string, string | undefined>>

/** XML 1.0 production [4] NameStartChar / [4a] NameChar (as a sticky pattern read at a position). */
// \u200C-\u200D (ZWNJ, ZWJ) close each class and the combining marks \u0300-\u036F open the second, so no character of
// a class is joined to the one before it (the same sets as the production, in another order).
const START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD'
const NAME = new RegExp(`[${START}\\u200C-\\u200D][\\u0300-\\u036F${START}\\-.0-9\\u00B7\\u203F-\\u2040\\u200C-\\u200D]*`, 'y')

/** An element being read: what its end tag needs to become an XmlNode. */
interface Open {
  qname: string
  ns: string | undefined
  name: string
  attrs: Record<string, string>
  scope: Scope
  children: XmlNode[]
  texts: string[]
}

/**
 * Reads XML text into a namespace-resolved tree in one pass, checking well-formedness as it goes (XML 1.0: names,
 * quoted attributes without '<' and without repeats, matching end tags, one root, no text outside it, entity
 * references as xml-entities.ts allows). Throws Sep2XmlError(SEP2_XML_MALFORMED) with line and column on bad XML.
 */
export function readXml(xml: string): XmlNode {
  // 2030.5 payloads never carry a DTD; refusing one rules out XXE and entity-expansion bombs from a hostile server.
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new Sep2XmlError(SEP2_XML_CODES.malformed, 'XML with a DOCTYPE or entity declaration is not accepted')
  return new Reader(xml).document()
}

class Reader {
  private pos: number
  private readonly stack: Open[] = []
  private root: XmlNode | undefined
  private readonly xml: string

  constructor(xml: string) {
    this.xml = xml
    this.pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0
  }

  document(): XmlNode {
    const { xml } = this
    const start = this.pos
    while (this.pos < xml.length) {
      const lt = xml.indexOf('<', this.pos)
      const end = lt < 0 ? xml.length : lt
      if (end > this.pos) this.text(xml.slice(this.pos, end))
      if (lt < 0) break
      this.pos = lt
      const next = xml.charCodeAt(lt + 1)
      if (next === 0x2f /* / */) this.endTag()
      else if (next === 0x3f /* ? */) this.instruction(lt === start)
      else if (next === 0x21 /* ! */) this.markup()
      else this.startTag()
    }
    const open = this.stack.at(-1)
    if (open !== undefined) throw this.error(`Unclosed tag <${open.qname}>`)
    if (this.root === undefined) throw new Sep2XmlError(SEP2_XML_CODES.malformed, 'XML must have exactly one root element, found 0')
    return this.root
  }

  private text(raw: string): void {
    const open = this.stack.at(-1)
    if (open === undefined) {
      if (raw.trim() !== '') throw this.error('Text outside the root element')
      return
    }
    const trimmed = raw.trim()
    if (trimmed !== '') open.texts.push(decodeXmlText(trimmed))
  }

  private startTag(): void {
    const qname = this.name(this.pos + 1, 'Invalid tag name')
    if (this.root !== undefined && this.stack.length === 0) throw this.error('XML must have exactly one root element, found 2')
    if (this.stack.length >= MAX_XML_DEPTH) throw this.error(`Maximum nested tags exceeded (${MAX_XML_DEPTH})`)
    const raw = this.attributes()
    const parent = this.stack.at(-1)
    const scope = declareNamespaces(parent?.scope ?? {}, raw)
    const [prefix, name] = splitQName(qname)
    const ns = scope[prefix ?? '']
    if (prefix !== undefined && ns === undefined) throw this.error(`Namespace prefix '${prefix}' of <${qname}> is not declared`)
    const open: Open = { qname, ns, name, attrs: plainAttributes(raw), scope, children: [], texts: [] }
    if (this.xml.charCodeAt(this.pos) === 0x2f /* / */) {
      this.pos += 2
      this.close(open)
    } else {
      this.pos += 1
      this.stack.push(open)
    }
  }

  /** Attributes up to the tag's '>' or '/>' (left at `pos`). */
  private attributes(): Record<string, string> {
    const { xml } = this
    const attrs: Record<string, string> = {}
    for (;;) {
      const before = this.pos
      this.space()
      const c = xml.charCodeAt(this.pos)
      if (c === 0x3e /* > */ || (c === 0x2f && xml.charCodeAt(this.pos + 1) === 0x3e)) return attrs
      if (this.pos === before) throw this.error(Number.isNaN(c) ? 'Unclosed start tag' : `Unexpected '${xml[this.pos] ?? ''}' in a start tag`)
      const key = this.name(this.pos, 'Invalid attribute name')
      this.space()
      if (xml[this.pos] !== '=') throw this.error(`Attribute '${key}' has no value`)
      this.pos += 1
      this.space()
      const quote = xml[this.pos]
      if (quote !== '"' && quote !== "'") throw this.error(`Attribute '${key}' is not quoted`)
      const close = xml.indexOf(quote, this.pos + 1)
      if (close < 0) throw this.error(`Attribute '${key}' is not closed`)
      const value = xml.slice(this.pos + 1, close)
      if (value.includes('<')) throw this.error(`Attribute '${key}' contains '<'`)
      if (Object.hasOwn(attrs, key)) throw this.error(`Attribute '${key}' is repeated`)
      attrs[key] = decodeXmlText(value)
      this.pos = close + 1
    }
  }

  private endTag(): void {
    const at = this.pos
    const qname = this.name(at + 2, 'Invalid closing tag name')
    this.space()
    if (this.xml[this.pos] !== '>') throw this.error(`Closing tag </${qname}> is not closed`)
    const open = this.stack.pop()
    if (open === undefined) throw this.error(`Closing tag </${qname}> has no start tag`, at)
    if (open.qname !== qname) throw this.error(`Closing tag </${qname}> does not match <${open.qname}>`, at)
    this.pos += 1
    this.close(open)
  }

  private close(open: Open): void {
    const node: XmlNode = { ns: open.ns, name: open.name, attrs: open.attrs, children: open.children, text: open.texts.join('').trim() }
    const parent = this.stack.at(-1)
    if (parent === undefined) this.root = node
    else parent.children.push(node)
  }

  /** `<?target ...?>`: the XML declaration only at the very start; other processing instructions are ignored. */
  private instruction(atStart: boolean): void {
    const target = this.name(this.pos + 2, 'Invalid processing instruction')
    if (target.toLowerCase() === 'xml' && !atStart) throw this.error('The XML declaration is allowed only at the start')
    const end = this.xml.indexOf('?>', this.pos)
    if (end < 0) throw this.error('Unclosed processing instruction')
    this.pos = end + 2
  }

  /** Comments anywhere; CDATA inside the root (kept as written, not trimmed); anything else after '<!' is refused. */
  private markup(): void {
    const { xml } = this
    if (xml.startsWith('<!--', this.pos)) {
      const end = xml.indexOf('-->', this.pos + 4)
      if (end < 0) throw this.error('Unclosed comment')
      this.pos = end + 3
    } else if (xml.startsWith('<![CDATA[', this.pos)) {
      const open = this.stack.at(-1)
      if (open === undefined) throw this.error('CDATA outside the root element')
      const end = xml.indexOf(']]>', this.pos + 9)
      if (end < 0) throw this.error('Unclosed CDATA section')
      open.texts.push(xml.slice(this.pos + 9, end))
      this.pos = end + 3
    } else {
      throw this.error("Unexpected '<!'")
    }
  }

  private name(at: number, problem: string): string {
    const { xml } = this
    // ASCII names (every 2030.5 name) are scanned directly; anything else goes through the full production.
    let end = at
    if (isAsciiNameStart(xml.charCodeAt(end))) {
      end++
      while (isAsciiNameChar(xml.charCodeAt(end))) end++
      if (xml.charCodeAt(end) < 0x80 || end >= xml.length) {
        this.pos = end
        return xml.slice(at, end)
      }
    }
    NAME.lastIndex = at
    const match = NAME.exec(xml)
    if (match === null) throw this.error(problem, at)
    this.pos = at + match[0].length
    return match[0]
  }

  private space(): void {
    const { xml } = this
    let c = xml.charCodeAt(this.pos)
    while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) c = xml.charCodeAt(++this.pos)
  }

  private error(message: string, at = this.pos): Sep2XmlError {
    const line = countLines(this.xml, at)
    const column = at - this.xml.lastIndexOf('\n', at - 1)
    return new Sep2XmlError(SEP2_XML_CODES.malformed, `XML is not well-formed: ${message} (line ${line}, column ${column})`)
  }
}

/** ':' 'A'-'Z' '_' 'a'-'z': the ASCII NameStartChars. */
function isAsciiNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a
}

/** NameStartChar plus '-' '.' '0'-'9': the ASCII NameChars. */
function isAsciiNameChar(c: number): boolean {
  return isAsciiNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e
}

function countLines(text: string, end: number): number {
  let lines = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++
  return lines
}

function declareNamespaces(parent: Scope, attrs: Record<string, string>): Scope {
  let scope: Record<string, string | undefined> | undefined
  for (const key in attrs) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue
    scope ??= { ...parent }
    const value = attrs[key] ?? ''
    if (key === 'xmlns') scope[''] = value === '' ? undefined : value
    else scope[key.slice(6)] = value
  }
  return scope ?? parent
}

function plainAttributes(attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key in attrs) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue
    out[splitQName(key)[1]] = attrs[key] ?? ''
  }
  return out
}

function splitQName(qname: string): [string | undefined, string] {
  const colon = qname.indexOf(':')
  return colon < 0 ? [undefined, qname] : [qname.slice(0, colon), qname.slice(colon + 1)]
}
