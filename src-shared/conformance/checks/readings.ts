/**
 * The `readings-*` checks (cactus-runner check.py, read for meaning) on the MirrorMeterReadings the client posted,
 * already sorted by the adapter into kinds (site vs DER by roleFlags, the uom, average readings – stored energy is
 * instantaneous). Passes when one series of the kind has at least `minimum_count` readings, every reading starts
 * on a whole minute (handbook 10.8.1: 5-minute averages on the RTC tick) and lasts > 0 s (stored energy may be 0 s),
 * and the levels hold: the latest reading of each series, or with `window_seconds` every reading whose interval lies
 * within that window before the last one received. Voltage may be reported at the site or by the DER.
 */
import { failed, passed, type CheckResult, type ReadingKind, type RecordedReadingSeries } from '../record'

export interface ReadingsWant {
  minimumCount?: number
  minimumLevel?: number
  maximumLevel?: number
  windowSeconds?: number
}

export function readingsCheck(kind: ReadingKind, all: readonly RecordedReadingSeries[], want: ReadingsWant): CheckResult {
  const series = all.filter((s) => s.kind === kind)
  if (series.length === 0) return failed(`no MirrorMeterReading of ${kind}`)
  const most = Math.max(...series.map((s) => s.readings.length))
  if (want.minimumCount !== undefined && most < want.minimumCount) return failed(`${kind}: at most ${most} of ${want.minimumCount} readings in one series`)
  const readings = series.flatMap((s) => s.readings)
  const offTick = readings.filter((r) => r.startMs % 60_000 !== 0).length
  if (offTick > 0) return failed(`${kind}: ${offTick} of ${readings.length} readings do not start on a whole minute`)
  const zero = readings.filter((r) => r.durationS <= 0).length
  if (kind !== 'der-stored-energy' && zero > 0) return failed(`${kind}: ${zero} readings have no duration`)
  const levels = levelValues(series, want.windowSeconds)
  if (levels.length === 0 && (want.minimumLevel !== undefined || want.maximumLevel !== undefined)) return failed(`${kind}: no reading to compare with the levels`)
  const low = want.minimumLevel !== undefined ? levels.filter((v) => v < (want.minimumLevel ?? 0)) : []
  const high = want.maximumLevel !== undefined ? levels.filter((v) => v > (want.maximumLevel ?? 0)) : []
  if (low.length + high.length > 0) {
    return failed(`${kind}: readings ${[...low, ...high].join(', ')} outside ${want.minimumLevel ?? '-∞'} … ${want.maximumLevel ?? '∞'}`)
  }
  return passed(`${kind}: ${most} readings in a series`)
}

function levelValues(series: readonly RecordedReadingSeries[], windowSeconds: number | undefined): number[] {
  if (!windowSeconds) {
    return series.flatMap((s) => {
      const last = [...s.readings].sort((a, b) => a.startMs + a.durationS * 1000 - (b.startMs + b.durationS * 1000)).pop()
      return last ? [last.value] : []
    })
  }
  const readings = series.flatMap((s) => s.readings)
  const lastReceived = Math.max(...readings.map((r) => r.receivedAtMs))
  const from = lastReceived - windowSeconds * 1000
  return readings.filter((r) => r.startMs >= from && r.startMs + r.durationS * 1000 <= lastReceived).map((r) => r.value)
}
