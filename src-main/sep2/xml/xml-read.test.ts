import { describe, expect, it } from 'vitest'
import { readXml } from './xml-read'

describe('readXml: namespaces resolved per element', () => {
  it('scopes default and prefixed declarations to the element and its descendants', () => {
    const root = readXml('<a xmlns="urn:one" xmlns:p="urn:two"><p:b><c/></p:b><d xmlns="urn:three"><e/></d><f xmlns=""/></a>')
    expect(root.ns).toBe('urn:one')
    const [b, d, f] = root.children
    expect([b?.ns, b?.name, b?.children[0]?.ns]).toEqual(['urn:two', 'b', 'urn:one'])
    expect([d?.ns, d?.children[0]?.ns]).toEqual(['urn:three', 'urn:three'])
    expect(f?.ns).toBeUndefined()
  })

  it('drops xmlns declarations from attributes, strips attribute prefixes, decodes entities, ignores comments', () => {
    const root = readXml('<?xml version="1.0" encoding="UTF-8"?><a xmlns="urn:x" xmlns:q="urn:q" q:k="1" href="/a?b=1&amp;c=2"><!-- note --><t> x &lt; y </t></a>')
    expect(root.attrs).toEqual({ k: '1', href: '/a?b=1&c=2' })
    expect(root.children.map((c) => [c.name, c.text])).toEqual([['t', 'x < y']])
  })
})
