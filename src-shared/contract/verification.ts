import { z } from 'zod'
import type { ToleranceSettings, Verdict } from '../controls/judge/judge'
import { VERIFICATION_MODES, type VerificationProfile } from '../verification/profiles'
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
}

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
}

export const verificationCommands = {
  'verification.presets': command(z.object({})).returns<VerificationProfile[]>(),
  'verification.start': command(z.object({ siteId, profile: profileChoiceSchema, tolerance: toleranceSchema })).returns<RunView>(),
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
    points: z.array(z.object({ t: z.number(), target: z.number().nullable(), ramped: z.number().nullable(), measured: z.number().nullable(), siteW: z.number().nullable(), derW: z.number().nullable() })),
  }),
} as const
