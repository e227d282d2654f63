/**
 * FSAs -> DERProgramList (sorted by primacy) -> DefaultDERControl + every page of the DERControlList (handbook 10.4-10.5).
 * Shared by the discovery walk and the polls.
 */
import type { ControlEvent, DefaultControl, FsaView, ProgramView, RefusedEvent } from '../../../src-shared/contract/server'
import type { DERControl, DERControlList, DERProgram, FunctionSetAssignments } from '../xml'
import { controlEvent, defaultControl } from './control-views'
import { readAllPages, readResource } from './read-resource'
import type { Walk } from './walk'
import { stepRead } from './walk'

export function fsaView(fsa: FunctionSetAssignments, href: string): FsaView {
  const view: FsaView = { href: fsa.href ?? href, mRID: fsa.mRID, programs: [] }
  if (fsa.description !== undefined) view.description = fsa.description
  if (fsa.DERProgramListLink) view.derProgramListHref = fsa.DERProgramListLink.href
  return view
}

/** handbook 12: a lower primacy value wins; ties keep server order. */
export function byPrimacy(a: { primacy: number }, b: { primacy: number }): number {
  return a.primacy - b.primacy
}

/** The programs of one FSA with their default and events; undefined when a read failed (the step says why). */
export async function readPrograms(walk: Walk, fsa: FsaView, opts: { periodMs?: number; onPollRate?: (seconds: number) => void } = {}): Promise<ProgramView[] | undefined> {
  const { periodMs } = opts
  const href = fsa.derProgramListHref
  if (!href) return []
  const list = await stepRead(walk, {
    name: 'DERProgramList',
    href,
    read: () => readAllPages(walk.transport, { kind: 'DERProgramList', href, items: (l) => l.DERProgram }, { signal: walk.signal, periodMs }),
    detail: (d) => `${d.items.length} program(s): ${[...d.items].sort(byPrimacy).map((p) => `${p.description ?? p.mRID} (primacy ${p.primacy})`).join(', ')}`,
  })
  if (!list) return undefined
  if (list.list.pollRate !== undefined) opts.onPollRate?.(list.list.pollRate)
  const programs: ProgramView[] = []
  for (const program of [...list.items].sort(byPrimacy)) {
    const view = await readProgram(walk, program, { fsaHref: fsa.href, periodMs })
    if (!view) return undefined
    programs.push(view)
  }
  return programs
}

async function readProgram(walk: Walk, program: DERProgram, ctx: { fsaHref: string; periodMs?: number }): Promise<ProgramView | undefined> {
  const view: ProgramView = { href: program.href ?? '', mRID: program.mRID, primacy: program.primacy, fsaHref: ctx.fsaHref, defaultControl: null, events: [] }
  if (program.description !== undefined) view.description = program.description
  const ddercHref = program.DefaultDERControlLink?.href
  if (ddercHref) {
    const dderc = await readDefault(walk, ddercHref, ctx.periodMs)
    if (!dderc) return undefined
    view.defaultControl = dderc
  }
  const dercHref = program.DERControlListLink?.href
  if (dercHref) {
    view.derControlListHref = dercHref
    const events = await readEvents(walk, dercHref, ctx.periodMs)
    if (!events) return undefined
    view.events = events.events
    if (events.refused.length > 0) view.refusedEvents = events.refused
  }
  return view
}

async function readDefault(walk: Walk, href: string, periodMs?: number): Promise<DefaultControl | undefined> {
  const doc = await stepRead(walk, {
    name: 'DefaultDERControl',
    href,
    read: () => readResource(walk.transport, 'DefaultDERControl', href, { signal: walk.signal, periodMs }),
    detail: (d) => `default control ${d.mRID}`,
  })
  return doc ? defaultControl(doc, href) : undefined
}

/**
 * Every page of the program's events (the handbook asks clients to keep at least 24; we keep them all), and the
 * DERControls the codec refused as a whole (REL-4), named in the step's detail so the walk log says what was wrong.
 */
async function readEvents(walk: Walk, href: string, periodMs?: number): Promise<{ events: ControlEvent[]; refused: RefusedEvent[] } | undefined> {
  const refused: RefusedEvent[] = []
  const items = (l: DERControlList) => {
    refused.push(...(l.invalid ?? []).map((r) => ({ ...r })))
    return l.DERControl
  }
  const doc = await stepRead(walk, {
    name: 'DERControlList',
    href,
    read: () => readAllPages(walk.transport, { kind: 'DERControlList', href, items }, { signal: walk.signal, periodMs }),
    detail: (d) => `${d.items.length} event(s) in ${d.pages} page(s)${refusedDetail(refused)}`,
  })
  return doc ? { events: doc.items.map((c: DERControl) => controlEvent(c, href)).sort((a, b) => a.start - b.start), refused } : undefined
}

function refusedDetail(refused: readonly RefusedEvent[]): string {
  if (refused.length === 0) return ''
  return `; ${refused.length} refused (not applied): ${refused.map((r) => `DERControl ${r.mRID ?? '(mRID unreadable)'} – ${r.reason} at ${r.path}`).join('; ')}`
}
