/**
 * Property test (issue 15 items 4 and 9, REL-1, REL-4): the Annex D and handbook documents, mutated – numbers made
 * huge, negative, NaN-ish, empty; elements deleted or duplicated; attributes changed – either decode with every value
 * finite and inside its IEEE 2030.5 type, or are refused with a coded error; a control-mode value outside its type is
 * left out of the DERControlBase and listed in its `invalid`, and that control never reaches the scheduler. Nothing
 * non-finite reaches the scheduler.
 * CI runs 20,000 mutations; SEP2_MUTATIONS=100000 runs more. Seeded: a failure names its seed and repeats.
 */
import { describe, expect, it } from 'vitest'
import { createPrng } from '../../../src-shared/prng'
import { normaliseSnapshot } from '../../controls/map-documents'
import { screenSnapshot } from '../../controls/screen'
import { parseSep2 } from './codec'
import { SEP2_XML_CODES } from './errors'
import type { DERControl, DERControlBase, DefaultDERControl, RefusedElement } from './models'
import { typeSpec } from './schema/registry'
import type { FieldType } from './schema/spec-types'
import { fixture, fixtureNames } from './test-support'

const RUNS = Number(process.env.SEP2_MUTATIONS ?? 20_000)
const CODES: readonly string[] = Object.values(SEP2_XML_CODES)
const SOURCES = [...fixtureNames('annex-d').map((n) => `annex-d/${n}`), ...fixtureNames('handbook').map((n) => `handbook/${n}`)].map((name) => ({ name, xml: fixture(name) }))

const HOSTILE = ['', ' ', '-1', '-5000', '99', '-99', '10', '-10', '32767', '32768', '-32769', '65536', '1099511627776', '9223372036854775807', '9223372036854775808',
  '-9223372036854775809', '1e400', '-1e400', '1e3', 'NaN', 'Infinity', '-Infinity', '0x10', '1.5', '-0', '+7', '007', '\u0663', 'abc', '10001', '-10001', '4294967296', '256', '3601', '0', 'true', 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF']

type Rand = () => number
const pick = <T,>(rand: Rand, items: readonly T[]): T | undefined => items[Math.floor(rand() * items.length)]

/** [start, end) of every element (a small tag scanner: the fixtures have no comments or CDATA). */
function elementSpans(xml: string): [number, number][] {
  const spans: [number, number][] = []
  const stack: number[] = []
  for (const m of xml.matchAll(/<(\/?)[^>!?]*?(\/?)>/g)) {
    if (m[2] === '/') spans.push([m.index, m.index + m[0].length])
    else if (m[1] === '/') {
      const start = stack.pop()
      if (start !== undefined) spans.push([start, m.index + m[0].length])
    } else stack.push(m.index)
  }
  return spans.slice(0, -1) // not the root
}

function replaceText(xml: string, rand: Rand): string {
  const spots = [...xml.matchAll(/>([^<>]*\S[^<>]*)</g)]
  const spot = pick(rand, spots)
  if (!spot) return xml
  return `${xml.slice(0, spot.index + 1)}${pick(rand, HOSTILE)}${xml.slice(spot.index + 1 + (spot[1] ?? '').length)}`
}

function replaceAttr(xml: string, rand: Rand): string {
  const spots = [...xml.matchAll(/\s(?!xmlns)[\w:]+="([^"]*)"/g)]
  const spot = pick(rand, spots)
  if (!spot) return xml
  const at = spot.index + spot[0].length - 1 - (spot[1] ?? '').length
  return `${xml.slice(0, at)}${pick(rand, HOSTILE)}${xml.slice(at + (spot[1] ?? '').length)}`
}

function deleteOrDuplicate(xml: string, rand: Rand, duplicate: boolean): string {
  const span = pick(rand, elementSpans(xml))
  if (!span) return xml
  const [start, end] = span
  return duplicate ? `${xml.slice(0, end)}${xml.slice(start, end)}${xml.slice(end)}` : `${xml.slice(0, start)}${xml.slice(end)}`
}

function mutate(xml: string, rand: Rand): string {
  let out = xml
  const count = 1 + Math.floor(rand() * 3)
  for (let i = 0; i < count; i++) {
    const r = rand()
    out = r < 0.5 ? replaceText(out, rand) : r < 0.65 ? replaceAttr(out, rand) : deleteOrDuplicate(out, rand, r >= 0.85)
  }
  return out
}

/** An oracle written from the type tables, not from the decoder: every decoded value inside its field's type. */
function typeViolations(value: unknown, typeName: string, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [`${path}: not an object`]
  const record = value as Record<string, unknown>
  const spec = typeSpec(typeName)
  const fields = [...spec.attrs.map((a) => ({ name: a.name, type: a.type, many: false })), ...spec.elements.map((e) => ({ name: e.name, type: e.type, many: e.many === true }))]
  return fields.flatMap((f) => {
    const v = record[f.name]
    if (v === undefined) return []
    const items = f.many && Array.isArray(v) ? v : [v]
    return items.flatMap((item, i) => valueViolations(item, f.type, `${path}/${f.name}${f.many ? `[${i}]` : ''}`))
  })
}

function valueViolations(v: unknown, type: FieldType, path: string): string[] {
  switch (type.kind) {
    case 'complex':
      return typeViolations(v, type.type, path)
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v) && BigInt(v) >= type.int.min && BigInt(v) <= type.int.max ? [] : [`${path}: ${String(v)} outside ${type.int.name}`]
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? [] : [`${path}: ${String(v)} not finite`]
    case 'hex': {
      const n = (v as { value?: unknown }).value
      return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 2 ** (8 * type.bytes) ? [] : [`${path}: ${String(n)} not a HexBinary${type.bytes * 8}`]
    }
    case 'hexText':
      return typeof v === 'string' && (type.maxBytes === undefined || v.length <= type.maxBytes * 2) ? [] : [`${path}: '${String(v)}' too long`]
    case 'boolean':
      return typeof v === 'boolean' ? [] : [`${path}: not a boolean`]
    case 'string':
      return typeof v === 'string' ? [] : [`${path}: not a string`]
  }
}

/**
 * What reaches the scheduler from a DERControlList or DefaultDERControl: every limit a finite number or a boolean,
 * and no control whose DERControlBase the codec refused a mode of (REL-4: that control is refused, not half-applied).
 */
function scheduledProblems(kind: string, doc: unknown): string[] {
  const controls = kind === 'DERControlList' ? ((doc as { DERControl?: DERControl[] }).DERControl ?? []) : kind === 'DERControl' ? [doc as DERControl] : []
  const dflt = kind === 'DefaultDERControl' ? (doc as DefaultDERControl) : undefined
  if (controls.length === 0 && dflt === undefined) return []
  const snapshot = normaliseSnapshot({ polledAt: 0, programs: [{ href: '/derp/0', mRID: 'A0', primacy: 0, controls, ...(dflt ? { defaultControl: dflt } : {}) }] })
  const { snapshot: screened } = screenSnapshot(snapshot)
  const values = screened.programs.flatMap((p) => [...p.events.map((e) => e.event.modes), ...(p.defaultControl ? [p.defaultControl.modes] : [])]).flatMap((m) => Object.values(m))
  const events = screened.programs.flatMap((p) => p.events.map((e) => e.event))
  const times = events.flatMap((e) => [e.start, e.duration, e.creationTime])
  const refusedMrids = new Set(controls.filter((c) => c.DERControlBase.invalid !== undefined).map((c) => c.mRID))
  const applied = [
    ...events.filter((e) => refusedMrids.has(e.mRID)).map((e) => `event ${e.mRID} applied despite a refused mode`),
    ...(dflt?.DERControlBase.invalid !== undefined && screened.programs.some((p) => p.defaultControl !== undefined) ? ['default applied despite a refused mode'] : []),
  ]
  return [...values.filter((v) => typeof v !== 'boolean' && !Number.isFinite(v)), ...times.filter((t) => !Number.isFinite(t))].map(String).concat(applied)
}

/** The DERControlBase(s) of a decoded control document. */
function basesOf(kind: string, doc: unknown): DERControlBase[] {
  if (kind === 'DERControlList') return ((doc as { DERControl?: DERControl[] }).DERControl ?? []).map((c) => c.DERControlBase)
  return kind === 'DERControl' || kind === 'DefaultDERControl' ? [(doc as DERControl).DERControlBase] : []
}

/** Every mode the codec refused names its element, a path inside that element and a reason, and is left out. */
function refusalProblems(bases: readonly DERControlBase[]): string[] {
  const bad = (b: DERControlBase, r: RefusedElement) => !r.path.includes(`/${r.element}`) || r.reason === '' || b[r.element as keyof DERControlBase] !== undefined
  return bases.flatMap((b) => (b.invalid ?? []).filter((r) => bad(b, r)).map((r) => `bad refusal ${JSON.stringify(r)}`))
}

describe(`${RUNS} mutated Annex D / handbook documents`, () => {
  it('decode with every value in its IEEE 2030.5 type, or are refused with a coded error; nothing non-finite is scheduled', () => {
    const rand = createPrng(Number(process.env.SEP2_MUTATION_SEED ?? 20_305))
    const tally = { decoded: 0, refused: 0, modeRefused: 0 }
    for (let run = 0; run < RUNS; run++) {
      const source = pick(rand, SOURCES)
      if (!source) throw new Error('no fixtures')
      const xml = mutate(source.xml, rand)
      const parsed = parseSep2(xml)
      if (!parsed.ok) {
        tally.refused++
        if (!CODES.includes(parsed.error.code)) expect.fail(`run ${run} (${source.name}): uncoded error ${parsed.error.code}\n${xml}`)
        continue
      }
      tally.decoded++
      const { doc, kind } = parsed.value
      const bases = basesOf(kind, doc)
      if (bases.some((b) => b.invalid !== undefined)) tally.modeRefused++
      const problems = [...typeViolations(doc, kind, kind), ...scheduledProblems(kind, doc), ...refusalProblems(bases)]
      if (problems.length > 0) expect.fail(`run ${run} (${source.name}): ${problems.join('; ')}\n${xml}`)
    }
    // Both outcomes must really occur, or the mutations would prove nothing.
    expect(tally.decoded).toBeGreaterThan(RUNS / 10)
    expect(tally.refused).toBeGreaterThan(RUNS / 10)
    // Mode values outside their type (decoded with the control refused) must occur too.
    expect(tally.modeRefused, JSON.stringify(tally)).toBeGreaterThan(RUNS / 200)
  }, Math.max(60_000, RUNS * 3))
})
