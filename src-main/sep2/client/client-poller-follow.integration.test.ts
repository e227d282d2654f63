/**
 * Issue 20 item 1 over real mutual TLS on a FakeClock: a client that started while its FunctionSetAssignmentsList was
 * empty follows a program the utility assigns later at the next FSA poll (its DefaultDERControl applies, then its
 * event); when the utility withdraws the program its running event ends at that poll with its responses; the DERList
 * is re-read at its pollRate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { ProgramView } from '../../../src-shared/contract/server'
import { createControlsService, snapshotFromProgramViews, type ControlsService } from '../../controls'
import { memoryDb } from '../../controls/testing/harness'
import { generateTestPki, type TestPki } from '../../pki'
import type { UtilitySimulator } from '../../sim/utility'
import type { Scenario, ScenarioProgram } from '../../sim/utility/scenario-schema'
import { startClientPolling, type DiscoveryChange, type PollReport } from './client-poller'
import { runDiscovery } from './discovery'
import { probeTransport, runFor, startTestSimulator, type Probe } from './testing/sim-fixture'

const MIN = 60_000
const EMPTY: Scenario = { name: 'assigned-later', description: 'No program at the start', extraDevices: [], programs: [], actions: [] }
const LATE: ScenarioProgram = {
  id: 'late',
  description: 'Assigned after commissioning',
  primacy: 1,
  fsa: 1,
  default: { modes: { opModExpLimW: 2500 } },
  controls: [{ startS: 30 * 60, durationS: 60 * 60, modes: { opModExpLimW: 800 }, responseRequired: 3 }],
}

let pki: TestPki
let clock: FakeClock
let sim: UtilitySimulator
let p: Probe

beforeAll(async () => {
  clock = new FakeClock(Date.UTC(2026, 5, 1, 2, 0, 0))
  pki = await generateTestPki({ now: new Date(clock.now()) })
  sim = await startTestSimulator(clock, pki, { scenario: structuredClone(EMPTY) })
  p = probeTransport({ clock, url: sim.url, identity: pki.devices[0]!, anchors: [pki.sercaPem] })
}, 60_000)

afterAll(async () => {
  await p.transport.close()
  await sim.close()
})

function controlsFor(posts: { mRID: string; status: number }[]): ControlsService {
  const controls = createControlsService({
    db: memoryDb(),
    siteId: 's',
    clock,
    fixed: { expLimW: 1500, impLimW: 1500 },
    capacityW: 10_000,
    lfdi: pki.devices[0]!.lfdi,
    random: () => 0.5,
    postResponse: async (_replyTo, xml) => {
      posts.push({ mRID: /<subject>([0-9A-F]+)<\/subject>/.exec(xml)?.[1] ?? '', status: Number(/<status>(\d+)<\/status>/.exec(xml)?.[1]) })
      return { ok: true }
    },
  })
  controls.start('restart')
  return controls
}

describe('change-following discovery (issue 20 item 1)', () => {
  it('walks a program assigned after start at the next FSA poll, and ends its event when it is withdrawn', async () => {
    const discovery = await runDiscovery({ transport: p.transport, dcapUrl: sim.dcapUrl, clock, ourLfdi: pki.devices[0]!.lfdi, mode: 'device' })
    expect(discovery.ok).toBe(true)
    expect(discovery.fsas).toEqual([])
    const posts: { mRID: string; status: number }[] = []
    const controls = controlsFor(posts)
    const changes: DiscoveryChange[] = []
    const polls: PollReport[] = []
    const ingest = (programs: ProgramView[]) => controls.ingestPrograms(snapshotFromProgramViews(programs, clock.now()))
    const polling = startClientPolling({ transport: p.transport, clock, discovery, random: () => 0.5, onSnapshot: ingest, onChange: (c) => changes.push(c), onPoll: (r) => polls.push(r) })
    const exp = () => controls.view().effective.find((e) => e.mode === 'expLimW')
    await runFor(clock, p, 10 * MIN, 5_000)
    expect(exp()).toMatchObject({ value: 1500, source: { kind: 'fixed' } })

    sim.scenario.programs.push(structuredClone(LATE))
    const assignedAt = clock.now()
    await runFor(clock, p, 6 * MIN, 5_000)
    // The FSA poll that first lists the FSA reads its programs at once (not a DERProgramList slot later).
    const fsaAdded = changes.find((c) => c.resource === 'FunctionSetAssignments' && c.added.length === 1)
    const programAdded = changes.find((c) => c.resource === 'DERProgram' && c.added.length === 1)
    expect(fsaAdded?.at).toBeGreaterThan(assignedAt)
    expect(fsaAdded?.at).toBeLessThanOrEqual(assignedAt + 5 * MIN)
    expect(programAdded?.at).toBe(fsaAdded?.at)
    expect(polling.programs().map((x) => x.description)).toEqual(['Assigned after commissioning'])
    expect(exp()).toMatchObject({ value: 2500, source: { kind: 'default' } })

    await runFor(clock, p, sim.startMs + 35 * MIN - clock.now(), 5_000)
    await controls.idle()
    expect(exp()).toMatchObject({ value: 800, source: { kind: 'event' } })
    const eventMrid = polling.programs()[0]?.events[0]?.mRID ?? ''
    expect(posts.filter((x) => x.mRID === eventMrid).map((x) => x.status)).toEqual([1, 2])

    sim.scenario.programs.splice(0, 1)
    const withdrawnAt = clock.now()
    await runFor(clock, p, 6 * MIN, 5_000)
    await controls.idle()
    const programRemoved = changes.find((c) => c.resource === 'DERProgram' && c.removed.length === 1)
    expect(programRemoved?.at).toBeGreaterThan(withdrawnAt)
    expect(exp()).toMatchObject({ value: 1500, source: { kind: 'fixed' } })
    expect(posts.filter((x) => x.mRID === eventMrid).map((x) => x.status)).toEqual([1, 2, 6])

    // The DERList is re-read at its pollRate (the simulator serves 301 s), not only at discovery.
    const derPolls = polls.filter((r) => r.name === 'DERList')
    expect(derPolls.length).toBeGreaterThanOrEqual(8)
    expect(derPolls.every((r) => r.ok && r.periodMs === 301_000)).toBe(true)
    polling.stop()
    controls.stop()
  }, 240_000)
})
