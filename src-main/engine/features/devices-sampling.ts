import type { Clock, TimerId } from '../../../src-shared/clock'
import type { LiveSample, OrientationView, SamplingStatusView } from '../../../src-shared/contract/devices'
import { createDeviceManager, type ManagedDevice, type SamplingStatus, type SiteSample } from '../../devices'
import type { SamplesRepo } from '../../storage/samples-repo'
import type { CtCheck } from '../../../src-shared/report/model/ct-check'
import { orientationOf, toLiveSample } from './devices-views'

/**
 * One live sampling session for a site (DEV-5): the device manager samples at 200 ms (slowing to 1 s where the bus
 * cannot keep up); every sample is stored in batches, each batch one transaction (REL-2); the renderer gets at most
 * one sample per UI_SAMPLE_MIN_INTERVAL_MS, so a 5 Hz stream never floods the IPC or WebSocket.
 */
export const UI_SAMPLE_MIN_INTERVAL_MS = 200
/** Samples are written at least this often, and sooner when SAMPLE_BATCH_MAX are waiting. */
export const SAMPLE_FLUSH_INTERVAL_MS = 1000
export const SAMPLE_BATCH_MAX = 25
/** If the database refuses writes, this many samples (10 min at 5 Hz) wait for the next attempt; older ones are dropped and logged. */
export const MAX_PENDING_SAMPLES = 3000

export interface SamplingSessionOptions {
  siteId: string
  sessionId: string
  clock: Clock
  devices: ManagedDevice[]
  samples: SamplesRepo
  onLive: (sample: LiveSample) => void
  onStatus: (status: SamplingStatusView) => void
  /** Every sample, unthrottled. */
  onSample?: (sample: SiteSample) => void
  /** A conclusive CT check (verdict changed, or again after CT_CHECK_REFRESH_MS): stored for the report. */
  onCtCheck?: (check: CtCheck) => void
  log?: (line: string) => void
}

export interface SamplingSession {
  readonly siteId: string
  status(): SamplingStatusView
  latest(): SiteSample | undefined
  orientation(): OrientationView | null
  stop(): Promise<void>
}

/** How often a conclusive CT check is looked at, and how often an unchanged verdict is stored again. */
export const CT_CHECK_EVERY_MS = 1000
export const CT_CHECK_REFRESH_MS = 60_000

/** The CT check of the live readings, at most once a second; a conclusive verdict goes to `onCtCheck` (issue 17 item 6). */
function ctCheckRecorder(o: SamplingSessionOptions): (sample: SiteSample) => void {
  let lastLookMono: number | undefined
  let stored: { kind: string; mono: number } | undefined
  return (sample) => {
    if (!o.onCtCheck || (lastLookMono !== undefined && sample.mono - lastLookMono < CT_CHECK_EVERY_MS)) return
    lastLookMono = sample.mono
    const view = orientationOf(sample)
    if (!view || view.verdict === 'inconclusive') return
    const key = `${view.verdict}:${view.phases.join('')}`
    if (stored && stored.kind === key && sample.mono - stored.mono < CT_CHECK_REFRESH_MS) return
    stored = { kind: key, mono: sample.mono }
    o.onCtCheck({ checkedAt: new Date(sample.at).toISOString(), verdict: view.verdict, phases: view.phases, words: view.words })
  }
}

export function toStatusView(s: SamplingStatus): SamplingStatusView {
  return s.state === 'stopped' ? { state: 'stopped' } : { state: 'running', periodMs: s.periodMs, targetPeriodMs: s.targetPeriodMs, note: s.note ?? null }
}

export function startSamplingSession(o: SamplingSessionOptions): SamplingSession {
  const manager = createDeviceManager({ clock: o.clock, devices: o.devices })
  let buffer: SiteSample[] = []
  let latest: SiteSample | undefined
  let lastLiveMono: number | undefined
  let flushTimer: TimerId | undefined

  const flush = () => {
    const batch = buffer
    buffer = []
    try {
      o.samples.appendBatch(o.siteId, o.sessionId, batch)
    } catch (error) {
      // Keep them for the next attempt rather than lose them (REL-1), within a bound.
      const pending = [...batch, ...buffer]
      const dropped = Math.max(0, pending.length - MAX_PENDING_SAMPLES)
      buffer = pending.slice(dropped)
      o.log?.(`[devices] storing ${batch.length} samples failed (${dropped} oldest dropped): ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const scheduleFlush = () => {
    flushTimer = o.clock.setTimeout(() => {
      flush()
      scheduleFlush()
    }, SAMPLE_FLUSH_INTERVAL_MS)
  }

  const ctChecks = ctCheckRecorder(o)
  manager.on('sample', (sample) => {
    latest = sample
    o.onSample?.(sample)
    ctChecks(sample)
    buffer.push(sample)
    if (buffer.length >= SAMPLE_BATCH_MAX) flush()
    if (lastLiveMono === undefined || sample.mono - lastLiveMono >= UI_SAMPLE_MIN_INTERVAL_MS) {
      lastLiveMono = sample.mono
      o.onLive(toLiveSample(o.siteId, sample))
    }
  })
  manager.on('status', (status) => o.onStatus(toStatusView(status)))
  manager.start()
  scheduleFlush()

  return {
    siteId: o.siteId,
    status: () => toStatusView(manager.status()),
    latest: () => latest,
    orientation: () => (latest ? orientationOf(latest) : null),
    async stop() {
      manager.stop()
      if (flushTimer !== undefined) o.clock.clearTimeout(flushTimer)
      flushTimer = undefined
      flush()
    },
  }
}
