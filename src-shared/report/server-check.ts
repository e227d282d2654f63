/**
 * The server-check record from one discovery walk (issue 17 item 1), and the report's server verdict computed from it.
 * Pure: the caller passes the time and the TLS session facts the transport saw.
 */
import type { DiscoveryResult, DiscoveryStep } from '../contract/server'
import { qldDateTime } from '../time/qld-time'
import type { Outcome } from './model/common'
import type { FetchedStep, ServerCheck } from './model/server-check'

// handbook Annex C: the example client refuses to go on when the clocks differ by more than a minute; we warn.
const CLOCK_OFFSET_WARN_MS = 60_000

export interface CheckContext {
  /** Unix ms when the walk ended. */
  checkedAt: number
  target: string
  /** The PIN the installer entered, if any (also kept when the walk stopped before Registration). */
  expectedPin?: number
  /** The verified server certificate of the walk's TLS session, when the transport saw one. */
  serverCertificate?: { subject: string; issuer: string; validTo: string }
}

function fetchedStep(s: DiscoveryStep): FetchedStep {
  return { step: s.name, url: s.url, status: s.status, durationMs: s.durationMs, ...(s.error ? { code: s.error.code, meaning: s.error.meaning } : {}) }
}

/** Whether the EndDeviceList was read, and if so whether it held our LFDI. */
function registered(r: DiscoveryResult): boolean | undefined {
  if (r.endDevice?.match === true) return true
  const listRead = r.steps.some((s) => s.name === 'EndDeviceList' && s.status !== 'failed')
  return listRead ? false : undefined
}

export function serverCheckFromDiscovery(r: DiscoveryResult, ctx: CheckContext): ServerCheck {
  const expected = r.registration?.expectedPin ?? ctx.expectedPin
  const defaultControlSeen = r.programs.some((p) => p.defaultControl !== null)
  return {
    checkedAt: new Date(ctx.checkedAt).toISOString(),
    durationMs: r.totalMs,
    target: ctx.target,
    dcapUrl: r.dcapUrl,
    fetched: r.steps.map(fetchedStep),
    completed: r.ok,
    // The transport verifies the server chain on every connection (SRV-1); a negotiated session means it passed.
    ...(r.tls ? { tls: { version: r.tls.version, cipher: r.tls.cipher, chainVerified: true } } : {}),
    ...(ctx.serverCertificate ? { serverCertificate: ctx.serverCertificate } : {}),
    ...(r.clockOffsetMs === null ? {} : { clockOffsetMs: r.clockOffsetMs }),
    lfdi: {
      ours: r.ourLfdi,
      mode: r.mode,
      ...optional('registered', registered(r)),
      ...(r.endDevice?.match ? { endDeviceHref: r.endDevice.href, sfdi: r.endDevice.sFDI } : {}),
    },
    pin: { ...optional('expected', expected ?? undefined), ...optional('found', r.registration?.serverPin) },
    programs: r.programs.length,
    defaultControlSeen,
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}

/** Why the server row has its outcome: one stable cause per row of serverCheckVerdict's table. */
export type ServerCheckCause =
  | 'unreachable'
  | 'tls-unverified'
  | 'lfdi-not-checked'
  | 'lfdi-unknown'
  | 'pin-not-read'
  | 'pin-mismatch'
  | 'walk-stopped'
  | 'pin-not-entered'
  | 'clock-offset'
  | 'registered'

export interface ServerCheckVerdict {
  outcome: Extract<Outcome, 'pass' | 'fail' | 'warn'>
  cause: ServerCheckCause
  detail: string
}

const verdict = (outcome: ServerCheckVerdict['outcome'], cause: ServerCheckCause, detail: string): ServerCheckVerdict => ({ outcome, cause, detail })

function failedStep(c: ServerCheck, step?: string): FetchedStep | undefined {
  return c.fetched.find((f) => f.status === 'failed' && (step === undefined || f.step === step))
}

const reason = (f: FetchedStep | undefined): string => (f?.meaning ? `: ${f.meaning}${f.code ? ` (${f.code})` : ''}` : '')

/** The facts that decide registration (handbook 9-10): reachable over verified TLS, our LFDI listed, the PIN equal. */
function registrationVerdict(c: ServerCheck): ServerCheckVerdict | undefined {
  const dcapRead = c.fetched.some((f) => f.step === 'DeviceCapability' && f.status !== 'failed')
  if (!dcapRead) return verdict('fail', 'unreachable', `Could not read the DeviceCapability at ${c.dcapUrl}${reason(failedStep(c))}`)
  if (c.tls?.chainVerified !== true) return verdict('fail', 'tls-unverified', 'No TLS session with a verified server chain was recorded')
  if (c.lfdi.registered === undefined) return verdict('fail', 'lfdi-not-checked', `The EndDeviceList was not read, so LFDI ${c.lfdi.ours} is unchecked${reason(failedStep(c))}`)
  if (!c.lfdi.registered) return verdict('fail', 'lfdi-unknown', `The server does not know LFDI ${c.lfdi.ours}: no EndDevice for it in the EndDeviceList`)
  if (c.pin.found === undefined) return verdict('fail', 'pin-not-read', `The Registration (PIN) was not read${reason(failedStep(c, 'Registration'))}`)
  if (c.pin.expected !== undefined && c.pin.expected !== c.pin.found) {
    return verdict('fail', 'pin-mismatch', `Registration PIN mismatch: the server holds ${c.pin.found}, the installer entered ${c.pin.expected}`)
  }
  return undefined
}

/**
 * The report's server verdict from the stored record, row by row: the first row that applies decides. A failed later
 * step (programs, DER list) fails too; a PIN not entered or a clock over a minute off only warns.
 */
export function serverCheckVerdict(c: ServerCheck): ServerCheckVerdict {
  const failed = registrationVerdict(c)
  if (failed) return failed
  const stopped = failedStep(c)
  if (!c.completed || stopped) return verdict('fail', 'walk-stopped', `Discovery stopped at ${stopped?.step ?? 'a failed step'}${reason(stopped)}`)
  const where = `EndDevice ${c.lfdi.endDeviceHref ?? ''} for LFDI ${c.lfdi.ours}`
  if (c.pin.expected === undefined) return verdict('warn', 'pin-not-entered', `${where} found; no PIN entered to compare with the server's ${c.pin.found ?? ''}`)
  if (c.clockOffsetMs !== undefined && Math.abs(c.clockOffsetMs) > CLOCK_OFFSET_WARN_MS) {
    return verdict('warn', 'clock-offset', `${where} registered, PIN matches; the server clock is ${Math.round(c.clockOffsetMs / 1000)} s off`)
  }
  return verdict('pass', 'registered', `${where} registered, PIN ${c.pin.found ?? ''} matches, ${c.tls?.version ?? ''} chain verified`)
}

/** What a summary row is based on, and when: "server check of 2026-01-15 12:00:00 AEST". */
export function serverCheckBasis(c: ServerCheck): string {
  return `server check of ${qldDateTime(Date.parse(c.checkedAt))}`
}
