/**
 * Reads typed 2030.5 resources over the transport: one GET parsed with the codec, or every page of a list resource
 * with the `s`/`l` query (IEEE 2030.5 list paging; Annex D asks for {'s': 0, 'l': 255}).
 */
import type { Sep2Documents, Sep2Kind } from '../xml'
import { parseSep2OffThread } from '../xml/parse-off-thread'
import type { Sep2Transport } from '../transport'

/** handbook Annex D: the example client asks for 255 entries per page. */
export const PAGE_SIZE = 255
/**
 * Most items read from one list: 100 full pages. Far above any list a site sees (CTL-2: up to 58 events per program;
 * a cloud proxy's EndDeviceList is its sites), and at the 2 MiB response cap still bounded in memory and requests.
 * A longer list is refused rather than cut short: a partial EndDeviceList or DERControlList would mislead.
 */
export const MAX_LIST_ITEMS = 100 * PAGE_SIZE
/** Most pages read from one list, whatever `all` says (a server paging in tiny pieces, or never ending). */
export const MAX_LIST_PAGES = 100

export const LIST_CODES = { tooLong: 'SEP2_LIST_TOO_LONG', paging: 'SEP2_LIST_PAGING' } as const

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
  /** The client just created this resource: a 404 is retried (handbook FAQ). */
  justCreated?: boolean
}

const MALFORMED_HINT =
  'The server sent a document this app cannot read as IEEE 2030.5 XML. It is retried at the next poll; if it keeps happening, send the exchange log to the utility.'

export async function readResource<K extends Sep2Kind>(transport: Sep2Transport, kind: K, href: string, options: ReadOptions): Promise<Read<Sep2Documents[K]>> {
  const got = await transport.get(href, { signal: options.signal, periodMs: options.periodMs, query: options.query, ...(options.justCreated ? { justCreated: true } : {}) })
  if (!got.ok) return { ok: false, error: { code: got.error.code, message: got.error.message, hint: got.error.hint ?? '' } }
  // issue 15 item 5: a large body is parsed in a worker, so it never holds the loop that runs the site controller.
  const parsed = await parseSep2OffThread(got.value.body, kind)
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

/** Every page of a list: `all` says how many exist, `results` how many this page holds (IEEE 2030.5 list paging). */
export async function readAllPages<K extends ListKind, T>(
  transport: Sep2Transport,
  spec: { kind: K; href: string; items: (list: Sep2Documents[K]) => T[] | undefined },
  options: ReadOptions,
): Promise<Read<AllPages<T, Sep2Documents[K]>>> {
  const acc: Pages<T> = { items: [], seen: new Set(), pages: 0 }
  let first: Extract<Read<Sep2Documents[K]>, { ok: true }> | undefined
  for (;;) {
    const page = await readResource(transport, spec.kind, spec.href, { ...options, query: { s: acc.items.length, l: PAGE_SIZE } })
    if (!page.ok) return page
    first ??= page
    const step = addPage(acc, { href: spec.href, all: page.doc.all, results: page.doc.results, got: spec.items(page.doc) ?? [] })
    if (step.kind === 'failed') return { ok: false, error: step.error }
    if (step.kind === 'done') break
  }
  const doc = { list: first.doc, items: acc.items, pages: acc.pages, tls: first.tls }
  return { ok: true, doc, xml: first.xml, status: first.status, tls: first.tls }
}

interface Pages<T> {
  items: T[]
  /** hrefs of the items read so far: a page of only these means the server ignores `s` (a paging loop). */
  seen: Set<string>
  pages: number
}

type PageStep = { kind: 'more' } | { kind: 'done' } | { kind: 'failed'; error: ReadFailure }

function addPage<T>(acc: Pages<T>, page: { href: string; all: number | undefined; results: number | undefined; got: T[] }): PageStep {
  acc.pages++
  const { got, all } = page
  if (all !== undefined && all > MAX_LIST_ITEMS) return { kind: 'failed', error: listTooLong(page.href, all) }
  const hrefs = got.map(itemHref).filter((h): h is string => h !== undefined)
  if (hrefs.length > 0 && hrefs.every((h) => acc.seen.has(h))) return { kind: 'failed', error: pagingLoop(page.href, acc.items.length) }
  hrefs.forEach((h) => acc.seen.add(h))
  acc.items.push(...got)
  if (acc.items.length > MAX_LIST_ITEMS) return { kind: 'failed', error: listTooLong(page.href, acc.items.length) }
  // Stop at an empty page, at `all`, or (no `all`) at a page shorter than asked for; `results` counts this page.
  const count = page.results ?? got.length
  const finished = got.length === 0 || count === 0 || (all !== undefined ? acc.items.length >= all : count < PAGE_SIZE)
  if (finished) return { kind: 'done' }
  if (acc.pages >= MAX_LIST_PAGES) return { kind: 'failed', error: tooManyPages(page.href, acc.items.length, all) }
  return { kind: 'more' }
}

function itemHref(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || !('href' in item)) return undefined
  const href = (item as { href: unknown }).href
  return typeof href === 'string' ? href : undefined
}

const LIST_HINT = 'No site has a list this long or paged this way, so it was not used (a partial list could hide a control or this device). It is read again at the next poll; if it keeps happening, send the exchange log to the utility.'

function listTooLong(href: string, count: number): ReadFailure {
  return { code: LIST_CODES.tooLong, message: `${href}: the server lists ${count} entries, more than the ${MAX_LIST_ITEMS} this client reads from one list`, hint: LIST_HINT }
}

function pagingLoop(href: string, read: number): ReadFailure {
  return { code: LIST_CODES.paging, message: `${href}: the page from entry ${read} repeats entries already read (the server ignores the start index)`, hint: LIST_HINT }
}

function tooManyPages(href: string, read: number, all: number | undefined): ReadFailure {
  return { code: LIST_CODES.paging, message: `${href}: ${MAX_LIST_PAGES} pages gave ${read} of ${all ?? 'an unknown number of'} entries; paging stopped`, hint: LIST_HINT }
}
