import type { MeterReading } from './meter-profile'

/**
 * The installer's sign and phase check for the site meter. With generation running and little load, the site must
 * read export, i.e. negative (handbook 10.8.2: site readings negative for generation, positive for consumption).
 * Reports what the meter reads and what that implies: OK, CT(s) reversed, or a CT on the wrong phase.
 */
export type PhaseName = 'A' | 'B' | 'C'

export type OrientationVerdict =
  | { kind: 'ok' }
  | { kind: 'ct-reversed'; phases: PhaseName[] }
  | { kind: 'phase-swapped'; phases: PhaseName[] }
  | { kind: 'inconclusive'; reason: string }

export interface OrientationCheck {
  verdict: OrientationVerdict
  /** What the meter reads: total and per-phase W. */
  siteW: number | undefined
  phaseW: Partial<Record<PhaseName, number>>
  /** One paragraph for the installer. */
  words: string
}

export interface OrientationInput {
  meter: MeterReading
  /** DER output the inverters report, W (positive generating). */
  generationW: number
  /** Phases the generation is connected to (default all three). */
  generationPhases?: PhaseName[]
}

/** Below this generation the test says nothing: load noise would dominate. */
export const MIN_GENERATION_FOR_CHECK_W = 500
/** A phase carrying current whose power factor magnitude is below this is measuring another phase's current. */
const SWAPPED_PF = 0.7
/** Phase powers smaller than this are treated as idle. */
const IDLE_PHASE_W = 50

function phaseFindings(input: OrientationInput): { reversed: PhaseName[]; swapped: PhaseName[] } {
  const phases = input.generationPhases ?? ['A', 'B', 'C']
  const reversed: PhaseName[] = []
  const swapped: PhaseName[] = []
  for (const p of phases) {
    const q = input.meter.phases[p]
    const w = q.W
    if (w === undefined || Math.abs(w) < IDLE_PHASE_W) continue
    const pf = q.PF ?? (q.VA ? w / q.VA : undefined)
    if (pf !== undefined && Math.abs(pf) < SWAPPED_PF) swapped.push(p)
    else if (w > 0) reversed.push(p)
  }
  return { reversed, swapped }
}

function describe(verdict: OrientationVerdict, siteW: number | undefined, generationW: number): string {
  const reads = `The meter reads ${siteW === undefined ? 'no total power' : `${Math.round(siteW)} W`} with ${Math.round(generationW)} W of generation running.`
  switch (verdict.kind) {
    case 'ok':
      return `${reads} Export reads negative, as it should (handbook 10.8.2). The meter is the right way round.`
    case 'ct-reversed':
      return `${reads} Phase ${verdict.phases.join(', ')} reads import while the site is exporting: the CT on ${verdict.phases.length > 1 ? 'those phases is' : 'that phase is'} reversed (or its S1/S2 leads are swapped). Turn it round and check again.`
    case 'phase-swapped':
      return `${reads} Phase ${verdict.phases.join(', ')} shows power at a poor power factor: its CT is on a different phase from its voltage reference. Match each CT to its voltage phase and check again.`
    case 'inconclusive':
      return `${reads} ${verdict.reason}`
  }
}

export function checkMeterOrientation(input: OrientationInput): OrientationCheck {
  const siteW = input.meter.total.W ?? sumPhases(input.meter)
  const phaseW = { A: input.meter.phases.A.W, B: input.meter.phases.B.W, C: input.meter.phases.C.W }
  let verdict: OrientationVerdict
  if (input.generationW < MIN_GENERATION_FOR_CHECK_W) {
    verdict = { kind: 'inconclusive', reason: `Start generation (at least ${MIN_GENERATION_FOR_CHECK_W} W) with little load on, then check again.` }
  } else {
    const { reversed, swapped } = phaseFindings(input)
    if (swapped.length) verdict = { kind: 'phase-swapped', phases: swapped }
    else if (reversed.length) verdict = { kind: 'ct-reversed', phases: reversed }
    else if (siteW !== undefined && siteW > 0) verdict = { kind: 'inconclusive', reason: 'The site still imports: switch off large loads so generation exceeds load, then check again.' }
    else verdict = { kind: 'ok' }
  }
  return { verdict, siteW, phaseW, words: describe(verdict, siteW, input.generationW) }
}

function sumPhases(m: MeterReading): number | undefined {
  const ws = [m.phases.A.W, m.phases.B.W, m.phases.C.W].filter((w): w is number => w !== undefined)
  return ws.length ? ws.reduce((a, b) => a + b, 0) : undefined
}
