/** Test builders: DERControl / DefaultDERControl documents as the codec models them, and snapshots of programs. */
import type { DERControl, DERControlBase, DefaultDERControl } from '../../sep2/xml'
import type { ProgramSnapshot } from '../snapshot'

export interface ControlSpec {
  mRID: string
  start: number
  duration: number
  creationTime?: number
  status?: number
  exportW?: number
  importW?: number
  genW?: number
  loadW?: number
  energize?: boolean
  connect?: boolean
  multiplier?: number
  randomizeStart?: number
  rampTms?: number
  responseRequired?: number
  replyTo?: string
  description?: string
}

export function controlBase(spec: Omit<ControlSpec, 'mRID' | 'start' | 'duration'>): DERControlBase {
  const m = spec.multiplier ?? 0
  const scaled = (w: number) => ({ value: Math.round(w / 10 ** m), multiplier: m })
  const base: DERControlBase = {}
  if (spec.exportW !== undefined) base.opModExpLimW = scaled(spec.exportW)
  if (spec.importW !== undefined) base.opModImpLimW = scaled(spec.importW)
  if (spec.genW !== undefined) base.opModGenLimW = scaled(spec.genW)
  if (spec.loadW !== undefined) base.opModLoadLimW = scaled(spec.loadW)
  if (spec.energize !== undefined) base.opModEnergize = spec.energize
  if (spec.connect !== undefined) base.opModConnect = spec.connect
  if (spec.rampTms !== undefined) base.rampTms = spec.rampTms
  return base
}

export function derControl(spec: ControlSpec): DERControl {
  const doc: DERControl = {
    mRID: spec.mRID,
    creationTime: spec.creationTime ?? spec.start - 3600,
    EventStatus: { currentStatus: spec.status ?? 0, dateTime: spec.creationTime ?? spec.start - 3600, potentiallySuperseded: false },
    interval: { start: spec.start, duration: spec.duration },
    DERControlBase: controlBase(spec),
  }
  if (spec.description !== undefined) doc.description = spec.description
  if (spec.randomizeStart !== undefined) doc.randomizeStart = spec.randomizeStart
  if (spec.responseRequired !== undefined) doc.responseRequired = { value: spec.responseRequired }
  if (spec.replyTo !== undefined) doc.replyTo = spec.replyTo
  return doc
}

export function defaultControl(spec: { mRID: string; exportW?: number; importW?: number; setGradW?: number }): DefaultDERControl {
  const doc: DefaultDERControl = { mRID: spec.mRID, DERControlBase: controlBase(spec) }
  if (spec.setGradW !== undefined) doc.setGradW = spec.setGradW
  return doc
}

/** A hex mRID derived from the program's href digits. */
const programMrid = (href: string): string => `A${href.replace(/\D/g, '').padStart(31, '0')}`

export function program(spec: { href: string; primacy: number; dflt?: DefaultDERControl; controls?: DERControl[] }): ProgramSnapshot {
  const p: ProgramSnapshot = { href: spec.href, mRID: programMrid(spec.href), primacy: spec.primacy, controls: spec.controls ?? [] }
  if (spec.dflt) p.defaultControl = spec.dflt
  return p
}

/** A 32-hex-digit mRID for event `n`. */
export const mrid = (n: number): string => `E${String(n).padStart(31, '0')}`
