/**
 * handbook 11.2 / ALL-30 for `run --config`: a start in a new machine boot (the machine was off: a power outage) is a
 * power-outage start – stored controls discarded, the default applied, every program read again – and a process
 * restart in the same boot continues. The boot is injected; the decision and its record are the real ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { openDatabase } from '../storage/database'
import { startDemoSimulators, type DemoSimulators } from './demo-run'
import { startHeadlessRun } from './headless-run'

const T0 = Date.UTC(2026, 0, 15, 2, 0)

describe('run: the start reason follows the machine boot', { timeout: 120_000 }, () => {
  const clock = new FakeClock(T0)
  let demo: DemoSimulators

  beforeAll(async () => {
    demo = await startDemoSimulators({ clock, utilityScenario: 'figure6' })
  })
  afterAll(async () => {
    await demo?.close()
  })

  async function startOnBoot(bootId: string): Promise<string[]> {
    const log: string[] = []
    const started = await startHeadlessRun({ config: demo.config, clock, signal: new AbortController().signal, onStatus: () => undefined, log: (l) => log.push(l), random: () => 0, boot: { bootId, bootTimeMs: 0 } })
    if (!started.ok) throw new Error(started.error.message)
    await started.value.stop()
    return log.filter((l) => l.startsWith('start reason:'))
  }

  it('first start and a restart in the same boot continue; a new boot discards the stored controls first', async () => {
    expect(await startOnBoot('boot-1')).toEqual([expect.stringMatching(/^start reason: restart – no earlier start/)])
    expect(await startOnBoot('boot-1')).toEqual([expect.stringMatching(/^start reason: restart – same machine boot/)])
    // An event stored by the last run but no longer on the server: only a power-outage start removes it.
    const db = openDatabase(demo.config.dataDirPath)
    const stale = 'FF'.repeat(16)
    expect(db.prepare('UPDATE controls_events SET mrid = ? WHERE rowid = (SELECT min(rowid) FROM controls_events)').run(stale).changes).toBe(1)
    db.close()
    expect(await startOnBoot('boot-2')).toEqual([expect.stringMatching(/^start reason: power-outage – the machine has booted/)])
    const after = openDatabase(demo.config.dataDirPath)
    const mrids = (after.prepare('SELECT mrid FROM controls_events').all() as { mrid: string }[]).map((r) => r.mrid)
    after.close()
    expect(mrids).not.toContain(stale)
    expect(await startOnBoot('boot-2')).toEqual([expect.stringMatching(/^start reason: restart/)])
  })
})
