/**
 * What the simulated server publishes at a given time: the scenario's controls with their EventStatus as time passes
 * (handbook 10.5.2: Scheduled -> Active -> gone after the end; Cancelled / Superseded at their times), the default
 * control once it is in force, and the generated rolling schedule.
 */
import { createHash } from 'node:crypto'
import { rollingControls } from './queensland-generator'
import type { Scenario, ScenarioControl, ScenarioProgram } from './scenario-schema'

const ALIGN_MS = 300_000
/** A control appears on the server this long before the scenario start unless it says otherwise. */
const DEFAULT_CREATION_OFFSET_S = -60

export const EVENT_STATUS = { scheduled: 0, active: 1, cancelled: 2, cancelledWithRandomization: 3, superseded: 4 } as const

export interface ServedControl {
  mRID: string
  description?: string
  /** Unix seconds. */
  creationTime: number
  start: number
  durationS: number
  status: number
  statusTime: number
  control: ScenarioControl
}

/** handbook: the scenario start is the clock's 5-minute boundary at or before the simulator start. */
export function alignedStart(nowMs: number): number {
  return Math.floor(nowMs / ALIGN_MS) * ALIGN_MS
}

/** A stable 128-bit mRID (upper-case hex) from the parts that identify the object. */
export function mridOf(...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 32).toUpperCase()
}

export function programMrid(scenario: Scenario, program: ScenarioProgram): string {
  return program.mRID ?? mridOf(scenario.name, 'program', program.id)
}

export function controlsOf(program: ScenarioProgram, ctx: { nowMs: number; startMs: number }): ScenarioControl[] {
  if (program.generator) return rollingControls({ seed: program.generator.seed, nowMs: ctx.nowMs, scenarioStartMs: ctx.startMs })
  return program.controls
}

/** The events of a program the server lists now, ordered by start (then newest creation first). */
export function servedControls(scenario: Scenario, program: ScenarioProgram, ctx: { nowMs: number; startMs: number }): ServedControl[] {
  const startS = Math.floor(ctx.startMs / 1000)
  const t = ctx.nowMs / 1000 - startS
  const served: ServedControl[] = []
  controlsOf(program, ctx).forEach((control, index) => {
    const status = statusAt(control, t)
    if (!status) return
    const item: ServedControl = {
      mRID: control.mRID ?? mridOf(scenario.name, program.id, control.startS, control.durationS, control.creationOffsetS ?? DEFAULT_CREATION_OFFSET_S, index),
      creationTime: startS + (control.creationOffsetS ?? DEFAULT_CREATION_OFFSET_S),
      start: startS + control.startS,
      durationS: control.durationS,
      status: status.status,
      statusTime: startS + status.sinceS,
      control,
    }
    if (control.description !== undefined) item.description = control.description
    served.push(item)
  })
  return served.sort((a, b) => a.start - b.start || b.creationTime - a.creationTime)
}

/** Status at `t` seconds after the scenario start, or undefined when the control is not (or no longer) listed. */
export function statusAt(control: ScenarioControl, t: number): { status: number; sinceS: number } | undefined {
  const created = control.creationOffsetS ?? DEFAULT_CREATION_OFFSET_S
  const end = control.startS + control.durationS
  if (t < created || t >= end) return undefined
  if (control.status === 'cancelled') return { status: EVENT_STATUS.cancelled, sinceS: created }
  if (control.status === 'superseded') return { status: EVENT_STATUS.superseded, sinceS: created }
  if (control.cancelAtS !== undefined && t >= control.cancelAtS) {
    return { status: control.cancelRandomized ? EVENT_STATUS.cancelledWithRandomization : EVENT_STATUS.cancelled, sinceS: control.cancelAtS }
  }
  if (control.supersededAtS !== undefined && t >= control.supersededAtS) return { status: EVENT_STATUS.superseded, sinceS: control.supersededAtS }
  if (t >= control.startS) return { status: EVENT_STATUS.active, sinceS: control.startS }
  return { status: EVENT_STATUS.scheduled, sinceS: created }
}

/** The default control is published once its `fromS` has come (figure 8: not in the first slot). */
export function defaultInForce(program: ScenarioProgram, ctx: { nowMs: number; startMs: number }): boolean {
  if (!program.default) return false
  return program.default.fromS === undefined || ctx.nowMs >= ctx.startMs + program.default.fromS * 1000
}
