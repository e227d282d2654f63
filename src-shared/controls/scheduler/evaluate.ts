/**
 * The value of every mode at one instant (CTL-3, handbook 12 figure 8): per mode independently, the best active
 * event that sets it -> the DefaultDERControl in force -> the fixed contract limits (export/import, 11.4, CTL-7) ->
 * the implied defaults.
 */
import {
  CONTROL_MODES,
  type ControlMode,
  type ControlSource,
  type DefaultControlInput,
  type EffectiveMode,
  type EffectiveModes,
  type FixedLimits,
  type ModeValue,
  type ProgramInput,
} from '../types'
import { CONTROL_MODE_TABLE } from '../mode-table'
import type { EventWindow } from './windows'

/**
 * handbook figure 8 "Implied Mode Defaults": Gen/Load unlimited, Connect and Energize true, maxLimW 100 % of setMaxW,
 * fixedW/targetW unset (null: the DER runs on its own) – the `implied` column of the control-mode table.
 */
export function impliedValue(mode: ControlMode): ModeValue | null {
  return CONTROL_MODE_TABLE[mode].implied
}

function fixedValue(mode: ControlMode, fixed: FixedLimits): number | undefined {
  if (mode === 'expLimW') return fixed.expLimW
  if (mode === 'impLimW') return fixed.impLimW
  return undefined
}

export interface DefaultLayer {
  programId: string
  control: DefaultControlInput
}

/**
 * The default in force at `t`: that of the highest-priority (lowest primacy) program that has one in force. Only
 * that one applies – modes it does not set fall to the fixed limits, not to another program's default – because
 * a DefaultDERControl is the failsafe of the connection point as a whole (handbook 10.7, 11.4). Ties on primacy go
 * to the program id that sorts first, so the choice never depends on input order.
 */
export function defaultAt(programs: readonly ProgramInput[], t: number): DefaultLayer | undefined {
  let best: ProgramInput | undefined
  for (const p of programs) {
    const d = p.defaultControl
    if (d === undefined || (d.since !== undefined && d.since > t)) continue
    if (best === undefined || p.primacy < best.primacy || (p.primacy === best.primacy && p.id < best.id)) best = p
  }
  return best?.defaultControl === undefined ? undefined : { programId: best.id, control: best.defaultControl }
}

export interface Layers {
  /** Executable windows, best first (rank.ts). */
  ranked: readonly EventWindow[]
  programs: readonly ProgramInput[]
  fixed: FixedLimits
}

function eventSource(w: EventWindow): ControlSource {
  return { kind: 'event', mRID: w.event.mRID, programId: w.event.programId, primacy: w.primacy }
}

interface ModeContext {
  active: readonly EventWindow[]
  def: DefaultLayer | undefined
  fixed: FixedLimits
}

function modeAt(mode: ControlMode, { active, def, fixed }: ModeContext): EffectiveMode {
  for (const w of active) {
    const v = w.event.modes[mode]
    if (v !== undefined) return { value: v, source: eventSource(w) }
  }
  const dv = def?.control.modes[mode]
  if (def !== undefined && dv !== undefined) return { value: dv, source: { kind: 'default', programId: def.programId } }
  const fv = fixedValue(mode, fixed)
  if (fv !== undefined) return { value: fv, source: { kind: 'fixed' } }
  return { value: impliedValue(mode), source: { kind: 'implied' } }
}

/** Every mode's value and source at `t`. Windows are half-open: [from, to). */
export function stateAt(t: number, layers: Layers): EffectiveModes {
  const active = layers.ranked.filter((w) => w.from <= t && t < w.to)
  const context = { active, def: defaultAt(layers.programs, t), fixed: layers.fixed }
  const out = {} as EffectiveModes
  for (const mode of CONTROL_MODES) out[mode] = modeAt(mode, context)
  return out
}
