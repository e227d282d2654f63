/**
 * List paging bounded (issue 15 item 5, IEEE 2030.5 list queries s/l with `all` and `results`): a server claiming
 * all = 10^9, one that ignores the start index, and one whose pages never end, over real mutual TLS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { answerXml, startHostileServer } from '../transport/testing/hostile-server'
import type { HostileServer } from '../transport/testing/hostile-server'
import { createTestPki } from '../transport/testing/openssl-pki'
import type { TestPki } from '../transport/testing/openssl-pki'
import { makeTransport } from '../transport/testing/transport-fixture'
import type { TransportProbe } from '../transport/testing/transport-fixture'
import { LIST_CODES, MAX_LIST_PAGES, PAGE_SIZE, readAllPages } from './read-resource'

const HREF = '/api/v2/edev'

/** An EndDeviceList page holding entries [from, from + count). */
function page(o: { all?: number; from: number; count: number }): string {
  const all = o.all === undefined ? '' : ` all="${o.all}"`
  const items = Array.from({ length: o.count }, (_, i) => `<EndDevice href="${HREF}/${o.from + i}"><sFDI>${o.from + i}</sFDI><changedTime>0</changedTime></EndDevice>`)
  return `<EndDeviceList xmlns="urn:ieee:std:2030.5:ns" href="${HREF}"${all} results="${o.count}">${items.join('')}</EndDeviceList>`
}

let pki: TestPki
let server: HostileServer
let probe: TransportProbe

beforeAll(async () => {
  pki = createTestPki()
  server = await startHostileServer(pki, (_req, res) => answerXml(res, page({ all: 0, from: 0, count: 0 })))
  probe = makeTransport({ url: server.url, clock: new FakeClock(), identity: pki.client, anchors: [pki.serca] })
})

afterAll(async () => {
  await probe.transport.close()
  await server.close()
  pki.cleanup()
})

const readList = () => readAllPages(probe.transport, { kind: 'EndDeviceList', href: HREF, items: (l) => l.EndDevice }, { signal: new AbortController().signal })
const start = (q: URLSearchParams): number => Number(q.get('s') ?? 0)

describe('list paging bounds', () => {
  it('honours all and results: all=300 in pages of 255 and 45 -> 2 requests, 300 entries', async () => {
    server.handle((req, res) => answerXml(res, page({ all: 300, from: start(req.query), count: Math.min(PAGE_SIZE, 300 - start(req.query)) })))
    const before = server.requests.length
    const r = await readList()
    expect(r.ok && [r.doc.items.length, r.doc.pages]).toEqual([300, 2])
    expect(server.requests.slice(before).map((q) => [q.query.get('s'), q.query.get('l')])).toEqual([['0', '255'], ['255', '255']])
  })

  it('all = 10^9 -> SEP2_LIST_TOO_LONG after the first page, not 10^9 / 255 requests', async () => {
    server.handle((req, res) => answerXml(res, page({ all: 1_000_000_000, from: start(req.query), count: PAGE_SIZE })))
    const before = server.requests.length
    const r = await readList()
    expect(!r.ok && r.error.code).toBe(LIST_CODES.tooLong)
    expect(!r.ok && r.error.message).toMatch(/lists 1000000000 entries, more than the 25500/)
    expect(server.requests.length - before).toBe(1)
  })

  it('a server that ignores the start index (same page again) -> SEP2_LIST_PAGING after 2 requests', async () => {
    server.handle((_req, res) => answerXml(res, page({ all: 600, from: 0, count: PAGE_SIZE })))
    const before = server.requests.length
    const r = await readList()
    expect(!r.ok && r.error.code).toBe(LIST_CODES.paging)
    expect(!r.ok && r.error.message).toMatch(/repeats entries already read/)
    expect(server.requests.length - before).toBe(2)
  })

  it('pages that never end (no all, always full, always new) -> SEP2_LIST_PAGING at the page cap', async () => {
    server.handle((req, res) => answerXml(res, page({ from: start(req.query), count: PAGE_SIZE })))
    const before = server.requests.length
    const r = await readList()
    expect(!r.ok && r.error.code).toBe(LIST_CODES.paging)
    expect(server.requests.length - before).toBe(MAX_LIST_PAGES)
  }, 30_000)
})
