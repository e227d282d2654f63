import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { LiveSample } from '../../../src-shared/contract/devices'
import { meterProfile, type ManagedDevice, type ModbusTransport, type SiteSample } from '../../devices'
import type { SamplesRepo } from '../../storage/samples-repo'
import { MAX_PENDING_SAMPLES, SAMPLE_FLUSH_INTERVAL_MS, startSamplingSession } from './devices-sampling'

/** DEV-5 / REL-2 on a fake clock: samples reach the store in batches, the UI at most 5 per second. */
const fakeBus: ModbusTransport = {
  kind: 'tcp',
  description: 'fake',
  read: async (req) => new Array<number>(req.count).fill(0),
  write: async () => undefined,
  state: () => ({ status: 'connected' }),
  queued: () => 0,
  close: async () => undefined,
}

function meterDevice(): ManagedDevice {
  const profile = meterProfile('eastron-sdm630')
  if (!profile) throw new Error('profile missing')
  return { id: 'meter', role: 'site-meter', transport: fakeBus, unitId: 1, source: { kind: 'profile', profile } }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function recordingRepo(fail: () => boolean = () => false) {
  const batches: SiteSample[][] = []
  const repo: SamplesRepo = {
    appendBatch: (_site, _session, samples) => {
      if (fail()) throw new Error('disk full')
      batches.push(samples)
    },
    latest: () => [],
    downsampled: () => [],
    count: () => batches.flat().length,
  }
  return { repo, batches }
}

function start(clock: FakeClock, repo: SamplesRepo, live: LiveSample[], log: string[] = [], every: SiteSample[] = []) {
  return startSamplingSession({
    siteId: 's',
    sessionId: 'x',
    clock,
    devices: [meterDevice()],
    samples: repo,
    onLive: (s) => live.push(s),
    onStatus: () => undefined,
    onSample: (s) => every.push(s),
    log: (l) => log.push(l),
  })
}

describe('sampling session', () => {
  it('writes samples in batches about once a second, and the rest on stop', async () => {
    const clock = new FakeClock()
    const { repo, batches } = recordingRepo()
    const live: LiveSample[] = []
    const every: SiteSample[] = []
    const session = start(clock, repo, live, [], every)
    await clock.advanceAsync(SAMPLE_FLUSH_INTERVAL_MS - 1, settle)
    expect(batches).toHaveLength(0)
    await clock.advanceAsync(1, settle)
    expect(batches).toHaveLength(1)
    expect(batches[0]?.length).toBeGreaterThanOrEqual(5)
    await clock.advanceAsync(500, settle)
    await session.stop()
    const all = batches.flat()
    expect(all.map((s) => s.seq)).toEqual(all.map((_, i) => i))
    expect(live.length).toBe(all.length)
    expect(every).toEqual(all)
    for (let i = 1; i < live.length; i++) expect((live[i]?.at ?? 0) - (live[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(200)
    expect(session.status()).toEqual({ state: 'stopped' })
  })

  it('keeps samples the database refused and writes them with the next batch (REL-1)', async () => {
    const clock = new FakeClock()
    let failing = true
    const { repo, batches } = recordingRepo(() => failing)
    const log: string[] = []
    const session = start(clock, repo, [], log)
    await clock.advanceAsync(SAMPLE_FLUSH_INTERVAL_MS, settle)
    expect(batches).toHaveLength(0)
    expect(log.join('\n')).toContain('disk full')
    failing = false
    await clock.advanceAsync(SAMPLE_FLUSH_INTERVAL_MS, settle)
    await session.stop()
    const all = batches.flat()
    expect(all.length).toBeGreaterThanOrEqual(10)
    expect(all.map((s) => s.seq)).toEqual(all.map((_, i) => i))
  })

  it('bounds what waits in memory while the database keeps refusing, and says what it dropped', async () => {
    const clock = new FakeClock()
    const { repo } = recordingRepo(() => true)
    const log: string[] = []
    const session = start(clock, repo, [], log)
    // 5 samples a second: past the bound after MAX_PENDING_SAMPLES / 5 seconds.
    await clock.advanceAsync((MAX_PENDING_SAMPLES / 5 + 10) * 1000, settle)
    await session.stop()
    expect(log.some((l) => /\([1-9]\d* oldest dropped\)/.test(l))).toBe(true)
    expect(log.filter((l) => /\(0 oldest dropped\)/.test(l)).length).toBeGreaterThan(0)
  })
})
