/**
 * Verification test profiles (APP-3): what the installer applies to prove the site follows a limit change at the
 * right ramp (handbook 11.3, figures 6/7). Pure data and arithmetic; the run recorder applies them.
 */
import { buildRampEnvelope, type RampEnvelope, type TargetStep } from '../controls/ramp/envelope'
import { fail, ok, type Result } from '../result'

/** The modes a verification run can drive. connect/energize false means "no export at all". */
export const VERIFICATION_MODES = ['expLimW', 'impLimW', 'genLimW', 'loadLimW', 'connect', 'energize'] as const
export type VerificationMode = (typeof VERIFICATION_MODES)[number]

export interface ProfileStep {
  /** Seconds from the start of the run. */
  atS: number
  /** W for the limit modes, true/false for connect/energize; null = back to the default control. */
  value: number | boolean | null
  /** Hundredths of a second for the whole change (handbook 11.3); absent = the default's setGradW. */
  rampTms?: number
}

export interface VerificationProfile {
  id: string
  name: string
  description: string
  mode: VerificationMode
  steps: ProfileStep[]
  durationS: number
}

/** Handbook figure 6: 5 kW from 30 s, 10 kW from 350 s, back to the default at 650 s. */
export const PRESETS: readonly VerificationProfile[] = [
  {
    id: 'figure6',
    name: 'Handbook figure 6 ramp',
    description: 'Export 5 kW at 30 s, 10 kW at 350 s, back to the default at 650 s (ramps at setGradW).',
    mode: 'expLimW',
    steps: [
      { atS: 30, value: 5000 },
      { atS: 350, value: 10000 },
      { atS: 650, value: null },
    ],
    durationS: 1000,
  },
  { id: 'export-zero', name: 'Export step to 0 W', description: 'Export limit 0 W at 30 s for 5 minutes, then the default.', mode: 'expLimW', steps: [{ atS: 30, value: 0 }, { atS: 330, value: null }], durationS: 600 },
  { id: 'import-step', name: 'Import limit step', description: 'Import limit 1 kW at 30 s for 5 minutes, then the default.', mode: 'impLimW', steps: [{ atS: 30, value: 1000 }, { atS: 330, value: null }], durationS: 600 },
  { id: 'generation-limit', name: 'Generation limit', description: 'Generation limit 1 kW at 30 s for 5 minutes, then the default.', mode: 'genLimW', steps: [{ atS: 30, value: 1000 }, { atS: 330, value: null }], durationS: 600 },
  { id: 'disconnect', name: 'Connect / disconnect', description: 'Disconnect at 30 s (no generation), reconnect at 180 s.', mode: 'connect', steps: [{ atS: 30, value: false }, { atS: 180, value: true }], durationS: 360 },
  { id: 'de-energize', name: 'Energize / de-energize', description: 'De-energize at 30 s, energize again at 180 s.', mode: 'energize', steps: [{ atS: 30, value: false }, { atS: 180, value: true }], durationS: 360 },
]

export interface EnvelopeContext {
  /** The mode's value under the default control (or fixed limit) before and after the run, W; Infinity = none. */
  defaultW: number
  /** Aggregate DER capacity, W (handbook 11.3). */
  capacityW: number
  /** The default control's setGradW (hundredths of a percent per second); absent = 28. */
  setGradW?: number
}

/** The target and ramped limit (W) of the profile's mode over the run, times in seconds from its start. */
export function profileEnvelope(profile: VerificationProfile, context: EnvelopeContext): RampEnvelope {
  const steps: TargetStep[] = [{ at: 0, value: context.defaultW, kind: 'default' }, ...profile.steps.map((step) => targetStep(profile.mode, step, context))]
  return buildRampEnvelope({ steps, capacityW: context.capacityW, ...(context.setGradW === undefined ? {} : { setGradW: context.setGradW }) })
}

function targetStep(mode: VerificationMode, step: ProfileStep, context: EnvelopeContext): TargetStep {
  if (step.value === null) return { at: step.atS, value: context.defaultW, kind: 'default' }
  if (typeof step.value === 'boolean') {
    // connect/energize false: nothing may flow, at once (a switch, not a ramp); true: the default applies again.
    return step.value ? { at: step.atS, value: context.defaultW, kind: 'default' } : { at: step.atS, value: 0, kind: 'event', rampTms: 0 }
  }
  const ramp = step.rampTms === undefined ? {} : { rampTms: step.rampTms }
  return { at: step.atS, value: isSwitchMode(mode) ? context.defaultW : step.value, kind: 'event', ...ramp }
}

const isSwitchMode = (mode: VerificationMode): boolean => mode === 'connect' || mode === 'energize'

const MAX_RUN_S = 4 * 3600

/** A custom profile typed by the installer: checked row by row, with the row named in the message. */
export function validateCustomProfile(input: { name: string; mode: VerificationMode; steps: ProfileStep[]; durationS: number }): Result<VerificationProfile> {
  if (!input.name.trim()) return fail('PROFILE_NAME', 'Give the test a name.')
  if (!(input.durationS > 0 && input.durationS <= MAX_RUN_S)) return fail('PROFILE_DURATION', `The run must last between 1 s and ${MAX_RUN_S / 3600} h.`)
  if (input.steps.length === 0) return fail('PROFILE_EMPTY', 'Add at least one step.')
  for (const [index, step] of input.steps.entries()) {
    const problem = stepProblem(input.mode, step, input.steps[index - 1], input.durationS)
    if (problem) return fail('PROFILE_STEP', `Step ${index + 1}: ${problem}`)
  }
  return ok({ id: 'custom', name: input.name.trim(), description: 'Custom profile', mode: input.mode, steps: input.steps, durationS: input.durationS })
}

function stepProblem(mode: VerificationMode, step: ProfileStep, previous: ProfileStep | undefined, durationS: number): string | null {
  if (!(step.atS >= 0 && step.atS < durationS)) return `the time must be within the run (0 to ${durationS} s).`
  if (previous && step.atS <= previous.atS) return 'steps must be in time order, each later than the one before.'
  if (isSwitchMode(mode) && typeof step.value === 'number') return `${mode} takes on/off, not watts.`
  if (!isSwitchMode(mode) && typeof step.value === 'boolean') return `${mode} takes watts, not on/off.`
  if (typeof step.value === 'number' && !(step.value >= 0 && step.value <= 10_000_000)) return 'the limit must be between 0 W and 10 MW.'
  if (step.rampTms !== undefined && !(Number.isInteger(step.rampTms) && step.rampTms >= 0 && step.rampTms <= 65_535)) {
    return 'rampTms is hundredths of a second, 0 to 65535 (an unsigned 16-bit value in IEEE 2030.5).'
  }
  return null
}
