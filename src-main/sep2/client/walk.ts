/** A discovery walk in progress: each read becomes a reported step (name, url, ok/failed, duration, meaning). */
import type { Clock } from '../../../src-shared/clock'
import type { DiscoveryStep, DiscoveryStepName } from '../../../src-shared/contract/server'
import type { Sep2Transport } from '../transport'
import { resolveUrl } from '../transport'
import type { Read } from './read-resource'
import type { StepError } from './step-errors'
import { stepError } from './step-errors'

export interface Walk {
  transport: Sep2Transport
  baseUrl: string
  clock: Clock
  signal: AbortSignal
  steps: DiscoveryStep[]
  onStep?: (step: DiscoveryStep) => void
  tls: { version: string; cipher: string } | null
}

/**
 * Most reads in one walk. The Annex D walk takes about 20; a server whose links fan out without end (thousands of
 * FSAs, each with its own program list) is stopped here instead of being followed for hours.
 */
export const MAX_WALK_STEPS = 500

export const WALK_TOO_LARGE = 'SEP2_WALK_TOO_LARGE'

export function record(walk: Walk, step: DiscoveryStep): void {
  walk.steps.push(step)
  walk.onStep?.(step)
}

export function fullUrl(walk: Walk, href: string): string {
  return resolveUrl(walk.baseUrl, href).href
}

/** Run one read as a step; the document when it was read (even if `check` failed it), undefined otherwise. */
export async function stepRead<T>(
  walk: Walk,
  spec: { name: DiscoveryStepName; href: string; read: () => Promise<Read<T>>; detail: (doc: T) => string; check?: (doc: T) => StepError | undefined },
): Promise<T | undefined> {
  if (walk.steps.length >= MAX_WALK_STEPS) {
    failStep(walk, { name: spec.name, href: spec.href, error: walkTooLarge() })
    return undefined
  }
  const started = walk.clock.monotonic()
  const got = await spec.read()
  const durationMs = Math.round(walk.clock.monotonic() - started)
  const url = fullUrl(walk, spec.href)
  if (!got.ok) {
    record(walk, { name: spec.name, url, status: 'failed', durationMs, detail: got.error.message, error: stepError(got.error) })
    return undefined
  }
  if (got.tls && !walk.tls) walk.tls = got.tls
  // The read worked but what it says fails a check (e.g. the wrong registration PIN): one step, with a cross.
  const failed = spec.check?.(got.doc)
  if (failed) record(walk, { name: spec.name, url, status: 'failed', durationMs, detail: failed.meaning, error: failed })
  else record(walk, { name: spec.name, url, status: 'ok', durationMs, detail: spec.detail(got.doc) })
  return got.doc
}

/** A step that failed on its own terms (not found, wrong PIN ...), not the transport's. */
export function failStep(walk: Walk, spec: { name: DiscoveryStepName; href: string; error: StepError; status?: 'failed' | 'warning' }): void {
  record(walk, { name: spec.name, url: fullUrl(walk, spec.href), status: spec.status ?? 'failed', durationMs: 0, detail: spec.error.meaning, error: spec.error })
}

function walkTooLarge(): StepError {
  return {
    code: WALK_TOO_LARGE,
    meaning: `The server's links lead to more than ${MAX_WALK_STEPS} resources in one walk; no site needs that many, so the walk stopped.`,
    whatToDo: 'Send the exchange log to the utility: the server links the same resources over and over or far too many of them.',
  }
}
