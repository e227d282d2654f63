import type { LimitSourceView, LimitValue } from '../../../src-shared/contract/limits'
import { qldDateTime, qldTime } from '../../../src-shared/time/qld-time'

/** Queensland time with its zone (src-shared/time): the Limits step, the report and the server agree whatever the laptop's zone. */
export const timeOf = qldTime
export const dateTimeOf = qldDateTime

/** "4 min 05 s", "1 h 02 min". */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`
  if (m > 0) return `${m} min ${String(sec).padStart(2, '0')} s`
  return `${sec} s`
}

export const shortMrid = (mRID: string): string => (mRID.length > 12 ? `${mRID.slice(0, 8)}…${mRID.slice(-4)}` : mRID)

export function sourceLabel(source: LimitSourceView): string {
  switch (source.kind) {
    case 'event':
      return `Event ${shortMrid(source.mRID)}`
    case 'default':
      return 'Default control'
    case 'fixed':
      return 'Fixed limit'
    case 'implied':
      return 'Implied default'
  }
}

export function valueLabel(value: LimitValue, text: string): string {
  return value === null ? 'not set' : text
}
