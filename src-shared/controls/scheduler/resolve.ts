/**
 * resolveSchedule: programs + events + defaults + fixed limits + now + random draws -> the effective value and source
 * of every mode now, the timeline of changes, and the response intents (DESIGN.md layer 1; CTL-2, CTL-3, CTL-7).
 * Pure: `now` and the random draws are inputs.
 *
 * Storage (CTL-2, handbook 10.9/11.1): every event passed in is used – nothing is truncated to 24, so a full 58-event
 * forecast resolves as sent. Events that ended are ignored (past the intent look-back).
 */
import type { EffectiveMode, EffectiveModes, FixedLimits, ProgramInput, ResponseIntent, ResponseKind, TimelineEntry } from '../types'
import { CONTROL_MODES } from '../types'
import { defaultAt, stateAt, type Layers } from './evaluate'
import { intentsFor } from './intents'
import { executableWindows, type OverlapRule } from './rank'
import { supersedeWithinPrograms } from './same-program'
import type { RandomDraw } from './randomize'
import { eventWindows, type EventWindow, type VanishedEvent } from './windows'

/**
 * Intents of an event that ended up to this long before `now` are still reported, so a caller that re-resolves a
 * little after an end (timers fire late; polls come every 300 s at most, table 2) still gets "completed".
 */
export const DEFAULT_INTENT_LOOKBACK_S = 60

/** Same due time: one event completes before the next one starts (back-to-back events, ALL-21). */
const TIE_ORDER: Readonly<Record<ResponseKind, number>> = { received: 0, completed: 1, cancelled: 2, superseded: 3, started: 4 }

export interface ResolveSettings {
  /** Default 'resume' (IEEE 2030.5:2023, the utility's preference, handbook 12). */
  overlap: OverlapRule
  intentLookbackS: number
}

export interface ResolveInput {
  programs: readonly ProgramInput[]
  fixed: FixedLimits
  now: number
  /** Pre-drawn random offsets per event mRID (randomize.ts); missing = 0, out-of-bound draws are clamped. */
  draws: Readonly<Record<string, RandomDraw>>
  settings?: Partial<ResolveSettings>
  /** How far past `now` the timeline and intents reach (s). */
  horizonS: number
  vanished?: readonly VanishedEvent[]
  cancelSeenAt?: Readonly<Record<string, number>>
}

export interface Resolution {
  now: number
  effective: EffectiveModes
  /** The state of every mode at `now`, then each change up to now + horizonS, in time order. */
  timeline: TimelineEntry[]
  /** Sorted by dueAt. */
  intents: ResponseIntent[]
  /** First change after now within the horizon (APP-2 countdown). */
  nextChangeAt: number | undefined
  windows: EventWindow[]
  /**
   * setGradW of the DefaultDERControl in force at `now` (handbook 10.7, 11.3); absent when it gives none (then 28,
   * AS/NZS 4777.2). Part of the resolution so that a new default's setGradW is a schedule change (ALL-13, ALL-28).
   */
  setGradW?: number
}

function sameMode(a: EffectiveMode, b: EffectiveMode): boolean {
  if (a.value !== b.value || a.source.kind !== b.source.kind) return false
  const s = a.source
  const t = b.source
  if (s.kind === 'event' && t.kind === 'event') return s.mRID === t.mRID
  if (s.kind === 'default' && t.kind === 'default') return s.programId === t.programId
  return true
}

function evaluationPoints(input: ResolveInput, ranked: readonly EventWindow[]): number[] {
  const edges = ranked.flatMap((w) => [w.from, w.to])
  for (const p of input.programs) if (p.defaultControl?.since !== undefined) edges.push(p.defaultControl.since)
  const start = Math.min(input.now, ...ranked.map((w) => w.from))
  const points = new Set([input.now, start, ...edges.filter((e) => e >= start && Number.isFinite(e))])
  return [...points].sort((a, b) => a - b)
}

interface Walk {
  effective: EffectiveModes
  timeline: TimelineEntry[]
  firstWin: Map<string, number>
  lastLoss: Map<string, number>
}

function winners(state: EffectiveModes): Set<string> {
  const out = new Set<string>()
  for (const mode of CONTROL_MODES) {
    const s = state[mode].source
    if (s.kind === 'event') out.add(s.mRID)
  }
  return out
}

/** firstWin: first instant an event decides a mode; lastLoss: the instant its last run of deciding ended. */
function recordWins(now: Set<string>, before: Set<string>, at: number, walk: Walk): void {
  for (const mRID of now) {
    if (!walk.firstWin.has(mRID)) walk.firstWin.set(mRID, at)
    walk.lastLoss.delete(mRID)
  }
  for (const mRID of before) if (!now.has(mRID)) walk.lastLoss.set(mRID, at)
}

function walk(input: ResolveInput, layers: Layers): Walk {
  const { now, horizonS } = input
  const out: Walk = { effective: {} as EffectiveModes, timeline: [], firstWin: new Map(), lastLoss: new Map() }
  const timeline = out.timeline
  let prev: EffectiveModes | undefined
  let prevWinners = new Set<string>()
  let effective: EffectiveModes | undefined
  for (const at of evaluationPoints(input, layers.ranked)) {
    const state = stateAt(at, layers)
    const deciding = winners(state)
    recordWins(deciding, prevWinners, at, out)
    prevWinners = deciding
    if (at === now) effective = state
    if (at >= now && at <= now + horizonS) {
      for (const mode of CONTROL_MODES) {
        if (at === now || prev === undefined || !sameMode(prev[mode], state[mode])) timeline.push({ at, mode, ...state[mode] })
      }
    }
    prev = state
  }
  out.effective = effective ?? stateAt(now, layers)
  return out
}

function ended(w: EventWindow, now: number, lookbackS: number): boolean {
  return w.plannedTo < now - lookbackS
}

export function resolveSchedule(input: ResolveInput): Resolution {
  const overlap = input.settings?.overlap ?? 'resume'
  const lookbackS = input.settings?.intentLookbackS ?? DEFAULT_INTENT_LOOKBACK_S
  // Same-program overlaps first (figure 10): the older event is cut where the newer one starts, under either rule.
  const all = supersedeWithinPrograms(eventWindows(input))
  // The CSIP drop decision looks at ended events too: B in figure 9 stays dropped after A ended. Callers should keep
  // an ended event stored while an event it overlapped is still running.
  const executable = executableWindows(all, overlap).executable.filter((w) => !ended(w, input.now, lookbackS))
  const windows = all.filter((w) => !ended(w, input.now, lookbackS))
  const result = walk(input, { ranked: executable, programs: input.programs, fixed: input.fixed })
  const seenAt = (mRID: string): number => input.cancelSeenAt?.[mRID] ?? input.now
  const intents = windows
    .flatMap((w) => intentsFor(w, { now: input.now, firstWin: result.firstWin, lastLoss: result.lastLoss, seenAt }))
    .filter((i) => i.dueAt <= input.now + input.horizonS)
    .sort((a, b) => a.dueAt - b.dueAt || TIE_ORDER[a.kind] - TIE_ORDER[b.kind])
  const nextChangeAt = result.timeline.find((e) => e.at > input.now)?.at
  const setGradW = defaultAt(input.programs, input.now)?.control.setGradW
  const out: Resolution = { now: input.now, effective: result.effective, timeline: result.timeline, intents, nextChangeAt, windows }
  return setGradW === undefined ? out : { ...out, setGradW }
}
