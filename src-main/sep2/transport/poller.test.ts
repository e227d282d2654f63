/**
 * SRV-4 under a FakeClock: a simulated day of polls per handbook 10.2 table 2 / pollRate, every poll within 50 % of
 * its period of its nominal slot (13.1), pollRate changes taking effect at once, a fleet spreading its first requests.
 */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { DEFAULT_RATES, effectivePeriodMs } from '../../../src-shared/polling/poll-plan'
import type { PollRun } from './poller'
import { createPoller } from './poller'
import { createPrng } from '../../../src-shared/prng'

const DAY_MS = 86_400_000
const START = Date.UTC(2026, 2, 1, 0, 0, 0) + 12_345 // deliberately not on a slot boundary

/** Deterministic uniform draws for the fleet. */
const seeded = createPrng

/**
 * Independent check of handbook 13.1: for every nominal slot k*P (epoch-aligned) between the first and the last
 * poll there is exactly one poll within [kP - P/2, kP + P/2).
 */
function expectOnePollPerSlot(times: number[], periodMs: number): void {
  const half = periodMs / 2
  const first = Math.ceil(((times[0] ?? 0) - half) / periodMs)
  const last = Math.floor(((times.at(-1) ?? 0) + half) / periodMs)
  for (let k = first; k <= last; k++) {
    const nominal = k * periodMs
    const inWindow = times.filter((t) => t >= nominal - half && t < nominal + half)
    expect(inWindow, `slot ${new Date(nominal).toISOString()}`).toHaveLength(1)
  }
}

describe('a simulated day per handbook 10.2 table 2', () => {
  it.each(DEFAULT_RATES.map((r) => [r.resource, r.seconds] as const))('%s every %i s: 288 polls, one in each slot window', async (resource, seconds) => {
    const clock = new FakeClock(START)
    const poller = createPoller({ clock })
    const times: number[] = []
    poller.add({ name: resource, periodMs: effectivePeriodMs(resource), random: 0.83, run: async () => void times.push(clock.now()) })
    await clock.advanceAsync(DAY_MS)
    poller.stop()
    expect(times.length).toBeGreaterThanOrEqual(288)
    expect(times.length).toBeLessThanOrEqual(289)
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBe(seconds * 1000)
    expectOnePollPerSlot(times, seconds * 1000)
  })

  it('a pollRate of 60 s overrides the default: 1440 polls a day, each within 30 s of its slot', async () => {
    const clock = new FakeClock(START)
    const poller = createPoller({ clock })
    const runs: PollRun[] = []
    const times: number[] = []
    poller.add({ name: 'derp', periodMs: effectivePeriodMs('DERProgramList', 60), random: 0.01, run: async (r) => void (runs.push(r), times.push(clock.now())) })
    await clock.advanceAsync(DAY_MS)
    poller.stop()
    expect(times.length).toBeGreaterThanOrEqual(1440)
    expect(times.length).toBeLessThanOrEqual(1441)
    expectOnePollPerSlot(times, 60_000)
    runs.forEach((r, i) => expect(Math.abs((times[i] ?? 0) - r.slotMs)).toBeLessThanOrEqual(30_000))
    expect(runs.every((r) => r.periodMs === 60_000)).toBe(true)
  })
})

describe('handbook 13.1: the slot each run serves', () => {
  it.each([0, 0.25, 0.5, 0.75, 0.999])('with draw %s every run is within half a period of its epoch-aligned slot', async (random) => {
    const clock = new FakeClock(START)
    const poller = createPoller({ clock })
    const seen: Array<{ at: number; slot: number }> = []
    poller.add({ name: 'mup', periodMs: 300_000, random, run: async (r) => void seen.push({ at: clock.now(), slot: r.slotMs }) })
    await clock.advanceAsync(6 * 3_600_000)
    poller.stop()
    expect(seen.length).toBeGreaterThanOrEqual(72)
    for (const { at, slot } of seen) {
      expect(slot % 300_000).toBe(0)
      expect(Math.abs(at - slot)).toBeLessThanOrEqual(150_000)
    }
    expect(new Set(seen.map((s) => s.slot)).size).toBe(seen.length)
  })
})

describe('pollRate changes and stopping', () => {
  it('setPeriod moves the task to the new period at once', async () => {
    const clock = new FakeClock(START)
    const poller = createPoller({ clock })
    const times: number[] = []
    poller.add({ name: 'edev', periodMs: 300_000, random: 0.5, run: async () => void times.push(clock.now()) })
    await clock.advanceAsync(3_600_000)
    const changedAt = clock.now()
    const before = times.length
    poller.setPeriod('edev', 60_000)
    await clock.advanceAsync(3_600_000)
    const after = times.slice(before)
    expect((after[0] ?? Infinity) - changedAt).toBeLessThanOrEqual(60_000)
    expect(after.length).toBeGreaterThanOrEqual(59)
    expectOnePollPerSlot(after, 60_000)
    expect(poller.snapshot()[0]?.periodMs).toBe(60_000)
    poller.stop()
  })

  it('stop() ends all polling and aborts a run in progress', async () => {
    const clock = new FakeClock(START)
    const poller = createPoller({ clock })
    let signal: AbortSignal | undefined
    let count = 0
    poller.add({ name: 'dcap', periodMs: 300_000, random: 0.2, run: (r) => ((signal = r.signal), count++, new Promise<void>(() => undefined)) })
    clock.advance(300_000)
    expect(count).toBe(1)
    poller.stop()
    expect(signal?.aborted).toBe(true)
    clock.advance(DAY_MS)
    expect(count).toBe(1)
    expect(clock.pending()).toBe(0)
  })

  it('a slot that comes while the previous run is still going is skipped, not overlapped', async () => {
    const clock = new FakeClock(START)
    const skipped: number[] = []
    const poller = createPoller({ clock, onSkip: (_n, slot) => skipped.push(slot) })
    const finishers: Array<() => void> = []
    poller.add({ name: 'fsa', periodMs: 300_000, random: 0.5, run: () => new Promise<void>((resolve) => finishers.push(resolve)) })
    clock.advance(300_000)
    clock.advance(300_000)
    expect(finishers).toHaveLength(1)
    expect(skipped).toHaveLength(1)
    finishers[0]?.()
    await clock.advanceAsync(300_000)
    expect(finishers).toHaveLength(2)
    poller.stop()
  })

  it('a failing run is reported and polling carries on', async () => {
    const clock = new FakeClock(START)
    const errors: string[] = []
    const poller = createPoller({ clock, onError: (name) => errors.push(name) })
    poller.add({ name: 'dcap', periodMs: 300_000, random: 0.5, run: async () => Promise.reject(new Error('boom')) })
    await clock.advanceAsync(900_000)
    expect(errors.length).toBeGreaterThanOrEqual(2)
    poller.stop()
  })
})

describe('handbook 13.1: a fleet started together spreads its requests', () => {
  it('100 pollers started at once spread their first polls over most of the period', async () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 1, 0, 0, 0)) // the top of the hour: the thundering-herd moment
    const start = clock.now()
    const random = seeded(2030_5)
    const firsts: number[] = []
    const all: number[][] = []
    const pollers = Array.from({ length: 100 }, (_, i) => {
      const poller = createPoller({ clock })
      all[i] = []
      poller.add({ name: 'dcap', periodMs: 300_000, random: random(), run: async () => {
        if (all[i]?.length === 0) firsts.push(clock.now() - start)
        all[i]?.push(clock.now())
      } })
      return poller
    })
    await clock.advanceAsync(3_600_000)
    expect(all.every((t) => t.length === 12)).toBe(true)
    pollers.forEach((p) => p.stop())
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length
    const std = Math.sqrt(firsts.reduce((a, b) => a + (b - mean) ** 2, 0) / firsts.length)
    const min = Math.min(...firsts)
    const max = Math.max(...firsts)
    console.log(`first-poll offsets of 100 clients (period 300 s): min ${(min / 1000).toFixed(1)} s, max ${(max / 1000).toFixed(1)} s, mean ${(mean / 1000).toFixed(1)} s, stddev ${(std / 1000).toFixed(1)} s (uniform would be 86.6 s)`)
    expect(firsts).toHaveLength(100)
    expect(max - min).toBeGreaterThanOrEqual(0.8 * 300_000)
    expect(std).toBeGreaterThanOrEqual(0.2 * 300_000)
    const sameSecond = new Map<number, number>()
    for (const f of firsts) sameSecond.set(Math.floor(f / 1000), (sameSecond.get(Math.floor(f / 1000)) ?? 0) + 1)
    expect(Math.max(...sameSecond.values())).toBeLessThanOrEqual(5)
    for (const times of all) expectOnePollPerSlot(times, 300_000)
  })
})
