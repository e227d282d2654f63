/**
 * Sample and channel types of the telemetry pipeline (REQUIREMENTS TEL-3; handbook 10.8 table 4).
 * Values are in the app's internal sign convention (see sign-conventions.ts) until they are turned into readings.
 */

/** The conductors a meter reports on; `total` is the sum over phases (W, var) or the whole site (Hz). */
export const PHASE_KEYS = ['a', 'b', 'c'] as const
export type PhaseKey = (typeof PHASE_KEYS)[number]
export type ChannelPhase = PhaseKey | 'total'

/** W = active power, var = reactive power, v = phase-to-neutral RMS voltage, hz = frequency. */
export const QUANTITIES = ['w', 'var', 'v', 'hz'] as const
export type Quantity = (typeof QUANTITIES)[number]

/** Site readings come from the connection-point meter, DER readings are the aggregate of the DER (table 4 note 2). */
export type Scope = 'site' | 'der'

/** One phase of one 200 ms (or 1 s) measurement. Any value may be missing (not implemented, read failed). */
export interface PhaseValues {
  w?: number
  var?: number
  v?: number
}

/**
 * One measurement of a meter or of the DER aggregate. A single-phase site fills `a` only; a meter that reports a net
 * total (e.g. SunSpec model 20x `W`) may give `total`, otherwise the total is the sum of the phases present.
 */
export interface MeterSample {
  a?: PhaseValues
  b?: PhaseValues
  c?: PhaseValues
  total?: { w?: number; var?: number }
  hz?: number
}

/** One tick of the sampling loop: `t` in ms since the Unix epoch, from one clock for both scopes (DEV-5). */
export interface TelemetrySample {
  t: number
  site?: MeterSample
  der?: MeterSample
}

/** One series the averager follows, e.g. site phase B voltage. */
export interface Channel {
  phase: ChannelPhase
  quantity: Quantity
}

/** Every channel the averager can produce, in a stable order (phases A, B, C, total; W, var, V; then Hz). */
export const CHANNELS: readonly Channel[] = [
  ...(['a', 'b', 'c', 'total'] as const).flatMap((phase) =>
    (['w', 'var', 'v'] as const).map((quantity): Channel => ({ phase, quantity })),
  ),
  { phase: 'total', quantity: 'hz' },
]

/** The value of one channel in one sample, or undefined when the sample does not carry it. */
export function channelValue(sample: MeterSample, channel: Channel): number | undefined {
  if (channel.quantity === 'hz') return channel.phase === 'total' ? finite(sample.hz) : undefined
  if (channel.phase !== 'total') return finite(sample[channel.phase]?.[channel.quantity])
  return totalValue(sample, channel.quantity)
}

/**
 * Total W and var: the meter's own total when given, else the sum of the phases that carry the value. Total V: the
 * mean of the phase-to-neutral voltages present (a site "voltage" for single-number displays; readings post per phase).
 */
function totalValue(sample: MeterSample, quantity: 'w' | 'var' | 'v'): number | undefined {
  if (quantity !== 'v') {
    const own = finite(sample.total?.[quantity])
    if (own !== undefined) return own
  }
  const values = PHASE_KEYS.map((p) => finite(sample[p]?.[quantity])).filter((v): v is number => v !== undefined)
  if (values.length === 0) return undefined
  const sum = values.reduce((acc, v) => acc + v, 0)
  return quantity === 'v' ? sum / values.length : sum
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined
}

export function channelKey(channel: Channel): string {
  return `${channel.phase}.${channel.quantity}`
}
