/** The discovery result in words, for the CLI and logs (the renderer shows the same facts in its own layout). */
import type { DiscoveryResult, DiscoveryStep } from '../../../src-shared/contract/server'
import type { Sep2RetryNotice } from '../transport'
import type { DiscoveryChange } from './client-poller'
import { describeControl } from '../../../src-shared/contract/control-modes-text'

const RETRY_CAUSE: Record<Sep2RetryNotice['reason'], string> = {
  'rate-limited': 'the server is busy (429 Too Many Requests)',
  'server-error': 'the server failed',
  'not-found-after-create': 'not found yet right after it was created (handbook FAQ)',
  'stale-connection': 'the server had closed the idle connection',
}

/** One line per retry, so an installer sees why the walk pauses (handbook 13.2: 2 retries, >= 10 s apart). */
export function describeRetry(n: Sep2RetryNotice): string {
  const status = n.status === undefined || n.reason === 'rate-limited' ? '' : ` (HTTP ${n.status})`
  const when = n.delayMs > 0 ? `in ${Math.round(n.delayMs / 1000)} s` : 'at once on a new connection'
  return `↻ ${n.method} ${n.url}: ${RETRY_CAUSE[n.reason]}${status}; retry ${n.retryNumber} ${when}`
}

export function describeStep(step: DiscoveryStep): string[] {
  const mark = step.status === 'ok' ? '✓' : step.status === 'warning' ? '!' : '✗'
  const detail = step.error ? '' : `  ${step.detail}`
  const lines = [`${mark} ${step.name.padEnd(27)} ${String(step.durationMs).padStart(6)} ms${detail}`]
  if (step.error) lines.push(`    ${step.error.code}: ${step.error.meaning}`, `    What to do: ${step.error.whatToDo}`)
  return lines
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}

export function describeResult(r: DiscoveryResult, options: { steps?: boolean } = {}): string {
  const steps = options.steps === false ? [] : [...r.steps.flatMap(describeStep), '']
  const lines: string[] = [`Discovery of ${r.dcapUrl} as LFDI ${r.ourLfdi} (${r.mode})`, '', ...steps]
  if (r.tls) lines.push(`TLS: ${r.tls.version}, ${r.tls.cipher}; ${r.handshakes} handshake(s); ${r.totalMs} ms in all`)
  if (r.clockOffsetMs !== null) lines.push(`Clock offset (server - this computer): ${(r.clockOffsetMs / 1000).toFixed(1)} s`)
  if (r.endDevice) lines.push(`EndDevice: ${r.endDevice.href}  LFDI ${r.endDevice.lFDI}  SFDI ${r.endDevice.sFDI}  (${r.endDevice.match ? 'matches' : 'no match'})`)
  if (r.registration) {
    const check = r.registration.match === null ? 'not checked: no PIN given' : r.registration.match ? 'matches' : `does NOT match ${r.registration.expectedPin}`
    lines.push(`Registration PIN: ${r.registration.serverPin} (${check})`)
  }
  for (const p of r.programs) {
    lines.push(`Program ${p.description ?? p.mRID} (primacy ${p.primacy}, ${p.fsaHref})`)
    lines.push(`  default: ${p.defaultControl ? describeControl(p.defaultControl) : 'none'}`)
    for (const e of p.events) lines.push(`  ${e.statusName.padEnd(9)} ${when(e.start)} for ${e.durationS} s: ${describeControl(e)}`)
  }
  if (r.der.length > 0) lines.push(`DER: ${r.der.map((d) => d.href).join(', ')}`)
  lines.push(`MirrorUsagePoints: ${r.mirrorUsagePoints.length}`)
  lines.push('', r.ok ? 'Discovery complete.' : r.awaitingRegistration ? 'Waiting for the utility to register this device.' : `Discovery stopped at ${r.stoppedAt ?? 'a failed step'}.`)
  return lines.join('\n')
}

/** One log line for what a poll found changed (issue 20: change-following discovery). */
export function describeChange(c: DiscoveryChange): string {
  const parts = [...c.added.map((h) => `+${h}`), ...c.removed.map((h) => `-${h}`), ...c.changed.map((h) => `~${h}`)]
  return `server: ${c.resource} changed: ${parts.join(' ')}`
}
