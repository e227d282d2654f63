/**
 * Building blocks of the commissioning report model (APP-5): sections that may be "not done", timestamps, series
 * points, control mode values.
 */
import { z } from 'zod'
import { CONTROL_MODES } from '../../controls/types'

/** A timestamp in the report: ISO 8601 UTC (`Date#toISOString`). */
export const isoTimeSchema = z.iso.datetime()

/** One sample of a plotted series: [UTC seconds, value]. A pair keeps hours of 200 ms samples compact in JSON. */
export const pointSchema = z.tuple([z.number(), z.number()])
export type Point = z.infer<typeof pointSchema>

/** `aborted`: a verification run stopped before its profile ended – no verdict, never a PASS (counts as not done). */
export const outcomeSchema = z.enum(['pass', 'fail', 'warn', 'not-done', 'aborted'])
export type Outcome = z.infer<typeof outcomeSchema>

/** Watts (or hundredths of a percent for maxLimW), or a boolean for connect / energize (controls/types.ts). */
export const modeValuesSchema = z.partialRecord(z.enum(CONTROL_MODES as [string, ...string[]]), z.union([z.number(), z.boolean()]))

export type Section<T> = { status: 'done'; data: T } | { status: 'not-done'; reason: string }

/** A section either holds its data or says in words why it was not done (APP-5: missing data is shown, not hidden). */
export function sectionSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('status', [
    z.object({ status: z.literal('done'), data }),
    z.object({ status: z.literal('not-done'), reason: z.string() }),
  ])
}

export function done<T>(data: T): Section<T> {
  return { status: 'done', data }
}

export function notDone<T>(reason: string): Section<T> {
  return { status: 'not-done', reason }
}

/** Compile-time check that a domain type fits the report schema's type (the report reuses the domain types). */
export type Fits<T extends U, U> = T extends U ? true : never
