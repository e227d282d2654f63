/** Test runs (APP-3): profile, tolerance, the judge's verdict (controls/judge) and the recorded series. */
import { z } from 'zod'
import type { LimitPolicyRecord } from '../../contract/verification'
import type { ToleranceSettings, Verdict, Violation } from '../../controls/judge/judge'
import type { TrackingFigures } from '../../verification/tracking'
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

/** The plotted series, each [UTC s, W]. */
export const runSeriesSchema = z.object({
  targetW: z.array(pointSchema),
  envelopeW: z.array(pointSchema),
  siteExportW: z.array(pointSchema),
  inverterW: z.array(pointSchema),
  /** The site controller's total generation setpoint (issue 11 item 3); empty for a run that did not record it. */
  setpointW: z.array(pointSchema),
})
export type RunSeries = z.infer<typeof runSeriesSchema>

/**
 * Advisory tracking figures (issue 11 item 3, src-shared/verification/tracking.ts): how well the site followed the
 * limit. Never part of the verdict.
 */
export const trackingSchema = z.object({
  advisory: z.literal(true),
  /** Direction reversals of the commanded generation setpoint. */
  oscillation: z.object({ reversals: z.number().int(), perMinute: z.number(), observedS: z.number() }),
  /** Generation withheld while the site was below its limit by more than the tolerance (export / generation runs). */
  curtailment: z.object({ curtailedWh: z.number(), curtailedPct: z.number(), generatedWh: z.number(), curtailedS: z.number() }).optional(),
  /** How the site followed each increase of the target. */
  raises: z.array(
    z.object({
      atS: z.number(),
      fromW: z.number(),
      toW: z.number().nullable(),
      outcome: z.enum(['at-limit', 'generation-limited', 'not-settled', 'did-not-try', 'no-data']),
      settledAfterS: z.number().optional(),
      peakW: z.number().optional(),
      targetReached: z.boolean(),
      text: z.string(),
    }),
  ),
  /** Targets never reached, in words. */
  notes: z.array(z.string()),
})

/** issue 17 item 5: what the run did with a live utility event for its mode. */
export const limitPolicySchema = z.object({
  choice: z.enum(['stricter', 'override']),
  utilityEvent: z
    .object({ mRID: z.string(), programId: z.string(), description: z.string().optional(), value: z.union([z.number(), z.boolean()]).nullable() })
    .nullable(),
})

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
  /** Absent: the run was recorded before the app kept these figures. */
  tracking: trackingSchema.optional(),
  /** Absent: the run was recorded before the app kept the choice. */
  limitPolicy: limitPolicySchema.optional(),
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
  Fits<TrackingFigures, z.infer<typeof trackingSchema>>,
  Fits<LimitPolicyRecord, z.infer<typeof limitPolicySchema>>,
]
