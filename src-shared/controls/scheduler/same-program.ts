/**
 * Overlapping events of one program (handbook 12 figure 10, IEEE 2030.5 12.1.3.x "duplicate events"): the event with
 * the later creationTime takes precedence and the older one is superseded – it runs until the newer one starts and
 * never resumes, whatever the cross-program overlap rule (rank.ts) says. cactus ALL-18 (s) and GEN-10 (u) expect the
 * older event's Superseded (7) response.
 */
import type { ControlMode } from '../types'
import { applies, compareWindows } from './rank'
import type { EventWindow } from './windows'

function overlapInTime(a: EventWindow, b: EventWindow): boolean {
  return a.from < b.to && b.from < a.to
}

/** Modes are independent (handbook 12): an event that sets none of the newer one's modes is not touched. */
function sharesMode(a: EventWindow, b: EventWindow): boolean {
  return (Object.keys(a.event.modes) as ControlMode[]).some((m) => b.event.modes[m] !== undefined)
}

function newer(a: EventWindow, than: EventWindow): boolean {
  return a.event.programId === than.event.programId && compareWindows(a, than) < 0
}

/**
 * Each applicable window cut at the start of the earliest newer same-program event it overlaps (never before its own
 * start: an event overlapped from its beginning does not apply at all). Newest first, so an event cut by a still newer
 * one only cuts an older one where it still runs.
 */
export function supersedeWithinPrograms(windows: readonly EventWindow[]): EventWindow[] {
  const byPriority = [...windows].sort(compareWindows)
  const kept: EventWindow[] = []
  const out = new Map<EventWindow, EventWindow>()
  for (const w of byPriority) {
    let to = w.to
    for (const h of kept) {
      if (applies(w) && newer(h, w) && overlapInTime(h, w) && sharesMode(h, w)) to = Math.min(to, Math.max(w.from, h.from))
    }
    const cut = to === w.to ? w : { ...w, to }
    out.set(w, cut)
    if (applies(cut)) kept.push(cut)
  }
  return windows.map((w) => out.get(w) ?? w)
}
