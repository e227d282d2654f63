/**
 * Reads typed 2030.5 resources over the transport: one GET parsed with the codec, or every page of a list resource
 * with the `s`/`l` query (IEEE 2030.5 list paging; Annex D asks for {'s': 0, 'l': 255}).
 */
import type { Sep2Documents, Sep2Kind } from '../xml'
import { parseSep2 } from '../xml'
import type { Sep2Transport } from '../transport'

/** handbook Annex D: the example client asks for 255 entries per page. */
export const PAGE_SIZE = 255
/** A server announcing more than this is not trusted to page sensibly. */
const MAX_PAGES = 100

export interface ReadFailure {
  code: string
  message: string
  /** Installer-facing meaning + what to do, from the transport's error hint (or the codec's). */
  hint: string
}

export type Read<T> = { ok: true; doc: T; xml: string; status: number; tls?: { version: string; cipher: string } } | { ok: false; error: ReadFailure }

export interface ReadOptions {
  signal: AbortSignal
  periodMs?: number
  query?: { s?: number; l?: number }
}

const MALFORMED_HINT =
  'The server sent a document this app cannot read as IEEE 2030.5 XML. It is retried at the next poll; if it keeps happening, send the exchange log to the utility.'

export async function readResource<K extends Sep2Kind>(transport: Sep2Transport, kind: K, href: string, options: ReadOptions): Promise<Read<Sep2Documents[K]>> {
  const got = await transport.get(href, { signal: options.signal, periodMs: options.periodMs, query: options.query })
  if (!got.ok) return { ok: false, error: { code: got.error.code, message: got.error.message, hint: got.error.hint ?? '' } }
  const parsed = parseSep2(got.value.body, kind)
  if (!parsed.ok) return { ok: false, error: { code: parsed.error.code, message: `${href}: ${parsed.error.message}`, hint: MALFORMED_HINT } }
  const tls = got.value.tls ? { version: got.value.tls.version, cipher: got.value.tls.cipher } : undefined
  return { ok: true, doc: parsed.value.doc as Sep2Documents[K], xml: got.value.body, status: got.value.status, tls }
}

type ListKind = 'EndDeviceList' | 'FunctionSetAssignmentsList' | 'DERProgramList' | 'DERControlList' | 'DERList' | 'MirrorUsagePointList'

export interface AllPages<T, L> {
  list: L
  items: T[]
  pages: number
  tls?: { version: string; cipher: string }
}

/** Every page of a list: `all` says how many exist, `results` how many this page holds. */
export async function readAllPages<K extends ListKind, T>(
  transport: Sep2Transport,
  spec: { kind: K; href: string; items: (list: Sep2Documents[K]) => T[] | undefined },
  options: ReadOptions,
): Promise<Read<AllPages<T, Sep2Documents[K]>>> {
  const items: T[] = []
  let first: Read<Sep2Documents[K]> | undefined
  let pages = 0
  for (let start = 0; pages < MAX_PAGES; pages++) {
    const page = await readResource(transport, spec.kind, spec.href, { ...options, query: { s: start, l: PAGE_SIZE } })
    if (!page.ok) return page
    first ??= page
    const got = spec.items(page.doc) ?? []
    items.push(...got)
    start += got.length
    const all = page.doc.all ?? items.length
    if (got.length === 0 || items.length >= all) break
  }
  if (!first?.ok) throw new Error('unreachable: no page read')
  return { ok: true, doc: { list: first.doc, items, pages: pages + 1, tls: first.tls }, xml: first.xml, status: first.status, tls: first.tls }
}
