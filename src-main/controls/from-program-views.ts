/**
 * Adapter from the SEP2 client's polled ProgramView (src-shared/contract/server: ms times, modes with multipliers
 * applied, percent and seconds for the 2030.5 base modes and rampTms) to the controls service's own units.
 */
import type { EventInput, EventStatusCode, ModeValues } from '../../src-shared/controls'
import type { ControlEvent, ControlModes, ProgramView } from '../../src-shared/contract/server'
import { isEventStatus } from './map-documents'
import type { NormalisedProgram, NormalisedSnapshot } from './snapshot'

const SECOND_MS = 1000
/** The views give opModMaxLimW / opModFixedW in percent and rampTms in seconds; the scheduler wants hundredths. */
const HUNDREDTHS = 100

function modesFromView(m: ControlModes): ModeValues {
  const out: ModeValues = {}
  if (m.opModExpLimW !== undefined) out.expLimW = m.opModExpLimW
  if (m.opModImpLimW !== undefined) out.impLimW = m.opModImpLimW
  if (m.opModGenLimW !== undefined) out.genLimW = m.opModGenLimW
  if (m.opModLoadLimW !== undefined) out.loadLimW = m.opModLoadLimW
  if (m.opModConnect !== undefined) out.connect = m.opModConnect
  if (m.opModEnergize !== undefined) out.energize = m.opModEnergize
  if (m.opModMaxLimW !== undefined) out.maxLimW = Math.round(m.opModMaxLimW * HUNDREDTHS)
  if (m.opModFixedW !== undefined) out.fixedW = Math.round(m.opModFixedW * HUNDREDTHS)
  if (m.opModTargetW !== undefined) out.targetW = m.opModTargetW
  return out
}

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
  if (e.randomizeStartS !== undefined) event.randomizeStart = e.randomizeStartS
  if (e.randomizeDurationS !== undefined) event.randomizeDuration = e.randomizeDurationS
  if (e.modes.rampTms !== undefined) event.rampTms = Math.round(e.modes.rampTms * HUNDREDTHS)
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
        const modes = modesFromView(p.defaultControl.modes)
        out.defaultControl = p.defaultControl.setGradW === undefined ? { modes } : { modes, setGradW: p.defaultControl.setGradW }
      }
      for (const e of p.events) {
        const event = eventFromView(e, p.href)
        if (event) out.events.push(e.description === undefined ? { event } : { event, description: e.description })
      }
      return out
    }),
  }
}
