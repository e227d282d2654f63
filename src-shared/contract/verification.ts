import { z } from 'zod'
import type { ToleranceSettings, Verdict } from '../controls/judge/judge'
import { VERIFICATION_MODES, type VerificationProfile } from '../verification/profiles'
import type { TrackingFigures } from '../verification/tracking'
import { command, siteId } from './command'

/** Step "Verification test" (APP-3, CTL-5): run a limit profile on the site and judge how it follows. */

export const toleranceSchema = z.object({
  toleranceW: z.number().min(0).max(100_000),
  tolerancePct: z.number().min(0).max(100).optional(),
  graceS: z.number().min(0).max(600),
})

export const DEFAULT_TOLERANCE: ToleranceSettings = { toleranceW: 100, graceS: 2 }

const stepSchema = z.object({
  atS: z.number().min(0).max(14_400),
  value: z.union([z.number().min(0).max(10_000_000), z.boolean(), z.null()]),
  rampTms: z.number().int().min(0).max(65_535).optional(),
})

export const profileChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preset'), id: z.string().max(64) }),
  z.object({
    kind: z.literal('custom'),
    name: z.string().max(100),
    mode: z.enum(VERIFICATION_MODES),
    steps: z.array(stepSchema).min(1).max(100),
    durationS: z.number().min(1).max(14_400),
  }),
])
export type ProfileChoice = z.infer<typeof profileChoiceSchema>

export interface RunPointView {
  t: number
  /** null = no limit. */
  target: number | null
  ramped: number | null
  measured: number | null
  siteW: number | null
  derW: number | null
  /** Total generation setpoint the site controller commanded, W; null = unlimited or not known. */
  commandedW: number | null
}

/** A utility DERControl event that governs the run's mode (handbook 10.5): the run must not silently override it. */
export interface UtilityEventRef {
  mRID: string
  programId: string
  description?: string
  /** Its value for the run's mode: W, on/off, or null when it does not set it. */
  value: number | boolean | null
}

/**
 * Issue 17 item 5: what the run did with a live utility event for its mode. 'stricter' (the default) applies the
 * stricter of the profile and the event; 'override' is the installer's explicit, confirmed choice.
 */
export interface LimitPolicyRecord {
  choice: 'stricter' | 'override'
  /** The utility event in force for the mode when the run started, if any. */
  utilityEvent: UtilityEventRef | null
}

export const LIMIT_CHOICES = ['stricter', 'override'] as const

export interface RunView {
  id: string
  siteId: string
  profile: VerificationProfile
  tolerance: ToleranceSettings
  startedAt: number
  endedAt: number | null
  outcome: 'running' | 'passed' | 'failed' | 'aborted'
  verdict: Verdict | null
  note: string | null
  /** Advisory tracking figures (issue 11 item 3), stored when the run ends; null for a running or older run. */
  tracking: TrackingFigures | null
  /** What the run did with a live utility event for its mode (issue 17 item 5); null for older runs. */
  limitPolicy: LimitPolicyRecord | null
}

export const verificationCommands = {
  'verification.presets': command(z.object({})).returns<VerificationProfile[]>(),
  'verification.start': command(
    z.object({
      siteId,
      profile: profileChoiceSchema,
      tolerance: toleranceSchema,
      /** Absent = 'stricter'. 'override' must name the utility event's mRID the installer confirmed overriding. */
      utilityControl: z.object({ choice: z.enum(LIMIT_CHOICES), confirmedMRID: z.string().max(64).optional() }).optional(),
    }),
  ).returns<RunView>(),
  /** The utility event that governs the profile's mode now, if any (asked before a start, issue 17 item 5). */
  'verification.utilityEvent': command(z.object({ siteId, profile: profileChoiceSchema })).returns<{ event: UtilityEventRef | null }>(),
  'verification.abort': command(z.object({ siteId })).returns<{ aborted: boolean }>(),
  'verification.runs': command(z.object({ siteId })).returns<RunView[]>(),
  /** A run with its points, downsampled for display (the record keeps every point). */
  'verification.run': command(z.object({ runId: z.string().max(64), maxPoints: z.number().int().min(10).max(20_000).optional() })).returns<{ run: RunView; points: RunPointView[] }>(),
  'verification.deleteRun': command(z.object({ runId: z.string().max(64) })).returns<{ deleted: boolean }>(),
} as const

export const verificationEvents = {
  'verification.state': z.object({ siteId: z.string(), runId: z.string(), outcome: z.enum(['running', 'passed', 'failed', 'aborted']) }),
  /** New points of the running run, a few times a second. */
  'verification.points': z.object({
    runId: z.string(),
    points: z.array(z.object({ t: z.number(), target: z.number().nullable(), ramped: z.number().nullable(), measured: z.number().nullable(), siteW: z.number().nullable(), derW: z.number().nullable(), commandedW: z.number().nullable() })),
  }),
} as const
