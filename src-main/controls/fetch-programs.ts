/**
 * A minimal discovery walk for the controls (CLI `limits` and tests): dcap -> edev (ours, by LFDI) -> fsa -> derp ->
 * dderc / derc, every page of each list. It only gathers the documents the controls need; the SEP2 client's full
 * discovery walk (registration, time, mirror usage points, the step report) lives in src-main/sep2/client.
 */
import type { Result } from '../../src-shared/result'
import { fail, ok } from '../../src-shared/result'
import { type DERControl, type DERProgram, type RefusedElement, type Sep2Documents, type Sep2Kind } from '../sep2/xml'
import type { Sep2Transport } from '../sep2/transport'
import { parseSep2OffThread } from '../sep2/xml/parse-off-thread'
import type { ProgramSnapshot, ProgramsSnapshot } from './snapshot'

/** 2030.5 list paging: the handbook's servers return at most this many entries per page. */
export const FETCH_PAGE_LIMIT = 50
/** Safety stop for a server whose `all` never adds up. */
const MAX_PAGES = 40

export interface FetchProgramsOptions {
  transport: Sep2Transport
  dcapPath: string
  lfdi: string
  signal: AbortSignal
  now: () => number
}

type Get = <K extends Sep2Kind>(kind: K, href: string, query?: { s: number; l: number }) => Promise<Result<Sep2Documents[K]>>

function getter(opts: FetchProgramsOptions): Get {
  return async (kind, href, query) => {
    const res = await opts.transport.get(href, { signal: opts.signal, ...(query ? { query } : {}) })
    if (!res.ok) return fail(res.error.code, `${kind} ${href}: ${res.error.message}`)
    if (res.value.status !== 200) return fail('CONTROLS_FETCH_STATUS', `${kind} ${href}: HTTP ${res.value.status}`)
    const parsed = await parseSep2OffThread(res.value.body, kind)
    return parsed.ok ? ok(parsed.value.doc) : fail(parsed.error.code, `${kind} ${href}: ${parsed.error.message}`)
  }
}

/** Every item of a paged list. */
async function allPages<K extends Sep2Kind, T>(get: Get, kind: K, href: string, items: (doc: Sep2Documents[K]) => T[] | undefined): Promise<Result<T[]>> {
  const out: T[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const doc = await get(kind, href, { s: out.length, l: FETCH_PAGE_LIMIT })
    if (!doc.ok) return doc
    const got = items(doc.value) ?? []
    out.push(...got)
    const all = (doc.value as { all?: number }).all ?? out.length
    if (got.length === 0 || out.length >= all) break
  }
  return ok(out)
}

async function programSnapshot(get: Get, program: DERProgram): Promise<Result<ProgramSnapshot>> {
  const snap: ProgramSnapshot = { href: program.href ?? '', mRID: program.mRID, primacy: program.primacy, controls: [] }
  if (program.description !== undefined) snap.description = program.description
  if (program.DefaultDERControlLink) {
    const dderc = await get('DefaultDERControl', program.DefaultDERControlLink.href)
    if (!dderc.ok) return dderc
    snap.defaultControl = dderc.value
  }
  if (program.DERControlListLink) {
    const refused: RefusedElement[] = []
    const controls = await allPages(get, 'DERControlList', program.DERControlListLink.href, (d) => (refused.push(...(d.invalid ?? [])), d.DERControl))
    if (!controls.ok) return controls
    snap.controls = controls.value satisfies DERControl[]
    if (refused.length > 0) snap.refusedControls = refused
  }
  return ok(snap)
}

async function programLists(get: Get, opts: FetchProgramsOptions): Promise<Result<string[]>> {
  const dcap = await get('DeviceCapability', opts.dcapPath)
  if (!dcap.ok) return dcap
  const edevHref = dcap.value.EndDeviceListLink?.href
  if (!edevHref) return fail('CONTROLS_FETCH_NO_EDEV', 'DeviceCapability has no EndDeviceListLink')
  const devices = await allPages(get, 'EndDeviceList', edevHref, (d) => d.EndDevice)
  if (!devices.ok) return devices
  const mine = devices.value.find((d) => d.lFDI?.toUpperCase() === opts.lfdi.toUpperCase())
  const fsaHref = mine?.FunctionSetAssignmentsListLink?.href
  if (!fsaHref) return fail('CONTROLS_FETCH_NOT_REGISTERED', `No EndDevice with LFDI ${opts.lfdi} (or it has no FunctionSetAssignments)`)
  const fsas = await allPages(get, 'FunctionSetAssignmentsList', fsaHref, (d) => d.FunctionSetAssignments)
  if (!fsas.ok) return fsas
  return ok(fsas.value.flatMap((f) => (f.DERProgramListLink ? [f.DERProgramListLink.href] : [])))
}

export async function fetchPrograms(opts: FetchProgramsOptions): Promise<Result<ProgramsSnapshot>> {
  const get = getter(opts)
  const lists = await programLists(get, opts)
  if (!lists.ok) return lists
  const programs: ProgramSnapshot[] = []
  for (const href of lists.value) {
    const derps = await allPages(get, 'DERProgramList', href, (d) => d.DERProgram)
    if (!derps.ok) return derps
    for (const p of derps.value) {
      const snap = await programSnapshot(get, p)
      if (!snap.ok) return snap
      if (!programs.some((x) => x.href === snap.value.href)) programs.push(snap.value)
    }
  }
  return ok({ polledAt: opts.now(), programs })
}
