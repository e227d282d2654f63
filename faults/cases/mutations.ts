/**
 * Issue 15 item 4, at the scheduler's door: the XML mutation run. Valid DefaultDERControl and DERControlList documents
 * (from the simulator's resource tree) are mutated with a seeded generator – numbers and attributes swapped for
 * hostile values, elements dropped or doubled – then decoded with the codec and carried the way the client carries
 * them (control views -> snapshot -> controls service). A mutation is wrong when a non-finite number leaves the
 * decoder, reaches the scheduler's input, or comes out of the resolution, or when any step throws. Rejected
 * documents are fine. (The codec-level property test is hard-values'; this one checks what reaches the scheduler.)
 */
import type { ProgramView } from '../../src-shared/contract/server'
import { createPrng } from '../../src-shared/prng'
import { createControlsService, snapshotFromProgramViews } from '../../src-main/controls'
import { createSystemClock } from '../../src-main/engine/system-clock'
import { controlEvent, defaultControl } from '../../src-main/sep2/client/control-views'
import { parseSep2, type DERControlList, type DefaultDERControl } from '../../src-main/sep2/xml'
import { createResourceTree, type TreeState } from '../../src-main/sim/utility/resource-tree'
import { alignedStart } from '../../src-main/sim/utility/scenario-runtime'
import { openMemoryDatabase } from '../../src-main/storage/memory-database'
import { judge, type FaultCase } from '../lib/case'
import { DDERC_PATH, DERC_LIST_PATH, baseScenario } from '../lib/hostile-server'

const FAST_COUNT = 20_000
const FULL_COUNT = 100_000
const HOSTILE = ['NaN', 'INF', '-INF', 'Infinity', '1e309', '-1e309', '9223372036854775807', '-9223372036854775809', '18446744073709551616', '99', '-99', '1099511627776', '-5000', '0x10', '', ' ', '1.5', '-0', '+7', '0000000000000000000001', '1e3', '3.4e38', '-1', '4294967296', '65536', '-32769']

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)] as T
}

/** One to three edits of the text: a text node or an attribute value replaced, an element dropped or doubled. */
export function mutate(xml: string, r: () => number): string {
  let out = xml
  const edits = 1 + Math.floor(r() * 3)
  for (let i = 0; i < edits; i++) {
    const op = Math.floor(r() * 4)
    const spots = op === 0 ? [...out.matchAll(/>([^<>]+)</g)] : op === 1 ? [...out.matchAll(/="([^"]*)"/g)] : [...out.matchAll(/<(\w+:)?(\w+)>[^<]*<\/\1?\2>/g)]
    if (spots.length === 0) continue
    const m = pick(r, spots)
    const at = m.index ?? 0
    const whole = m[0]
    const replaced = op === 0 ? `>${pick(r, HOSTILE)}<` : op === 1 ? `="${pick(r, HOSTILE)}"` : op === 2 ? '' : whole + whole
    out = out.slice(0, at) + replaced + out.slice(at + whole.length)
  }
  return out
}

/** The first non-finite number in a value, with its path. */
function nonFinite(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path}=${value}`
  if (value === null || typeof value !== 'object') return undefined
  for (const [k, v] of Object.entries(value)) {
    const found = nonFinite(v, `${path}.${k}`)
    if (found) return found
  }
  return undefined
}

async function baseDocuments(): Promise<{ dderc: string; dercList: string }> {
  const clock = createSystemClock()
  const scenario = baseScenario({ controls: [{ startS: -60, durationS: 3600, modes: { opModExpLimW: 2000, opModGenLimW: 4000 } }, { startS: 3600, durationS: 600, modes: { opModExpLimW: 0, opModConnect: false } }] })
  const state: TreeState = { clock, scenario, startMs: alignedStart(clock.now()), devices: [], clockOffsetMs: 0, received: [], stored: new Map(), nextId: 1, readings: new Map(), meterReadings: new Map() }
  const tree = createResourceTree(state)
  const get = async (path: string) => (await tree({ method: 'GET', path, query: {}, body: '', headers: {}, clientLfdi: '', clientCertDer: new Uint8Array() })).body ?? ''
  return { dderc: await get(DDERC_PATH), dercList: await get(DERC_LIST_PATH) }
}

type Outcome = { kind: 'rejected' } | { kind: 'clean' } | { kind: 'wrong'; why: string }

/** Decode, carry into the scheduler as the client does, resolve; report the first non-finite value or throw. */
function carry(service: Service, xml: string, kind: 'DefaultDERControl' | 'DERControlList', nowMs: number): Outcome {
  const parsed = parseSep2(xml, kind)
  if (!parsed.ok) return { kind: 'rejected' }
  const decoded = nonFinite(parsed.value.doc, kind)
  if (decoded) return { kind: 'wrong', why: `decoder gave ${decoded}` }
  const program: ProgramView = { href: '/api/v2/derp/PROG-A', mRID: 'A'.repeat(32), primacy: 1, fsaHref: '/api/v2/edev/1/fsa/1', defaultControl: null, events: [] }
  if (kind === 'DefaultDERControl') program.defaultControl = defaultControl(parsed.value.doc as DefaultDERControl, DDERC_PATH)
  else program.events = ((parsed.value.doc as DERControlList).DERControl ?? []).map((c) => controlEvent(c, DERC_LIST_PATH))
  const snapshot = snapshotFromProgramViews([program], nowMs)
  const input = nonFinite(snapshot, 'snapshot')
  if (input) return { kind: 'wrong', why: `scheduler input ${input}` }
  service.ingestPrograms(snapshot)
  const r = service.resolution(nowMs)
  const bad = Object.entries(r.effective).find(([, e]) => typeof e.value === 'number' && (Number.isNaN(e.value) || e.value === Number.NEGATIVE_INFINITY))
  return bad ? { kind: 'wrong', why: `effective ${bad[0]}=${String(bad[1].value)}` } : { kind: 'clean' }
}

type Service = ReturnType<typeof createControlsService>

/** One in-memory database and controls service for a batch of mutations (each ingest replaces the snapshot). */
function withService<T>(use: (service: Service) => T): T {
  const db = openMemoryDatabase()
  try {
    const service = createControlsService({ db, siteId: 'm', clock: createSystemClock(), fixed: { expLimW: 1500, impLimW: 1500 }, capacityW: 8000, lfdi: 'A'.repeat(40) })
    try {
      return use(service)
    } finally {
      service.stop()
    }
  } finally {
    db.close()
  }
}

const BATCH = 1000

export const mutationCase: FaultCase = {
  id: 'xml.mutations',
  title: 'XML mutation run (20,000; 100,000 with --mutations-full): nothing non-finite reaches the scheduler, nothing throws',
  fast: true,
  timeoutMs: 540_000,
  async run(ctx) {
    const count = ctx.fullMutations ? FULL_COUNT : FAST_COUNT
    const docs = await baseDocuments()
    const r = createPrng(20_305) // seeded, so a wrong mutation can be replayed from its index
    const nowMs = Date.now()
    const tally = { rejected: 0, clean: 0, wrong: 0 }
    const examples: string[] = []
    for (let from = 0; from < count && !ctx.signal.aborted; from += BATCH) {
      withService((service) => {
        for (let i = from; i < Math.min(count, from + BATCH); i++) {
          const kind = i % 2 === 0 ? 'DefaultDERControl' : 'DERControlList'
          const xml = mutate(kind === 'DefaultDERControl' ? docs.dderc : docs.dercList, r)
          let outcome: Outcome
          try {
            outcome = carry(service, xml, kind, nowMs)
          } catch (error) {
            outcome = { kind: 'wrong', why: `threw ${error instanceof Error ? error.message : String(error)}` }
          }
          tally[outcome.kind]++
          if (outcome.kind === 'wrong' && examples.length < 3) examples.push(`#${i} ${outcome.why}`)
        }
      })
      await new Promise((resolve) => setImmediate(resolve))
    }
    return judge([[tally.wrong === 0, `${tally.wrong} of ${count} mutated documents went wrong (${examples.join('; ')})`]], `${count} mutations: ${tally.rejected} rejected by the codec, ${tally.clean} carried cleanly, ${tally.wrong} wrong`)
  },
}
