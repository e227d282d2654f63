/**
 * A program the server stops listing (issue 20 item 1): its default no longer applies; its running event ends at that
 * poll with its responses (started, then cancelled: handbook 10.5.3 table 3), its future event is answered cancelled,
 * and the program itself is forgotten once nothing of it is left.
 */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { createControlsService } from './controls-service'
import { defaultControl, derControl, mrid, program } from './testing/documents'
import { memoryDb } from './testing/harness'

const T0 = Date.UTC(2026, 2, 2)
const T0_S = T0 / 1000

describe('controls service: a removed program', () => {
  it('ends its events with responses, drops its default, and keeps the other program', async () => {
    const clock = new FakeClock(T0)
    const posts: { mRID: string; status: number }[] = []
    const service = createControlsService({
      db: memoryDb(),
      siteId: 's',
      clock,
      fixed: { expLimW: 2000, impLimW: 3000 },
      capacityW: 10_000,
      lfdi: 'AB',
      random: () => 0.5,
      postResponse: async (_replyTo, xml) => {
        posts.push({ mRID: /<subject>([0-9A-F]+)<\/subject>/.exec(xml)?.[1] ?? '', status: Number(/<status>(\d+)<\/status>/.exec(xml)?.[1]) })
        return { ok: true }
      },
    })
    service.start('restart')
    const running = derControl({ mRID: mrid(1), start: T0_S + 60, duration: 3600, exportW: 700, replyTo: '/rsp', responseRequired: 3 })
    const later = derControl({ mRID: mrid(2), start: T0_S + 7200, duration: 600, exportW: 300, replyTo: '/rsp', responseRequired: 3 })
    const a = program({ href: '/derp/a', primacy: 1, dflt: defaultControl({ mRID: mrid(900), exportW: 1000 }), controls: [running, later] })
    const b = program({ href: '/derp/b', primacy: 2, dflt: defaultControl({ mRID: mrid(901), exportW: 4000 }), controls: [] })
    service.ingest({ polledAt: T0, programs: [a, b] })
    await clock.advanceAsync(600_000, () => service.idle())
    const exp = () => service.view().effective.find((e) => e.mode === 'expLimW')
    expect(exp()).toMatchObject({ value: 700, source: { kind: 'event' } })

    service.ingest({ polledAt: clock.now(), programs: [b] })
    await clock.advanceAsync(1000, () => service.idle())
    // Program b's default now, not a's (withdrawn) nor a's event.
    expect(exp()).toMatchObject({ value: 4000, source: { kind: 'default' } })
    const of = (m: string) => posts.filter((p) => p.mRID === m).map((p) => p.status)
    expect(of(mrid(1))).toEqual([1, 2, 6])
    expect(of(mrid(2))).toEqual([1, 6])

    // Once its events are pruned (a day after their end) the next poll forgets the program.
    await clock.advanceAsync(28 * 3600_000, () => service.idle())
    service.ingest({ polledAt: clock.now(), programs: [b] })
    expect(service.store.listPrograms().map((p) => p.href)).toEqual(['/derp/b'])
  })
})
