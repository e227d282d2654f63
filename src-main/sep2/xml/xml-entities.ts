/**
 * The only entity decoding the SEP2 reader does: the five predefined XML entities and character references (XML 1.0
 * 4.1, 4.6). 2030.5 payloads carry no DTD, so any other `&name;` is refused, and entities declared in a DOCTYPE are
 * never taken (the reader refuses a DOCTYPE before this runs): no XXE, no entity bombs.
 */
import { Sep2XmlError, SEP2_XML_CODES } from './errors'

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' }
const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|[^;&\s]*);?/g

/** XML 1.0 production [2] Char: what a character reference may name. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
}

function malformed(message: string): Sep2XmlError {
  return new Sep2XmlError(SEP2_XML_CODES.malformed, message)
}

function resolve(match: string, name: string): string {
  if (!match.endsWith(';')) throw malformed(`'&' not starting an entity reference: ${JSON.stringify(match.slice(0, 20))}`)
  if (name.startsWith('#')) {
    const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    if (!isXmlChar(cp)) throw malformed(`Character reference &${name}; is not an XML character`)
    return String.fromCodePoint(cp)
  }
  const value = PREDEFINED[name]
  if (value === undefined) throw malformed(`Entity &${name}; is not one of XML's predefined entities (2030.5 documents declare none)`)
  return value
}

/** Text or an attribute value with its references resolved; a DTD-declared or unknown entity is refused. */
export function decodeXmlText(text: string): string {
  return text.includes('&') ? text.replace(REFERENCE, resolve) : text
}
