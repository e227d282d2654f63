/** Axis ticks: 1-2-5 steps for values, clock-friendly steps for elapsed time. */

/** A "nice" step (1, 2 or 5 x 10^n) giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1
  const raw = span / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const scaled = raw / power
  const factor = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10
  return factor * power
}

export interface Axis {
  min: number
  max: number
  ticks: number[]
}

/** The axis from `min` to `max` widened to whole steps. */
export function valueAxis(min: number, max: number, count: number): Axis {
  const low = Math.min(min, max)
  const high = max > low ? max : low + 1
  const step = niceStep(high - low, count)
  const axisMin = Math.floor(low / step) * step
  const axisMax = Math.ceil(high / step) * step
  return { min: axisMin, max: axisMax, ticks: stepsBetween(axisMin, axisMax, step) }
}

/** Elapsed-time steps (s): seconds, minutes and hours a reader counts in. */
const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]

export function timeAxis(spanS: number, count: number): Axis {
  const span = spanS > 0 ? spanS : 1
  const step = TIME_STEPS_S.find((s) => span / s <= count) ?? niceStep(span, count)
  return { min: 0, max: span, ticks: stepsBetween(0, span, step) }
}

function stepsBetween(from: number, to: number, step: number): number[] {
  const ticks: number[] = []
  for (let i = 0; from + i * step <= to + step * 1e-9; i++) ticks.push(Number((from + i * step).toPrecision(12)))
  return ticks
}

/** Elapsed seconds as "45 s", "5:30" (min:s) or "1:05:00" (h:min:s). */
export function formatElapsed(s: number): string {
  const whole = Math.round(s)
  if (whole < 60) return `${whole} s`
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const sec = String(whole % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`
}
