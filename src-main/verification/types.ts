import type { Verdict, ToleranceSettings } from '../../src-shared/controls/judge/judge'
import type { VerificationMode, VerificationProfile } from '../../src-shared/verification/profiles'

/** One recorded point of a run, seconds from its start (APP-3: target, ramped envelope, measured, inverter output). */
export interface RunPoint {
  t: number
  target: number
  ramped: number
  /** The judged quantity for the run's mode (W), when measured. */
  measured: number | undefined
  /** Site meter W, import positive. */
  siteW: number | undefined
  /** Managed DER W, generation positive. */
  derW: number | undefined
}

export type RunState =
  | { state: 'running'; runId: string; startedAt: number; profile: VerificationProfile }
  | { state: 'completed'; runId: string; verdict: Verdict }
  | { state: 'aborted'; runId: string; reason: string }

export interface RunRecord {
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

/** Where a run's limit reaches the site controller: while set, it replaces the mode's effective limit. */
export interface LimitOverride {
  set(mode: VerificationMode, valueAt: (nowMs: number) => number | boolean): void
  clear(): void
}
