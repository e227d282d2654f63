/**
 * Moving a commanded total towards its target without oscillating (issue 6: "smoothing and a capped step"):
 * - decreases happen at once – a value above the ramped limit is non-compliant (handbook 11.3), so a cut is never
 *   delayed; only cuts smaller than the deadband are skipped (the margin under the limit covers them);
 * - increases close `smoothing` of the gap per decision, at least the deadband and at most `maxStepW`, so a noisy
 *   load does not make the setpoint chase every sample; `riseDeadbandW` (default the deadband) widens the band for
 *   rises, and `cutDeadbandW` for cuts up to the margin only – a noisy load's estimate jitters, and a cut may be
 *   skipped only where the margin under the limit covers it (load-estimate.ts).
 * `ceilingW` is the total that means "no limit" (the devices' rating); reaching it returns undefined.
 */
import type { ControllerSettings } from './types'

export function smoothTowards(options: {
  previousW: number | undefined
  targetW: number
  ceilingW: number
  settings: ControllerSettings
  riseDeadbandW?: number
  /** Wider band for cuts, at most the margin under the limit (which is what keeps a skipped cut compliant). */
  cutDeadbandW?: number
}): number | undefined {
  const { ceilingW } = options
  const settings = options.settings
  const from = Math.min(options.previousW ?? ceilingW, ceilingW)
  const target = Math.min(Math.max(0, options.targetW), ceilingW)
  const rise = { ...settings, deadbandW: Math.max(settings.deadbandW, options.riseDeadbandW ?? 0) }
  const cut = { ...settings, deadbandW: Math.max(settings.deadbandW, Math.min(settings.marginW, options.cutDeadbandW ?? 0)) }
  const next = target < from ? decrease(from, target, cut) : increase({ from, target, ceilingW }, rise)
  return next >= ceilingW ? undefined : next
}

function decrease(from: number, target: number, settings: ControllerSettings): number {
  // A cut to zero is always made (disconnect-like limits must not be rounded away).
  if (from - target < settings.deadbandW && target > 0) return from
  return target
}

function increase(span: { from: number; target: number; ceilingW: number }, settings: ControllerSettings): number {
  const { from, target } = span
  const gap = target - from
  // A small rise is skipped, except the last one to "no limit" (which would otherwise never be reached).
  if (gap === 0 || (gap < settings.deadbandW && target < span.ceilingW)) return from
  const step = Math.min(settings.maxStepW, Math.max(settings.deadbandW, gap * settings.smoothing))
  return Math.min(target, from + step)
}
