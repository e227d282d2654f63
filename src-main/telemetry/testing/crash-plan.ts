/** What the kill -9 test's child process does (issue 15.8): its configuration, reading plan and values. */
import { readingPlan, type ReadingKey, type ReadingValue } from '../../../src-shared/telemetry'

export interface CrashChildConfig {
  dataDir: string
  siteId: string
  baseUrl: string
  certFile: string
  keyFile: string
  trustFile: string
  lfdi: string
  pen: number
  /** The first interval ends at startMs + INTERVAL_MS. */
  startMs: number
  intervals: number
}

export const CRASH_INTERVAL_MS = 300_000
export const CRASH_PLAN: readonly ReadingKey[] = readingPlan({ scope: 'site', phases: ['a'], voltage: true, frequency: false })

/** A value that says which interval and reading it belongs to, so the parent can check it. */
export function crashReadingValue(endMs: number, index: number): number {
  return ((endMs / CRASH_INTERVAL_MS) % 1000) * 10 + index
}

export function crashReadings(endMs: number): ReadingValue[] {
  return CRASH_PLAN.map((key, i) => ({
    key,
    timeTagS: endMs / 1000,
    durationS: CRASH_INTERVAL_MS / 1000,
    value: { value: crashReadingValue(endMs, i), multiplier: 0 },
    qualityFlags: 1,
    coverage: 1,
  }))
}

