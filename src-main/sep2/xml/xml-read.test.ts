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

describe('readXml: well-formedness (XML 1.0), checked in the one pass', () => {
  const malformed = (xml: string): string => {
    try {
      readXml(xml)
    } catch (error) {
      expect(error).toMatchObject({ code: 'SEP2_XML_MALFORMED' })
      return (error as Error).message
    }
    throw new Error(`accepted: ${xml}`)
  }

  it.each([
    ['a repeated attribute', '<a x="1" x="2"/>', /repeated/],
    ['an unquoted attribute', '<a x=1/>', /not quoted/],
    ['an attribute without a value', '<a x/>', /no value/],
    ["'<' in an attribute value", '<a x="<"/>', /contains '<'/],
    ['attributes without space between them', '<a x="1"y="2"/>', /Unexpected 'y'/],
    ['a closing tag that does not match', '<a><b></a></b>', /does not match/],
    ['a closing tag without a start tag', '<a></a></b>', /no start tag/],
    ['an unclosed element', '<a><b>', /Unclosed tag <b>/],
    ['an unclosed start tag', '<a x="1"', /Unclosed start tag/],
    ['text outside the root', '<a/>oops', /outside the root/],
    ['an XML declaration not at the start', '<a/><?xml version="1.0"?>', /only at the start/],
    ['an unclosed comment', '<a><!-- x</a>', /Unclosed comment/],
    ['CDATA outside the root', '<![CDATA[x]]><a/>', /CDATA outside/],
    ['two roots', '<a/><b/>', /exactly one root/],
    ['no root', '<!-- only a comment -->', /found 0/],
    ['a bare ampersand', '<a>fish & chips</a>', /'&' not starting an entity reference/],
  ])('%s -> refused', (_label, xml, message) => {
    expect(malformed(xml)).toMatch(message)
  })

  it('says where: line and column of the problem', () => {
    expect(malformed('<a>\n  <b></c>\n</a>')).toMatch(/line 2, column 6/)
  })

  it('takes a BOM, the declaration, comments and PIs around the root, and CDATA as written', () => {
    const root = readXml('\uFEFF<?xml version="1.0"?>\n<!-- c --><?pi x?><a><t> x <![CDATA[ <y> & ]]> z </t><u>a<b/>c</u></a>\n<!-- after -->')
    expect(root.children.map((c) => c.text)).toEqual(['x <y> & z', 'ac'])
  })
})
