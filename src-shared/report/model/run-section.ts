/** Test runs (APP-3): profile, tolerance, the judge's verdict (controls/judge) and the recorded series. */
import { z } from 'zod'
import type { ToleranceSettings, Verdict, Violation } from '../../controls/judge/judge'
import { CONTROL_MODES } from '../../controls/types'
import { isoTimeSchema, pointSchema, type Fits } from './common'

export const profileStepSchema = z.object({
  /** Seconds from the start of the run. */
  atS: z.number(),
  mode: z.enum(CONTROL_MODES as [string, ...string[]]),
  value: z.union([z.number(), z.boolean()]),
  /** handbook 11.3: time for the whole transition, hundredths of a second. */
  rampTms: z.number().optional(),
})
export type ProfileStep = z.infer<typeof profileStepSchema>

export const toleranceSchema = z.object({ toleranceW: z.number(), tolerancePct: z.number().optional(), graceS: z.number() })

export const violationSchema = z.object({
  start: z.number(),
  end: z.number(),
  durationS: z.number(),
  worstExcessW: z.number(),
  at: z.number(),
})

export const verdictSchema = z.object({
  pass: z.boolean(),
  violations: z.array(violationSchema),
  worstViolation: violationSchema.optional(),
  samplesJudged: z.number().int(),
  samplesSkipped: z.number().int(),
})

/** The four plotted series, each [UTC s, W]. */
export const runSeriesSchema = z.object({
  targetW: z.array(pointSchema),
  envelopeW: z.array(pointSchema),
  siteExportW: z.array(pointSchema),
  inverterW: z.array(pointSchema),
})
export type RunSeries = z.infer<typeof runSeriesSchema>

export const JUDGED_QUANTITIES = ['site-export', 'site-import', 'generation', 'load'] as const

export const testRunSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** What the verdict compares against the envelope. */
  judged: z.enum(JUDGED_QUANTITIES),
  steps: z.array(profileStepSchema),
  startedAt: isoTimeSchema,
  endedAt: isoTimeSchema.optional(),
  /** The run was stopped before the profile ended. */
  aborted: z.boolean(),
  tolerance: toleranceSchema,
  verdict: verdictSchema,
  series: runSeriesSchema,
})
export type TestRun = z.infer<typeof testRunSchema>

// The report holds the judge's own types: a judge Verdict goes into a report run unchanged.
export type _RunFits = [
  Fits<ToleranceSettings, z.infer<typeof toleranceSchema>>,
  Fits<z.infer<typeof toleranceSchema>, ToleranceSettings>,
  Fits<Violation, z.infer<typeof violationSchema>>,
  Fits<z.infer<typeof violationSchema>, Violation>,
  Fits<Verdict, z.infer<typeof verdictSchema>>,
]
