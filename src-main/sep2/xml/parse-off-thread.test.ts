import { describe, expect, it, afterAll } from 'vitest'
import { parseSep2 } from './codec'
import { createSep2Parser, builtWorkerSource } from './parse-off-thread'
import { sourceWorker } from './parse-worker-dev'
import { fixture } from './test-support'

const LIST = fixture('annex-d/19-derc-list.xml')

describe('parse off the event loop (issue 15 item 5)', () => {
  const parser = createSep2Parser({ source: sourceWorker(), inlineMaxChars: 0 })
  afterAll(() => parser.close())

  it('the worker returns exactly what the inline parse returns (document, refusals, unknown elements, warnings)', async () => {
    const edited = LIST.replace('<start>1682475300</start>', '<start>9223372036854775807</start>').replace('<version>0</version>', '<version>0</version><sneaky>1</sneaky>')
    for (const xml of [LIST, edited]) expect(await parser.parse(xml, 'DERControlList')).toEqual(parseSep2(xml, 'DERControlList'))
  })

  it('a long list, which the worker sends back in parts, arrives whole and in order', async () => {
    const one = /<DERControl [\s\S]*?<\/DERControl>/.exec(LIST)?.[0] ?? ''
    const many = Array.from({ length: 150 }, (_, i) => one.replace(/<mRID>\w+<\/mRID>/, `<mRID>${i.toString(16).padStart(32, '0')}</mRID><odd${i}/>`)).join('')
    const xml = LIST.replace(/<DERControl [\s\S]*<\/DERControl>/, many)
    const inline = parseSep2(xml, 'DERControlList')
    expect(inline.ok && inline.value.unknown).toHaveLength(150)
    expect(await parser.parse(xml, 'DERControlList')).toEqual(inline)
  })

  it('errors come back as the same coded results', async () => {
    for (const [xml, kind] of [['<x', undefined], [LIST, 'Time']] as const) expect(await parser.parse(xml, kind)).toEqual(parseSep2(xml, kind))
  })
})

describe('a worker that fails', () => {
  it('fails the parse it held with a coded result, and the next parse starts a new worker', async () => {
    const dies = createSep2Parser({ source: { kind: 'eval', code: 'process.exit(3)', workerData: undefined }, inlineMaxChars: 0 })
    const result = await dies.parse(LIST, 'DERControlList')
    expect(result).toEqual({ ok: false, error: { code: 'SEP2_XML_WORKER', message: expect.stringContaining('exited with code 3') as string } })
    expect((await dies.parse(LIST, 'DERControlList')).ok).toBe(false)
    await dies.close()
  })
})

describe('which documents go to the worker', () => {
  it('without a built worker everything parses inline; with one, only documents above the threshold leave the loop', async () => {
    expect(builtWorkerSource(new URL('file:///nowhere/chunk.js').href)).toBeUndefined()
    const inline = createSep2Parser({ source: undefined })
    expect(inline.offThread).toBe(false)
    expect(await inline.parse(LIST, 'DERControlList')).toEqual(parseSep2(LIST, 'DERControlList'))
  })
})
