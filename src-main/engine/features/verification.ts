import type { LimitPolicyRecord, ProfileChoice, RunPointView, UtilityEventRef } from '../../../src-shared/contract/verification'
import { downsampleRun } from '../../../src-shared/verification/downsample'
import { PRESETS, validateCustomProfile, type VerificationProfile } from '../../../src-shared/verification/profiles'
import { AppError } from '../../errors'
import type { RunsRepo } from '../../storage/runs-repo'
import type { RunPoint } from '../../verification/types'
import { describeUtilityEvent } from '../../verification/utility-event'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'
import type { LiveSite, SiteRuntime } from './site/site-runtime'

/** Live points go to the renderer in batches this often. */
export const POINTS_PUSH_MS = 500
const DEFAULT_CHART_POINTS = 2000

const finiteOrNull = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v)
const toPointView = (p: RunPoint): RunPointView => ({ t: p.t, target: finiteOrNull(p.target), ramped: finiteOrNull(p.ramped), measured: finiteOrNull(p.measured), siteW: finiteOrNull(p.siteW), derW: finiteOrNull(p.derW), commandedW: finiteOrNull(p.commandedW) })

/** Step "Verification test" (APP-3): runs are applied through the live site controller and judged per CTL-5. */
export function verificationHandlers(
  ctx: EngineContext,
  deps: { site: SiteRuntime; runs: RunsRepo },
): HandlerGroup<'verification.presets' | 'verification.start' | 'verification.utilityEvent' | 'verification.abort' | 'verification.runs' | 'verification.run' | 'verification.deleteRun'> {
  const attached = new WeakSet<LiveSite>()

  /** Forward a live site's run events to the renderer and the wizard. */
  function attach(live: LiveSite) {
    if (attached.has(live)) return
    attached.add(live)
    let pending: { runId: string; points: RunPointView[] } | undefined
    const push = () => {
      if (pending?.points.length) ctx.bus.emit('verification.points', pending)
      pending = undefined
    }
    live.recorder.on('point', ({ runId, point }) => {
      if (!pending) {
        pending = { runId, points: [] }
        ctx.clock.setTimeout(push, POINTS_PUSH_MS)
      }
      pending.points.push(toPointView(point))
    })
    live.recorder.on('state', (state) => {
      push()
      const run = deps.runs.get(state.runId)
      if (!run) return
      ctx.bus.emit('verification.state', { siteId: run.siteId, runId: run.id, outcome: run.outcome })
      if (run.outcome === 'running') return
      const worst = run.verdict?.worstViolation
      // issue 17 item 5: a pass whose target was never reached says so.
      const unreached = run.tracking?.notes.length ? ` ${run.tracking.notes.join(' ')}` : ''
      const note = run.outcome === 'passed' ? `${run.profile.name}: passed.${unreached}` : run.outcome === 'aborted' ? `${run.profile.name}: aborted.` : `${run.profile.name}: failed${worst ? ` – ${worst.worstExcessW.toFixed(0)} W over the envelope for ${worst.durationS.toFixed(1)} s` : ''}.`
      ctx.bus.emit('wizard.changed', ctx.wizard.set(run.siteId, 'verification', run.outcome === 'passed' ? 'done' : run.outcome === 'failed' ? 'failed' : 'in-progress', note))
    })
  }

  function profileOf(choice: ProfileChoice): VerificationProfile {
    if (choice.kind === 'preset') {
      const preset = PRESETS.find((p) => p.id === choice.id)
      if (!preset) throw new AppError('PROFILE_UNKNOWN', `There is no preset "${choice.id}".`)
      return preset
    }
    const checked = validateCustomProfile(choice)
    if (!checked.ok) throw new AppError(checked.error.code, checked.error.message)
    return checked.value
  }

  return {
    'verification.presets': () => [...PRESETS],
    'verification.utilityEvent': ({ siteId, profile: choice }) => {
      ctx.sites.get(siteId)
      const live = deps.site.current()
      return { event: live?.siteId === siteId ? (live.utilityEvent(profileOf(choice).mode) ?? null) : null }
    },
    'verification.start': async ({ siteId, profile: choice, tolerance, utilityControl }) => {
      ctx.sites.get(siteId)
      const profile = profileOf(choice)
      const live = await deps.site.start(siteId)
      attach(live)
      const limitPolicy = policyFor(live.utilityEvent(profile.mode) ?? null, utilityControl)
      const switchMode = profile.mode === 'connect' || profile.mode === 'energize'
      const defaultW = switchMode ? live.capacityW : live.baseLimitW(profile.mode as 'expLimW' | 'impLimW' | 'genLimW' | 'loadLimW')
      const runId = live.recorder.start({ siteId, profile, tolerance, context: { defaultW, capacityW: live.capacityW, ...(live.setGradW === undefined ? {} : { setGradW: live.setGradW }) }, limitPolicy })
      ctx.bus.emit('wizard.changed', ctx.wizard.set(siteId, 'verification', 'in-progress', `${profile.name}: running.`))
      const run = deps.runs.get(runId)
      if (!run) throw new AppError('RUN_LOST', 'The run was not recorded.')
      return run
    },
    'verification.abort': ({ siteId }) => {
      const live = deps.site.current()
      if (!live || live.siteId !== siteId || !live.recorder.running) return { aborted: false }
      live.recorder.abort()
      return { aborted: true }
    },
    'verification.runs': ({ siteId }) => {
      ctx.sites.get(siteId)
      return deps.runs.list(siteId)
    },
    'verification.run': ({ runId, maxPoints }) => {
      const run = deps.runs.get(runId)
      if (!run) throw new AppError('RUN_NOT_FOUND', 'No such test run: it may have been deleted.')
      const points = deps.runs.points(runId).map(toPointView)
      return { run: run, points: downsampleRun(points, maxPoints ?? DEFAULT_CHART_POINTS) }
    },
    'verification.deleteRun': ({ runId }) => {
      const run = deps.runs.get(runId)
      if (run?.outcome === 'running') throw new AppError('RUN_BUSY', 'Abort the run before deleting it.')
      return { deleted: deps.runs.delete(runId) }
    },
  }
}

/**
 * Issue 17 item 5: a run never silently overrides a live utility event. Overriding needs the installer's explicit
 * choice naming the very event in force now; anything else applies the stricter of the two.
 */
export function policyFor(event: UtilityEventRef | null, asked: { choice: 'stricter' | 'override'; confirmedMRID?: string | undefined } | undefined): LimitPolicyRecord {
  if (asked?.choice !== 'override' || event === null) return { choice: 'stricter', utilityEvent: event }
  if (asked.confirmedMRID !== event.mRID) {
    throw new AppError('OVERRIDE_NOT_CONFIRMED', `The override was confirmed for another event than ${describeUtilityEvent(event)}.`, {
      hint: "The utility's control changed: look at it again and confirm the override, or let the stricter limit apply.",
    })
  }
  return { choice: 'override', utilityEvent: event }
}
