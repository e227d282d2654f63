/** The controls service without a network: withdrawals, link state, pruning, the view (CTL-2, CTL-3, CTL-6, APP-2). */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { createControlsService } from './controls-service'
import { defaultControl, derControl, mrid, program } from './testing/documents'
import { memoryDb } from './testing/harness'

const T0 = Date.UTC(2026, 2, 2)
const T0_S = T0 / 1000
const DFLT = defaultControl({ mRID: mrid(999), exportW: 1500, importW: 4000, setGradW: 50 })

function rig() {
  const clock = new FakeClock(T0)
  const posts: { status: number }[] = []
  const changes: number[] = []
  const service = createControlsService({
    db: memoryDb(),
    siteId: 's',
    clock,
    fixed: { expLimW: 2000, impLimW: 3000 },
    capacityW: 10_000,
    lfdi: 'AB',
    random: () => 0.5,
    postResponse: async (_replyTo, xml) => {
      posts.push({ status: Number(/<status>(\d+)<\/status>/.exec(xml)?.[1]) })
      return { ok: true }
    },
    onChanged: (c) => changes.push(c.now),
  })
  service.start('restart')
  return { clock, service, posts, changes }
}

const exp = (s: ReturnType<typeof rig>['service']) => s.view().effective.find((e) => e.mode === 'expLimW')

describe('controls service', () => {
  it('an event withdrawn from the list mid-event (no Cancelled status) stops, falls to the default and is answered 6', async () => {
    const { clock, service, posts } = rig()
    const ev = derControl({ mRID: mrid(1), start: T0_S + 60, duration: 3600, exportW: 7000, replyTo: '/rsp', responseRequired: 3 })
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, dflt: DFLT, controls: [ev] })] })
    await clock.advanceAsync(600_000, () => service.idle())
    expect(exp(service)).toMatchObject({ value: 7000, source: { kind: 'event' } })
    service.ingest({ polledAt: clock.now(), programs: [program({ href: '/derp/0', primacy: 1, dflt: DFLT, controls: [] })] })
    await clock.advanceAsync(1000, () => service.idle())
    expect(exp(service)).toMatchObject({ value: 1500, source: { kind: 'default' } })
    expect(posts.map((p) => p.status)).toEqual([1, 2, 6])
    expect(service.view().events[0]?.missingSince).toBe(T0 + 600_000)
  })

  it('CTL-7: before any poll the fixed limits apply; a lost link is shown and the stored schedule keeps running', async () => {
    const { clock, service } = rig()
    expect(service.view().link).toEqual({ state: 'never-polled' })
    expect(exp(service)).toMatchObject({ value: 2000, source: { kind: 'fixed' } })
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [derControl({ mRID: mrid(2), start: T0_S + 60, duration: 600, exportW: 800 })] })] })
    service.noteLinkLost('HTTP 503')
    await clock.advanceAsync(120_000, () => service.idle())
    expect(service.view().link).toEqual({ state: 'lost', lastPollAt: T0, since: T0, reason: 'HTTP 503' })
    expect(exp(service)).toMatchObject({ value: 800, source: { kind: 'event' } })
  })

  it('forgets events a day after they ended, keeping the responses sent', async () => {
    const { clock, service } = rig()
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [derControl({ mRID: mrid(3), start: T0_S + 60, duration: 60, exportW: 1, replyTo: '/rsp', responseRequired: 1 })] })] })
    await clock.advanceAsync(3600_000, () => service.idle())
    expect(service.store.listEvents()).toHaveLength(1)
    await clock.advanceAsync(25 * 3600_000, () => service.idle())
    expect(service.store.listEvents()).toHaveLength(0)
    expect(service.store.responses().map((r) => [r.mRID, r.status])).toEqual([[mrid(3), 1]])
  })

  it('the view: chart in W with gaps for "no limit", reference lines, the ramp inputs, and limits.changed at each change', async () => {
    const { clock, service, changes } = rig()
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, dflt: DFLT, controls: [derControl({ mRID: mrid(4), start: T0_S + 600, duration: 600, exportW: 5000, genW: 3000 })] })] })
    const v = service.view()
    expect(v.references).toEqual({ fixedExpW: 2000, fixedImpW: 3000, defaultExpW: 1500, defaultImpW: 4000 })
    expect(v.ramp).toEqual({ capacityW: 10_000, setGradW: 50 })
    expect(v.effective.find((e) => e.mode === 'genLimW')).toMatchObject({ value: 'unlimited', text: 'unlimited' })
    const at = (ms: number) => v.chart.find((p) => p.at === ms)
    expect(at(T0)).toMatchObject({ expLimW: 1500, impLimW: 4000, genLimW: null, loadLimW: null, expRampedW: 1500 })
    expect(at(T0 + 600_000)).toMatchObject({ expLimW: 5000, genLimW: 3000, expRampedW: 1500 })
    // setGradW 50 = 0.5 %/s of 10 kW = 50 W/s: 1500 -> 5000 W takes 70 s.
    expect(at(T0 + 670_000)).toMatchObject({ expLimW: 5000, expRampedW: 5000 })
    expect(v.chart.find((p) => p.at === T0 + 900_000)?.expRampedW).toBe(5000)
    expect(v.nextChangeAt).toBe(T0 + 600_000)
    const before = changes.length
    await clock.advanceAsync(700_000, () => service.idle())
    expect(changes.length).toBeGreaterThan(before)
  })
})
