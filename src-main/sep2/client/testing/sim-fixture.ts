/** Test helpers: the utility simulator on 127.0.0.1 under a FakeClock, and a transport that knows when its I/O is idle. */
import { FakeClock } from '../../../../src-shared/clock'
import type { TestPki, TestPkiEntity } from '../../../pki'
import { startUtilitySimulator, type UtilitySimulator, type UtilitySimulatorOptions } from '../../../sim/utility'
import { createSep2Transport, type Sep2Exchange, type Sep2Transport, type Sep2TransportOptions } from '../../transport'

export const TEST_TIMEOUTS = { connectMs: 15_000, headersMs: 30_000, bodyMs: 30_000 }

export interface Probe {
  transport: Sep2Transport
  exchanges: Sep2Exchange[]
  retries: { dueAt: number; delayMs: number }[]
  /** True while an attempt is on the wire (not counting retries still waiting for their time). */
  busy(): boolean
}

export function probeTransport(opts: { clock: FakeClock; url: string; identity: TestPkiEntity; anchors: string[] } & Partial<Sep2TransportOptions>): Probe {
  const { clock, url, identity, anchors, ...rest } = opts
  let started = 0
  const exchanges: Sep2Exchange[] = []
  const retries: { dueAt: number; delayMs: number }[] = []
  const transport = createSep2Transport({
    baseUrl: url,
    clientCert: identity.chainPem,
    clientKey: identity.keyPem,
    trustAnchors: anchors,
    checkHostname: true,
    clock,
    random: () => 0.5,
    timeouts: TEST_TIMEOUTS,
    onExchange: (e) => exchanges.push(e),
    onRetry: (n) => retries.push({ dueAt: clock.now() + n.delayMs, delayMs: n.delayMs }),
    ...rest,
  })
  const counted: Sep2Transport = {
    ...transport,
    get: (path, o) => {
      started++
      return transport.get(path, o)
    },
  }
  const busy = () => started + retries.length - exchanges.length - retries.filter((r) => r.dueAt > clock.now()).length > 0
  return { transport: counted, exchanges, retries, busy }
}

/** Let real I/O run (event-loop turns, no timers) until the probe is idle. */
export async function settle(probe: Probe): Promise<void> {
  for (let i = 0; i < 200_000 && probe.busy(); i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/** Run simulated time forward in steps, letting each step's requests finish before the next. */
export async function runFor(clock: FakeClock, probe: Probe, ms: number, stepMs = 5_000): Promise<void> {
  const end = clock.now() + ms
  await settle(probe)
  while (clock.now() < end) {
    await clock.advanceAsync(Math.min(stepMs, end - clock.now()))
    await settle(probe)
  }
}

/** Await a promise that needs simulated time (retries, timeouts) to pass. */
export async function driveUntil<T>(clock: FakeClock, probe: Probe, pending: Promise<T>, stepMs = 1_000): Promise<T> {
  let done = false
  const result = pending.finally(() => (done = true))
  for (let i = 0; i < 100_000 && !done; i++) {
    await settle(probe)
    if (!done) await clock.advanceAsync(stepMs)
  }
  return result
}

export async function startTestSimulator(clock: FakeClock, pki: TestPki, extra: Partial<UtilitySimulatorOptions> = {}): Promise<UtilitySimulator> {
  return startUtilitySimulator({ clock, pki, scenario: 'annex-d', ...extra })
}
