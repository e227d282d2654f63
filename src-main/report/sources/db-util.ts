/** Small helpers for turning the rows of the data folder's tables (storage/report-source-repo.ts) into sections. */
import { errorMessage } from '../../errors'
import type { Part } from '../../../src-shared/report/build-report'

/**
 * Stored times are ms since the epoch; a value too small for that (before 1973) was written in seconds. The guard keeps
 * a report readable whichever a feature used.
 */
export function msFromStored(value: number): number {
  return value < 1e11 ? value * 1000 : value
}

/** Run a reader; a table that cannot be read makes its section "not done" with the reason, not a failed report. */
export function readPart<T>(what: string, read: () => Part<T>): Part<T> {
  try {
    return read()
  } catch (error) {
    return { notDone: `Could not read the ${what}: ${errorMessage(error)}` }
  }
}

export function parseJson(text: string | null): unknown {
  return text === null ? undefined : (JSON.parse(text) as unknown)
}
