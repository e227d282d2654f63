/**
 * Priority between events (handbook 12, CTL-3): lower primacy wins between programs; on a primacy tie events the
 * server marked Superseded sort last, then the later creationTime wins (figure 10); mRID breaks the last tie so the
 * result never depends on input order.
 */
import { EVENT_STATUS, type ControlMode } from '../types'
import type { EventWindow } from './windows'

export type OverlapRule = 'resume' | 'csip-no-resume'

/** Negative when `a` has priority over `b`. */
export function compareWindows(a: EventWindow, b: EventWindow): number {
  if (a.primacy !== b.primacy) return a.primacy - b.primacy
  const aSup = a.event.currentStatus === EVENT_STATUS.superseded ? 1 : 0
  const bSup = b.event.currentStatus === EVENT_STATUS.superseded ? 1 : 0
  if (aSup !== bSup) return aSup - bSup
  if (a.event.creationTime !== b.event.creationTime) return b.event.creationTime - a.event.creationTime
  return a.event.mRID < b.event.mRID ? -1 : a.event.mRID > b.event.mRID ? 1 : 0
}

export function applies(w: EventWindow): boolean {
  return w.to > w.from
}

function overlapInTime(a: EventWindow, b: EventWindow): boolean {
  return a.from < b.to && b.from < a.to
}

function sharesMode(a: EventWindow, b: EventWindow): boolean {
  return (Object.keys(a.event.modes) as ControlMode[]).some((m) => b.event.modes[m] !== undefined)
}

/**
 * The windows that take part in resolution, best first.
 * 'resume' (IEEE 2030.5:2023, utility preferred): every applicable event takes part; per instant and mode the best one
 * wins, so an overlapped event resumes when the higher one ends.
 * 'csip-no-resume' (CSIP): an event overlapped at any time by a higher-priority executed event that sets at least one
 * of the same modes is not executed at all – for none of its modes (handbook figure 9 "alternative": B's import is
 * dropped with its export, the outer cells show the default's import). Modes are independent (handbook 12), so an
 * overlap with no mode in common drops nothing.
 */
export function executableWindows(windows: readonly EventWindow[], rule: OverlapRule): {
  executable: EventWindow[]
  dropped: EventWindow[]
} {
  const ranked = windows.filter(applies).sort(compareWindows)
  switch (rule) {
    case 'resume':
      return { executable: ranked, dropped: [] }
    case 'csip-no-resume': {
      const executable: EventWindow[] = []
      const dropped: EventWindow[] = []
      for (const w of ranked) {
        const beaten = executable.some((h) => overlapInTime(h, w) && sharesMode(h, w))
        ;(beaten ? dropped : executable).push(w)
      }
      return { executable, dropped }
    }
  }
}
