/**
 * The one time format of the app and its report: Queensland time, AEST (UTC+10 all year – Queensland has no daylight
 * saving, handbook 8 / Annex D), always with its zone, so a laptop on another zone (e.g. NSW daylight time) shows the
 * same clock as the report. UTC is the second form (hover titles, the report's footer).
 */
export const QLD_OFFSET_MINUTES = 600
export const QLD_ZONE_LABEL = 'AEST'

function shifted(ms: number, offsetMinutes: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms + offsetMinutes * 60_000).toISOString() : undefined
}

/** Unix ms as "2026-11-28 22:39:42 AEST". */
export function qldDateTime(ms: number): string {
  const t = shifted(ms, QLD_OFFSET_MINUTES)
  return t === undefined ? 'unknown time' : `${t.slice(0, 10)} ${t.slice(11, 19)} ${QLD_ZONE_LABEL}`
}

/** Unix ms as "22:39:42 AEST" (the time of day; for charts and logs within one day). */
export function qldTime(ms: number): string {
  const t = shifted(ms, QLD_OFFSET_MINUTES)
  return t === undefined ? 'unknown time' : `${t.slice(11, 19)} ${QLD_ZONE_LABEL}`
}

/** Unix ms as "22:39" (chart ticks; the axis names the zone once). */
export function qldClock(ms: number): string {
  const t = shifted(ms, QLD_OFFSET_MINUTES)
  return t === undefined ? '' : t.slice(11, 16)
}

/** Unix ms as "2026-11-28 12:39:42 UTC" – the same instant for readers outside Queensland. */
export function utcDateTime(ms: number): string {
  const t = shifted(ms, 0)
  return t === undefined ? 'unknown time' : `${t.slice(0, 10)} ${t.slice(11, 19)} UTC`
}
