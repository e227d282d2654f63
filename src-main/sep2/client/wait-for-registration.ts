/**
 * Waiting for the utility to register this device (issue 20 item 1, handbook 9: Energex/Ergon register out of band and
 * that can take up to 10 business days). While our EndDevice is not listed, the walk is repeated at the
 * EndDeviceList rate (its pollRate, else handbook table 2's 300 s) on the injected Clock; it never ends the process.
 * Any other outcome (found, a wrong PIN, a server failure) is returned as it is.
 */
import type { Clock } from '../../../src-shared/clock'
import type { DiscoveryResult } from '../../../src-shared/contract/server'
import { effectivePeriodMs } from '../../../src-shared/polling/poll-plan'
import type { DiscoveryOptions } from './discovery'
import { runDiscovery } from './discovery'

export const WAITING_FOR_REGISTRATION = 'waiting for the utility to register this device'

export interface RegistrationWait {
  /** Walks so far that found no EndDevice of ours. */
  attempts: number
  /** When the next walk starts (clock ms). */
  nextAt: number
  result: DiscoveryResult
}

/** One line for the CLI and the status: what the client is doing and when it looks again. */
export function describeWait(w: RegistrationWait): string {
  return `${WAITING_FOR_REGISTRATION} (LFDI ${w.result.ourLfdi}); next look ${new Date(w.nextAt).toISOString().slice(11, 19)} UTC`
}

export interface WaitOptions extends DiscoveryOptions {
  onWaiting?: (wait: RegistrationWait) => void
  /** A walk that already found no EndDevice of ours: wait one period before the next (the app's background wait). */
  after?: DiscoveryResult
}

export async function discoverWhenRegistered(options: WaitOptions): Promise<DiscoveryResult> {
  for (let attempts = 1; ; attempts++) {
    const result = attempts === 1 && options.after ? options.after : await runDiscovery(options)
    if (!result.awaitingRegistration || options.signal?.aborted) return result
    const periodMs = effectivePeriodMs('EndDeviceList', result.pollRates.endDeviceList)
    options.onWaiting?.({ attempts, nextAt: options.clock.now() + periodMs, result })
    if (!(await sleep(options.clock, periodMs, options.signal))) return result
  }
}

/** False when aborted first. */
function sleep(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const onAbort = (): void => {
      clock.clearTimeout(timer)
      resolve(false)
    }
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
