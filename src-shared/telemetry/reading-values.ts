/**
 * From interval statistics to the values of the MirrorMeterReadings to post (REQUIREMENTS TEL-3; handbook 10.8.1,
 * 10.8.4, FAQ Int16). The statistics must already be in the handbook 10.8.2 sign – the app's internal convention is
 * (sign-conventions.ts); other sources are converted sample by sample before averaging.
 */
import { DEFAULT_MIN_COVERAGE, type IntervalAggregate } from './averaging'
import { scaleQuantity, scaleWithMultiplier, type ScaledValue } from './int16-scaling'
import { readingKeyId, type ReadingKey } from './reading-types'
import type { AppErrorShape } from '../result'

/** 2030.5 Reading qualityFlags (HexBinary16): bit 0 valid, bit 4 questionable. */
export const QUALITY_VALID = 0x0001
export const QUALITY_QUESTIONABLE = 0x0010

export interface ReadingValue {
  key: ReadingKey
  /** The interval's time tag: its end, in seconds since the epoch (handbook 10.8.1). */
  timeTagS: number
  durationS: number
  /** value x 10^multiplier; the ReadingType's powerOfTenMultiplier must equal `value.multiplier`. */
  value: ScaledValue
  qualityFlags: number
  coverage: number
}

export interface ReadingValuesResult {
  readings: ReadingValue[]
  /** Planned readings with no sample in the interval (nothing to post for them this time). */
  missing: ReadingKey[]
  /** Planned readings whose value could not be scaled (not finite, or beyond Int16 x 10^9). */
  errors: { key: ReadingKey; error: AppErrorShape }[]
}

export interface ReadingValuesOptions {
  /**
   * A fixed multiplier per reading (by readingKeyId), e.g. the one its ReadingType was created with. When the value
   * does not fit at that multiplier, the best-fitting one is used instead and the caller sees it in `value.multiplier`.
   */
  multipliers?: Readonly<Record<string, number>>
  /** A reading whose channel covers less of the interval than this is marked questionable. Default 0.9. */
  minCoverage?: number
}

export function readingValues(
  aggregate: IntervalAggregate,
  plan: readonly ReadingKey[],
  options: ReadingValuesOptions = {},
): ReadingValuesResult {
  const out: ReadingValuesResult = { readings: [], missing: [], errors: [] }
  const { startMs, endMs } = aggregate.interval
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE
  for (const key of plan) {
    const scope = aggregate[key.scope]
    const channel = scope.channels.find((c) => c.phase === key.phase && c.quantity === key.quantity)
    if (!channel) {
      out.missing.push(key)
      continue
    }
    const raw = channel.stats[key.qualifier]
    const scaled = scaleReading(key, raw, options.multipliers?.[readingKeyId(key)])
    if (!scaled.ok) {
      out.errors.push({ key, error: scaled.error })
      continue
    }
    out.readings.push({
      key,
      timeTagS: Math.floor(endMs / 1000),
      durationS: Math.round((endMs - startMs) / 1000),
      value: scaled.value,
      qualityFlags: channel.stats.coverage < minCoverage ? QUALITY_QUESTIONABLE : QUALITY_VALID,
      coverage: channel.stats.coverage,
    })
  }
  return out
}

function scaleReading(key: ReadingKey, raw: number, fixed: number | undefined) {
  if (fixed !== undefined) {
    const atFixed = scaleWithMultiplier(raw, fixed)
    if (atFixed.ok) return atFixed
  }
  return scaleQuantity(key.quantity, raw)
}
