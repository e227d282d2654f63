/**
 * Adapter from the SEP2 client's polled ProgramView (src-shared/contract/server: ms times, modes with multipliers
 * applied, percent and seconds for the 2030.5 base modes and rampTms) to the controls service's own units, both
 * through the control-mode table (src-shared/controls/mode-table.ts).
 */
import type { EventInput, EventStatusCode } from '../../src-shared/controls'
import type { ControlEvent, ProgramView } from '../../src-shared/contract/server'
import { modesFromView, rampTmsFromView } from '../../src-shared/controls/mode-views'
import { isEventStatus, refusedEventInputs, refusedProblems } from './map-documents'
import type { NormalisedProgram, NormalisedSnapshot } from './snapshot'

const SECOND_MS = 1000

function eventFromView(e: ControlEvent, programId: string): EventInput | undefined {
  if (!isEventStatus(e.status)) return undefined
  const event: EventInput = {
    mRID: e.mRID,
    programId,
    creationTime: Math.floor(e.creationTime / SECOND_MS),
    currentStatus: e.status satisfies EventStatusCode,
    start: Math.floor(e.start / SECOND_MS),
    duration: e.durationS,
    modes: modesFromView(e.modes),
  }
  const invalid = refusedProblems(e.invalid)
  if (invalid !== undefined) event.invalid = invalid
  if (e.randomizeStartS !== undefined) event.randomizeStart = e.randomizeStartS
  if (e.randomizeDurationS !== undefined) event.randomizeDuration = e.randomizeDurationS
  if (e.modes.rampTms !== undefined) event.rampTms = rampTmsFromView(e.modes.rampTms)
  if (e.responseRequired !== undefined) event.responseRequired = e.responseRequired
  if (e.replyTo !== undefined) event.replyTo = e.replyTo
  return event
}

export function snapshotFromProgramViews(programs: readonly ProgramView[], polledAt: number): NormalisedSnapshot {
  return {
    polledAt,
    programs: programs.map((p): NormalisedProgram => {
      const out: NormalisedProgram = { href: p.href, mRID: p.mRID, primacy: p.primacy, events: [] }
      if (p.description !== undefined) out.description = p.description
      if (p.defaultControl) {
        const { setGradW } = p.defaultControl
        const invalid = refusedProblems(p.defaultControl.invalid)
        out.defaultControl = { modes: modesFromView(p.defaultControl.modes), ...(setGradW === undefined ? {} : { setGradW }), ...(invalid === undefined ? {} : { invalid }) }
      }
      for (const e of p.events) {
        const event = eventFromView(e, p.href)
        if (event) out.events.push(e.description === undefined ? { event } : { event, description: e.description })
      }
      const refused = refusedEventInputs(p.refusedEvents)
      if (refused !== undefined) out.refusedEvents = refused
      return out
    }),
  }
}
