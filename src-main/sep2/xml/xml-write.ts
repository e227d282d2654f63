import { CSIPAUS_PREFIX, SEP_NS, isCsipausNamespace } from './namespaces'
import type { XmlNode } from './xml-node'

export interface WriteOptions {
  /** URI bound to the `csipaus` prefix on the root (default https://csipaus.org/ns). */
  csipausNamespace: string
}

const INDENT = '  '

/**
 * Writes a tree as XML text: 2030.5 elements in the default namespace (declared on the root), CSIP-AUS elements
 * (either URI) under `csipaus:` (declared on the root when used), elements of any other namespace with their own
 * default-namespace declaration.
 */
export function writeXml(root: XmlNode, options: WriteOptions): string {
  const rootDecls: Record<string, string> = { xmlns: SEP_NS }
  if (usesCsipaus(root)) rootDecls[`xmlns:${CSIPAUS_PREFIX}`] = options.csipausNamespace
  return writeNode(root, { defaultNs: undefined, depth: 0, rootDecls })
}

interface WriteContext {
  defaultNs: string | undefined
  depth: number
  rootDecls?: Record<string, string>
}

function writeNode(node: XmlNode, ctx: WriteContext): string {
  const csip = isCsipausNamespace(node.ns)
  const tag = csip ? `${CSIPAUS_PREFIX}:${node.name}` : node.name
  const decls: Record<string, string> = { ...ctx.rootDecls }
  let defaultNs = ctx.rootDecls === undefined ? ctx.defaultNs : SEP_NS
  if (!csip && node.ns !== defaultNs) {
    decls.xmlns = node.ns ?? ''
    defaultNs = node.ns
  }
  const attrs = [...Object.entries(decls), ...Object.entries(node.attrs)]
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('')
  const pad = INDENT.repeat(ctx.depth)
  if (node.children.length === 0) {
    return node.text === '' ? `${pad}<${tag}${attrs}/>` : `${pad}<${tag}${attrs}>${escapeXml(node.text)}</${tag}>`
  }
  const inner = node.children.map((child) => writeNode(child, { defaultNs, depth: ctx.depth + 1 })).join('\n')
  const text = node.text === '' ? '' : `\n${pad}${INDENT}${escapeXml(node.text)}`
  return `${pad}<${tag}${attrs}>${text}\n${inner}\n${pad}</${tag}>`
}

function usesCsipaus(node: XmlNode): boolean {
  return isCsipausNamespace(node.ns) || node.children.some(usesCsipaus)
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
