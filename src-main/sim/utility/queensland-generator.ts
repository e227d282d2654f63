/**
 * handbook 6.1: the Queensland test server publishes "a rolling set of DERControls" of connect, energize, export,
 * import, generation and load limits, "also periods where no DERControls have been published, so that fallback to the
 * DefaultDERControl can be tested". Generated per 20-minute block from a seed, so the schedule is the same whenever it
 * is asked for and rolls on with time.
 */
import type { ScenarioControl, ScenarioModes } from './scenario-schema'
import { createPrng } from '../../../src-shared/prng'

export const BLOCK_S = 1200
const SLOT_S = 300
const GAP_CHANCE = 0.35
/** The window served around now: an hour back (still-active events), a day ahead (handbook 11.1: at least 24 events). */
export const LOOK_BACK_S = 3600
export const LOOK_AHEAD_S = 86_400

type Kind = 'connect' | 'energize' | 'export' | 'import' | 'generation' | 'load'
const KINDS: Kind[] = ['connect', 'energize', 'export', 'import', 'generation', 'load']
const LIMITS_W = [0, 1000, 2500, 5000, 7500]

function modesFor(kind: Kind, pick: number): ScenarioModes {
  const limit = LIMITS_W[Math.floor(pick * LIMITS_W.length)] ?? 0
  switch (kind) {
    case 'connect':
      return { opModConnect: false }
    case 'energize':
      return { opModEnergize: false }
    case 'export':
      return { opModExpLimW: limit }
    case 'import':
      return { opModImpLimW: limit }
    case 'generation':
      return { opModGenLimW: limit }
    case 'load':
      return { opModLoadLimW: limit }
  }
}

/** The control of block `index` (blocks are epoch-aligned), or undefined for a gap. Times in Unix seconds. */
export function blockControl(seed: number, index: number): { startUnixS: number; durationS: number; modes: ScenarioModes } | undefined {
  const random = createPrng((seed ^ Math.imul(index, 2_654_435_761)) >>> 0)
  if (random() < GAP_CHANCE) return undefined
  const kind = KINDS[Math.floor(random() * KINDS.length)] ?? 'export'
  const slots = BLOCK_S / SLOT_S
  const first = Math.floor(random() * (slots - 1))
  const length = 1 + Math.floor(random() * (slots - first))
  return { startUnixS: index * BLOCK_S + first * SLOT_S, durationS: length * SLOT_S, modes: modesFor(kind, random()) }
}

/** The rolling schedule around `nowMs`, relative to the scenario start, created a day ahead of each event. */
export function rollingControls(options: { seed: number; nowMs: number; scenarioStartMs: number }): ScenarioControl[] {
  const nowS = Math.floor(options.nowMs / 1000)
  const startS = Math.floor(options.scenarioStartMs / 1000)
  const controls: ScenarioControl[] = []
  for (let index = Math.floor((nowS - LOOK_BACK_S) / BLOCK_S); index * BLOCK_S <= nowS + LOOK_AHEAD_S; index++) {
    const block = blockControl(options.seed, index)
    if (!block) continue
    const rel = block.startUnixS - startS
    controls.push({ startS: rel, durationS: block.durationS, modes: block.modes, creationOffsetS: rel - LOOK_AHEAD_S, responseRequired: 3, description: `rolling block ${index}` })
  }
  return controls
}
