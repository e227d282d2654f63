/**
 * handbook 11.2 / CSIP-AUS ALL-30: after a connection-point power outage the client removes every stored DERControl,
 * reverts to the DefaultDERControl and re-polls every DERProgram. A power outage also stops the machine the client
 * runs on, so the client tells one apart from a restart of its own process by the machine's boot: a different boot
 * than at the last start means the machine was off (or rebooted) in between. Pure: the host reads and stores the facts.
 */

export type StartReason = 'restart' | 'power-outage'

/** What identifies the machine's current boot, as the host recorded it at a start. */
export interface BootFacts {
  /** Linux /proc/sys/kernel/random/boot_id: a new random id every boot. Absent elsewhere. */
  bootId?: string
  /** When the machine booted (Unix ms): wall clock now minus uptime. */
  bootTimeMs: number
}

/**
 * How far two estimates of one boot's time may differ: uptime and the wall clock are read at slightly different
 * moments, and the wall clock may be stepped (NTP) between two starts. Two boots closer than this are not told apart
 * by time alone; a power outage that short is not one the grid follows (AS/NZS 4777.2 reconnection takes longer).
 */
export const BOOT_TIME_TOLERANCE_MS = 120_000

export interface StartDecision {
  reason: StartReason
  /** In words, for the log: why this reason. */
  why: string
}

export function startReasonFor(previous: BootFacts | undefined, current: BootFacts): StartDecision {
  if (previous === undefined) return { reason: 'restart', why: 'no earlier start recorded in this data folder (nothing stored to discard)' }
  if (previous.bootId !== undefined && current.bootId !== undefined) {
    return previous.bootId === current.bootId
      ? { reason: 'restart', why: 'same machine boot as the last start (process restart)' }
      : { reason: 'power-outage', why: 'the machine has booted since the last start (boot id changed): handbook 11.2 power-outage start' }
  }
  const apart = Math.abs(current.bootTimeMs - previous.bootTimeMs)
  if (!Number.isFinite(apart) || apart > BOOT_TIME_TOLERANCE_MS) {
    return { reason: 'power-outage', why: `the machine has booted since the last start (boot time moved ${Math.round(apart / 1000)} s): handbook 11.2 power-outage start` }
  }
  return { reason: 'restart', why: 'same machine boot as the last start (process restart)' }
}

/** A stored record read back: only well-formed facts count (a damaged file is treated as no record). */
export function parseBootFacts(value: unknown): BootFacts | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { bootId, bootTimeMs } = value as Record<string, unknown>
  if (typeof bootTimeMs !== 'number' || !Number.isFinite(bootTimeMs)) return undefined
  return typeof bootId === 'string' && bootId !== '' ? { bootId, bootTimeMs } : { bootTimeMs }
}
