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
  // Declarations only on the root (and where an element leaves the default namespace), in the original key order.
  let decls: Record<string, string> | undefined = ctx.rootDecls === undefined ? undefined : { ...ctx.rootDecls }
  let defaultNs = ctx.rootDecls === undefined ? ctx.defaultNs : SEP_NS
  if (!csip && node.ns !== defaultNs) {
    ;(decls ??= {}).xmlns = node.ns ?? ''
    defaultNs = node.ns
  }
  let attrs = ''
  if (decls !== undefined) for (const key in decls) attrs += ` ${key}="${escapeXml(decls[key] ?? '')}"`
  for (const key in node.attrs) attrs += ` ${key}="${escapeXml(node.attrs[key] ?? '')}"`
  const pad = INDENT.repeat(ctx.depth)
  if (node.children.length === 0) {
    return node.text === '' ? `${pad}<${tag}${attrs}/>` : `${pad}<${tag}${attrs}>${escapeXml(node.text)}</${tag}>`
  }
  const childCtx = { defaultNs, depth: ctx.depth + 1 }
  let inner = writeNode(node.children[0] as XmlNode, childCtx)
  for (let i = 1; i < node.children.length; i++) inner += `\n${writeNode(node.children[i] as XmlNode, childCtx)}`
  const text = node.text === '' ? '' : `\n${pad}${INDENT}${escapeXml(node.text)}`
  return `${pad}<${tag}${attrs}>${text}\n${inner}\n${pad}</${tag}>`
}

function usesCsipaus(node: XmlNode): boolean {
  return isCsipausNamespace(node.ns) || node.children.some(usesCsipaus)
}

const NEEDS_ESCAPE = /[&<>"]/

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
