/**
 * A namespace-resolved XML element: what the codec works on after the reader (xml-read.ts) has read the text.
 * `ns` is the namespace URI (undefined when the element is in no namespace or its prefix is unbound).
 */
export interface XmlNode {
  ns: string | undefined
  /** Local name, without prefix. */
  name: string
  /** Attributes by local name; namespace declarations are not included. */
  attrs: Record<string, string>
  children: XmlNode[]
  /** Text content, trimmed; '' when none. */
  text: string
}

export function childPath(parent: string, node: XmlNode, index?: number): string {
  const step = index === undefined ? node.name : `${node.name}[${index}]`
  return parent ? `${parent}/${step}` : step
}
