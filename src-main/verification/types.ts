import type { RunView } from '../../src-shared/contract/verification'
import type { Verdict } from '../../src-shared/controls/judge/judge'
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
  /** Total generation setpoint the site controller commanded, W; Infinity = unlimited, undefined = not known. */
  commandedW?: number | undefined
}

export type RunState =
  | { state: 'running'; runId: string; startedAt: number; profile: VerificationProfile }
  | { state: 'completed'; runId: string; verdict: Verdict }
  | { state: 'aborted'; runId: string; reason: string }

/** A stored run: the same shape the API shows (src-shared/contract/verification.ts). */
export type RunRecord = RunView

/**
 * Where a run's limit reaches the site controller. While set, the run's value replaces the mode's effective limit,
 * except that a utility event governing the mode caps it (the stricter of the two, issue 17 item 5) – unless it is
 * the event the installer confirmed overriding (`overriddenMRID`).
 */
export interface LimitOverride {
  set(mode: VerificationMode, valueAt: (nowMs: number) => number | boolean, overriddenMRID?: string): void
  clear(): void
  /** The value the controller gets for `mode` at `nowMs` (undefined = no limit). */
  applied(mode: VerificationMode, nowMs: number): number | boolean | undefined
}
