/**
 * handbook 13.1: a fleet started at once must not poll together. 100 clients with their own random offsets, on one
 * FakeClock, against a stub transport: the first DeviceCapability polls spread over the whole period.
 */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { DiscoveryResult } from '../../../src-shared/contract/server'
import type { Sep2Response, Sep2Result, Sep2Transport } from '../transport'
import { startClientPolling } from './client-poller'

const PERIOD_MS = 300_000
const DCAP = '<DeviceCapability xmlns="urn:ieee:std:2030.5:ns" href="/api/v2/dcap"/>'

function stubTransport(clock: FakeClock, seen: number[]): Sep2Transport {
  const ok = (body: string): Sep2Result<Sep2Response> => ({ ok: true, value: { url: '', status: 200, headers: {}, body, attempts: 1 } })
  return {
    get: async () => {
      seen.push(clock.now())
      return ok(DCAP)
    },
    post: async () => ok(''),
    put: async () => ok(''),
    delete: async () => ok(''),
    sessions: () => [],
    close: async () => undefined,
  }
}

const discovery: DiscoveryResult = {
  ok: true, dcapUrl: 'https://server/api/v2/dcap', ourLfdi: '', mode: 'device', tls: null, handshakes: 1, clockOffsetMs: 0, endDevice: null, endDevices: [],
  registration: null, fsas: [], programs: [], der: [], mirrorUsagePoints: [], links: { dcap: '/api/v2/dcap' }, pollRates: {}, steps: [], totalMs: 0,
}

/** Park–Miller: reproducible draws for the test. */
function draws(seed: number): () => number {
  let x = seed
  return () => (x = (x * 48_271) % 2_147_483_647) / 2_147_483_647
}

describe('100 clients started at once (handbook 13.1)', () => {
  it('spread their first polls over the period instead of firing together', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 0, 2, 0))
    const seen: number[] = []
    const random = draws(12_345)
    const pollers = Array.from({ length: 100 }, () => startClientPolling({ transport: stubTransport(clock, seen), clock, discovery, random }))
    await clock.advanceAsync(PERIOD_MS)
    pollers.forEach((p) => p.stop())
    expect(seen).toHaveLength(100)
    const offsets = seen.map((t) => t % PERIOD_MS).sort((a, b) => a - b)
    const buckets = new Array<number>(10).fill(0)
    for (const o of offsets) buckets[Math.floor(o / (PERIOD_MS / 10))]! += 1
    // The report: how many of the 100 first polls fall in each 30 s tenth of the period.
    console.info(`first-poll spread over 300 s in 30 s buckets: ${buckets.join(' ')}`)
    expect(Math.max(...buckets)).toBeLessThanOrEqual(25)
    expect(buckets.filter((b) => b > 0).length).toBeGreaterThanOrEqual(8)
    expect((offsets.at(-1) ?? 0) - (offsets[0] ?? 0)).toBeGreaterThan(PERIOD_MS * 0.8)
  })
})
