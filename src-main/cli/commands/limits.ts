/**
 * `sep2-commissioner limits --dcap URL --cert F --key F --ca F [--at <ISO time>] [--timeline 24h] [--json]`: the
 * discovery walk, then the scheduler over what the server published: every mode's effective value and its source
 * (APP-2, CTL-3, CTL-7) and the timeline of changes. Read-only: it sends no DERControlResponses.
 */
import { CONTROL_MODES, type FixedLimits, type Resolution, type TimelineEntry } from '../../../src-shared/controls'
import { LIMIT_MODE_LABELS, type RejectedControlView } from '../../../src-shared/contract/limits'
import { createControlsService, limitValue, snapshotFromProgramViews, sourceText, TIMELINE_HORIZON_S, valueText } from '../../controls'
import { createSystemClock } from '../../engine/system-clock'
import { describeResult, describeRetry, runDiscovery } from '../../sep2/client'
import { createSep2Transport, type Sep2RetryNotice } from '../../sep2/transport'
import { openMemoryDatabase } from '../../storage/memory-database'
import { connectionArgs } from '../args'
import { CliUsageError, type CliCommand, type CliInput } from '../types'

/** handbook 11.4: without --fixed-export/--fixed-import, 1.5 kW each (the handbook's figure 8 contract limits). */
export const CLI_DEFAULT_FIXED_W = 1500
const DURATION_UNITS_S: Record<string, number> = { s: 1, m: 60, h: 3600 }


/** "24h", "90m", "3600s" or plain seconds, at most 24 h (the scheduler's horizon). */
export function parseTimeline(text: string | undefined): number {
  if (text === undefined) return TIMELINE_HORIZON_S
  const m = /^(\d+)([smh]?)$/.exec(text.trim())
  const seconds = m ? Number(m[1]) * (DURATION_UNITS_S[m[2] || 's'] ?? 1) : NaN
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > TIMELINE_HORIZON_S) throw new CliUsageError('--timeline is a duration up to 24h, e.g. 24h, 90m or 3600s.')
  return seconds
}

export function parseAt(text: string | undefined, now: number): number {
  if (text === undefined) return now
  const at = Date.parse(text)
  if (!Number.isFinite(at)) throw new CliUsageError('--at is an ISO time, e.g. 2026-03-02T10:15:00Z.')
  return at
}

function watts(input: CliInput, name: string): number {
  const v = input.values[name]
  if (v === undefined) return CLI_DEFAULT_FIXED_W
  const n = Number(v)
  if (typeof v !== 'string' || !Number.isFinite(n) || n < 0) throw new CliUsageError(`--${name} is a number of watts.`)
  return n
}

const iso = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z')

/** The effective table and the timeline as text lines. */
/** The controls the client refused or flagged, one line each with the reason. */
export function describeRejected(rejected: readonly RejectedControlView[]): string[] {
  if (rejected.length === 0) return []
  const what = { event: 'event', default: 'default control', 'duplicate-mrid': 'duplicate mRID' } as const
  return ['', 'Refused or flagged by the client (REL-4):', ...rejected.map((r) => `  ${r.refused ? 'refused' : 'flagged'} ${what[r.kind]} ${r.mRID} (program ${r.programId}): ${r.reason}`)]
}

export function describeLimits(r: Resolution, timelineS: number): string[] {
  const lines = [`Effective limits at ${iso(r.now)}:`]
  for (const mode of CONTROL_MODES) {
    const e = r.effective[mode]
    lines.push(`  ${LIMIT_MODE_LABELS[mode].padEnd(28)} ${valueText(mode, e.value).padEnd(12)} ${sourceText(e.source)}`)
  }
  lines.push(r.nextChangeAt === undefined ? 'No change within 24 h.' : `Next change at ${iso(r.nextChangeAt)}.`)
  lines.push(`Timeline (${timelineS / 3600} h):`)
  for (const t of r.timeline.filter((x) => x.at > r.now && x.at <= r.now + timelineS)) {
    lines.push(`  ${iso(t.at)}  ${LIMIT_MODE_LABELS[t.mode]}: ${valueText(t.mode, t.value)} – ${sourceText(t.source)}`)
  }
  return lines
}

/** JSON-safe output: "no limit" is 'unlimited' (JSON has no Infinity); times are ISO strings. */
function jsonOf(o: { resolution: Resolution; at: number; timeline: TimelineEntry[]; fixed: FixedLimits }) {
  const effective = Object.fromEntries(CONTROL_MODES.map((m) => [m, { value: limitValue(o.resolution.effective[m].value), source: o.resolution.effective[m].source }]))
  return {
    at: new Date(o.at).toISOString(),
    effective,
    nextChangeAt: o.resolution.nextChangeAt === undefined ? null : iso(o.resolution.nextChangeAt),
    timeline: o.timeline.map((t) => ({ at: iso(t.at), mode: t.mode, value: limitValue(t.value), source: t.source })),
    fixed: o.fixed,
  }
}

export const limitsCommand: CliCommand = {
  name: 'limits',
  summary: 'Show the limit that applies to every mode now (or --at a time), where it comes from, and the timeline',
  usage: '--dcap <url> --cert <chain.pem> --key <key.pem> --ca <serca.pem> [--at <ISO time>] [--timeline 24h] [--fixed-export W] [--fixed-import W] [--json]',
  options: {
    dcap: { type: 'string', description: 'DeviceCapability URL' },
    cert: { type: 'string', description: 'Device certificate followed by its chain (PEM)' },
    key: { type: 'string', description: 'The private key of the device certificate (PEM); used for TLS only' },
    ca: { type: 'string', multiple: true, description: 'Trust anchor(s) for the server certificate (PEM)' },
    lfdi: { type: 'string', description: "Cloud proxy: the site's virtual LFDI (default: the certificate's)" },
    at: { type: 'string', description: 'Evaluate at this ISO time instead of now' },
    timeline: { type: 'string', description: 'How far ahead to list changes (up to 24h; default 24h)' },
    'fixed-export': { type: 'string', description: `The connection agreement's fixed export limit, W (default ${CLI_DEFAULT_FIXED_W})` },
    'fixed-import': { type: 'string', description: `The connection agreement's fixed import limit, W (default ${CLI_DEFAULT_FIXED_W})` },
    'no-hostname-check': { type: 'boolean', description: 'Do not check the server certificate names the host (the chain is still verified)' },
  },
  async run(input, io) {
    const conn = connectionArgs(input, io)
    const clock = io.clock ?? createSystemClock()
    const at = parseAt(typeof input.values.at === 'string' ? input.values.at : undefined, clock.now())
    const timelineS = parseTimeline(typeof input.values.timeline === 'string' ? input.values.timeline : undefined)
    const fixed = { expLimW: watts(input, 'fixed-export'), impLimW: watts(input, 'fixed-import') }
    const onRetry = (n: Sep2RetryNotice): void => io.info(describeRetry(n))
    const transport = createSep2Transport({ baseUrl: conn.dcap, clientCert: conn.chain, clientKey: conn.key, trustAnchors: conn.trustAnchors, checkHostname: conn.checkHostname, clock, onRetry })
    try {
      const result = await runDiscovery({ transport, dcapUrl: conn.dcap, clock, ourLfdi: conn.lfdi, mode: conn.cloudProxy ? 'cloud-proxy' : 'device', signal: io.signal })
      if (!result.ok) {
        // Every step up to the one that failed, with its code, meaning and what to do (as `discover` prints them).
        io.print(describeResult(result), result)
        return 1
      }
      const db = openMemoryDatabase()
      const service = createControlsService({ db, siteId: 'cli', clock, fixed, capacityW: 0, lfdi: conn.lfdi })
      // The default counts as known from the evaluation time on, so --at in the past still shows it (handbook 10.7).
      service.ingestPrograms(snapshotFromProgramViews(result.programs, Math.min(at, clock.now())))
      const resolution = service.resolution(at)
      // REL-4: what the client refused (invalid values, duplicate mRIDs) is said, never resolved silently.
      const rejected = service.view(at).rejected
      service.stop()
      db.close()
      const timeline = resolution.timeline.filter((t) => t.at <= resolution.now + timelineS)
      io.print([...describeLimits(resolution, timelineS), ...describeRejected(rejected)].join('\n'), { ...jsonOf({ resolution, at, timeline, fixed }), rejected })
      return 0
    } finally {
      await transport.close()
    }
  },
}
