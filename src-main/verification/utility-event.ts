import type { UtilityEventRef } from '../../src-shared/contract/verification'
import type { Resolution } from '../../src-shared/controls/scheduler/resolve'
import type { VerificationMode } from '../../src-shared/verification/profiles'
import type { UtilityEventProbe } from './limit-override'

/** A resolution is re-read at most this often by the probe (the controller asks several times a second). */
const PROBE_CACHE_MS = 1000

interface ControlsLike {
  resolution(atMs?: number): Resolution
  view(): { events: readonly { mRID: string; description?: string }[] }
}

/** The DERControl event that sets `mode` at `nowMs` (handbook 10.5: an event, not the DefaultDERControl), if any. */
export function utilityEventAt(controls: ControlsLike, mode: VerificationMode, nowMs: number): UtilityEventRef | undefined {
  const effective = controls.resolution(nowMs).effective[mode]
  if (effective.source.kind !== 'event') return undefined
  const { mRID, programId } = effective.source
  const description = controls.view().events.find((e) => e.mRID === mRID)?.description
  return { mRID, programId, ...(description === undefined ? {} : { description }), value: effective.value }
}

/** The probe the limit override asks on every decision: the resolution is read at most once a second. */
export function cachedUtilityEventProbe(controls: () => { resolution(atMs?: number): Resolution }): UtilityEventProbe {
  let cached: { atMs: number; resolution: Resolution } | undefined
  return (mode, nowMs) => {
    if (!cached || nowMs < cached.atMs || nowMs - cached.atMs >= PROBE_CACHE_MS) cached = { atMs: nowMs, resolution: controls().resolution(nowMs) }
    const source = cached.resolution.effective[mode].source
    return source.kind === 'event' ? { mRID: source.mRID, programId: source.programId, value: cached.resolution.effective[mode].value } : undefined
  }
}

/** Words naming the event for the installer and the report. */
export function describeUtilityEvent(event: UtilityEventRef): string {
  const value = typeof event.value === 'number' ? `${Math.round(event.value)} W` : event.value === null ? 'no value' : event.value ? 'on' : 'off'
  return `the utility's event ${event.description ? `"${event.description}" ` : ''}(mRID ${event.mRID}, ${value})`
}
