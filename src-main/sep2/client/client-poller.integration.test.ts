/**
 * SRV-4 / SRV-5 under a FakeClock over real mutual TLS: a simulated day of polls at the table 2 / pollRate periods,
 * each within half a period of its slot (handbook 13.1), snapshots for the scheduler, and loss of communications
 * (handbook 11.1) after the retries of 13.2, back to ok on the next success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { DiscoveryResult, LinkState, ProgramView } from '../../../src-shared/contract/server'
import { withinSlotWindow } from '../../../src-shared/polling/poll-plan'
import { generateTestPki, type TestPki } from '../../pki'
import type { UtilitySimulator } from '../../sim/utility'
import { startClientPolling, type PollReport } from './client-poller'
import { runDiscovery } from './discovery'
import { probeTransport, runFor, startTestSimulator, type Probe } from './testing/sim-fixture'

const DAY_MS = 86_400_000
let pki: TestPki
let clock: FakeClock
let sim: UtilitySimulator
let p: Probe
let discovery: DiscoveryResult

beforeAll(async () => {
  clock = new FakeClock(Date.UTC(2026, 5, 1, 2, 0, 0))
  pki = await generateTestPki({ now: new Date(clock.now()) })
  sim = await startTestSimulator(clock, pki, { scenario: 'queensland-test' })
  p = probeTransport({ clock, url: sim.url, identity: pki.devices[0]!, anchors: [pki.sercaPem] })
  discovery = await runDiscovery({ transport: p.transport, dcapUrl: sim.dcapUrl, clock, ourLfdi: pki.devices[0]!.lfdi, mode: 'device' })
}, 60_000)

afterAll(async () => {
  await p.transport.close()
  await sim.close()
})

describe('polling for a simulated day (handbook 10.2 table 2, 13.1)', () => {
  it('polls each resource at its period, every poll within 50 % of its slot, feeding the scheduler snapshots', async () => {
    expect(discovery.ok).toBe(true)
    // The rolling schedule keeps a day of events (handbook 11.1: at least 24).
    expect(discovery.programs[0]?.events.length).toBeGreaterThanOrEqual(24)
    const polls: PollReport[] = []
    const snapshots: ProgramView[][] = []
    const draws = [0.05, 0.3, 0.6, 0.95]
    const polling = startClientPolling({ transport: p.transport, clock, discovery, random: () => draws.shift() ?? 0.5, onPoll: (r) => polls.push(r), onSnapshot: (s) => snapshots.push(s) })
    await runFor(clock, p, DAY_MS, 10_000)
    polling.stop()
    const byName = (n: string) => polls.filter((r) => r.name === n)
    // The simulator serves pollRate 300 on dcap/edev/fsa and 301 on the DERProgramList (as in Annex D).
    const expected: Record<string, number> = { DeviceCapability: 300_000, EndDeviceList: 300_000, FunctionSetAssignmentsList: 300_000, DERProgramList: 301_000 }
    for (const [name, periodMs] of Object.entries(expected)) {
      const runs = byName(name)
      expect(runs.length, name).toBeGreaterThanOrEqual(Math.floor(DAY_MS / periodMs) - 1)
      expect(runs.length, name).toBeLessThanOrEqual(Math.ceil(DAY_MS / periodMs) + 1)
      expect(runs.every((r) => r.ok && r.periodMs === periodMs), name).toBe(true)
      expect(runs.every((r) => withinSlotWindow(r.at, r.slotMs, r.periodMs)), name).toBe(true)
      const gaps = runs.slice(1).map((r, i) => r.at - (runs[i]?.at ?? 0))
      expect(gaps.every((g) => g === periodMs), name).toBe(true)
    }
    // Different draws give different offsets inside the period (handbook 13.1: spread the fleet).
    const offsets = new Set(Object.keys(expected).map((n) => (byName(n)[0]?.at ?? 0) % 300_000))
    expect(offsets.size).toBeGreaterThan(1)
    expect(snapshots.length).toBe(byName('DERProgramList').length)
    const last = snapshots.at(-1)?.[0]
    expect(last?.defaultControl?.modes.opModExpLimW).toBe(1500)
    expect(last?.events.every((e) => e.start + e.durationS * 1000 > clock.now() - 301_000)).toBe(true)
    expect(polling.link().state).toBe('ok')
  }, 240_000)

  it('5xx past the retries -> loss of communications with since and reason; back to ok on the next success', async () => {
    const states: LinkState[] = []
    const polling = startClientPolling({ transport: p.transport, clock, discovery, random: () => 0.5, onLinkState: (s) => states.push(s) })
    sim.faults.set({ kind: 'status', status: 500 }, { times: Infinity })
    await runFor(clock, p, 400_000, 1_000)
    expect(states[0]).toMatchObject({ state: 'lost', code: 'SEP2_SERVER_ERROR' })
    expect(states[0]?.state === 'lost' && states[0].reason).toMatch(/500/)
    const lostAt = states[0]?.since ?? 0
    expect(polling.link().state).toBe('lost')
    sim.faults.clear()
    await runFor(clock, p, 320_000, 1_000)
    polling.stop()
    expect(states).toHaveLength(2)
    expect(states[1]?.state).toBe('ok')
    expect(states[1]?.since ?? 0).toBeGreaterThan(lostAt)
  }, 120_000)

  it('the server down (connection refused) is a loss of communications too; back to ok once it is up', async () => {
    const states: LinkState[] = []
    const polling = startClientPolling({ transport: p.transport, clock, discovery, random: () => 0.5, onLinkState: (s) => states.push(s) })
    await sim.faults.down()
    await runFor(clock, p, 310_000, 1_000)
    expect(states[0]).toMatchObject({ state: 'lost', code: 'SEP2_CONNECT' })
    await sim.faults.up()
    await runFor(clock, p, 310_000, 1_000)
    polling.stop()
    expect(states.map((s) => s.state)).toEqual(['lost', 'ok'])
  }, 120_000)
})
