/** DERControlResponses (CTL-4, handbook table 3): once per (event, status), retried, Location kept, abandoned after the event. */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { parseSep2 } from '../sep2/xml'
import { createControlsService } from './controls-service'
import { responseXml, RESPONSE_GRACE_AFTER_END_MS, RESPONSE_RETRY_MS, type PostOutcome } from './responses'
import { derControl, mrid, program } from './testing/documents'
import { memoryDb } from './testing/harness'

const T0 = Date.UTC(2026, 2, 2)
const LFDI = '4075DE6031E562ACF4D9EAA765A5B2ED00057269'

describe('responseXml', () => {
  it('is a DERControlResponse like the Annex D examples: createdDateTime, endDeviceLFDI, status, subject = event mRID', () => {
    const parsed = parseSep2(responseXml({ mRID: 'B449BA6254B54629824DD5A8483FDC85', status: 1, lfdi: LFDI, at: 1682475000_000 }), 'DERControlResponse')
    expect(parsed.ok && parsed.value.doc).toEqual({ createdDateTime: 1682475000, endDeviceLFDI: LFDI, status: 1, subject: 'B449BA6254B54629824DD5A8483FDC85' })
  })
})

function rig(outcomes: PostOutcome[]) {
  const clock = new FakeClock(T0)
  const posts: { at: number; replyTo: string; status: number }[] = []
  const service = createControlsService({
    db: memoryDb(),
    siteId: 's',
    clock,
    fixed: { expLimW: 5000, impLimW: 5000 },
    capacityW: 10_000,
    lfdi: LFDI,
    random: () => 0,
    postResponse: async (replyTo, xml) => {
      const doc = parseSep2(xml, 'DERControlResponse')
      posts.push({ at: clock.now(), replyTo, status: doc.ok ? (doc.value.doc.status ?? -1) : -1 })
      return outcomes.shift() ?? { ok: true, location: `/rsp/${posts.length}` }
    },
  })
  service.start('restart')
  return { clock, service, posts }
}

const settle = (service: { idle(): Promise<void> }) => async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
  await service.idle()
}

describe('responses', () => {
  it('sends nothing when responseRequired is 0 or absent, even with a replyTo', async () => {
    const { clock, service, posts } = rig([])
    const start = T0 / 1000 + 60
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [derControl({ mRID: mrid(1), start, duration: 60, exportW: 1, replyTo: '/rsp', responseRequired: 0 })] })] })
    await clock.advanceAsync(600_000, settle(service))
    expect(posts).toEqual([])
  })

  it('retries a refused response every RESPONSE_RETRY_MS until accepted and keeps the 201 Location', async () => {
    const { clock, service, posts } = rig([{ ok: false, error: 'HTTP 503' }, { ok: false, error: 'HTTP 503' }])
    const start = T0 / 1000 + 3600
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [derControl({ mRID: mrid(2), start, duration: 600, exportW: 1, replyTo: '/rsp', responseRequired: 1 })] })] })
    await clock.advanceAsync(10 * RESPONSE_RETRY_MS, settle(service))
    expect(posts.map((p) => [p.at - T0, p.status])).toEqual([
      [0, 1],
      [RESPONSE_RETRY_MS, 1],
      [2 * RESPONSE_RETRY_MS, 1],
    ])
    const sent = service.view().events[0]?.responses
    expect(sent).toEqual([{ status: 1, kind: 'received', state: 'accepted', firstTriedAt: T0, acceptedAt: T0 + 2 * RESPONSE_RETRY_MS, attempts: 3, location: '/rsp/3' }])
  })

  it('gives up once the event is over (plus one poll period for responses due at the end)', async () => {
    const refuse: PostOutcome[] = Array.from({ length: 100 }, () => ({ ok: false, error: 'HTTP 500' }))
    const { clock, service, posts } = rig(refuse)
    const start = T0 / 1000 + 60
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [derControl({ mRID: mrid(3), start, duration: 120, exportW: 1, replyTo: '/rsp', responseRequired: 1 })] })] })
    await clock.advanceAsync(3600_000, settle(service))
    const end = (start + 120) * 1000
    expect(Math.max(...posts.map((p) => p.at))).toBeLessThan(end + RESPONSE_GRACE_AFTER_END_MS)
    expect(service.view().events[0]?.responses[0]?.state).toBe('abandoned')
    const count = posts.length
    await clock.advanceAsync(3600_000, settle(service))
    expect(posts.length).toBe(count)
  })
})

describe('Superseded (7) responses (handbook 12 figure 10; cactus ALL-18 (q-s), GEN-10 (e-g))', () => {
  const statusesOf = (posts: { replyTo: string; status: number }[], replyTo: string) => posts.filter((p) => p.replyTo === replyTo).map((p) => p.status)

  it('a newer event of the same program overlapping an older one: the older is answered 7, never 3, and does not resume', async () => {
    const { clock, service, posts } = rig([])
    const start = T0 / 1000 + 600
    const older = derControl({ mRID: mrid(4), creationTime: T0 / 1000 - 10, start, duration: 600, exportW: 20_000, replyTo: '/rsp/old', responseRequired: 3 })
    const newer = derControl({ mRID: mrid(5), creationTime: T0 / 1000, start, duration: 60, exportW: 0, replyTo: '/rsp/new', responseRequired: 3 })
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 0, controls: [older] })] })
    await clock.advanceAsync(60_000, settle(service))
    service.ingest({ polledAt: clock.now(), programs: [program({ href: '/derp/0', primacy: 0, controls: [older, newer] })] })
    await clock.advanceAsync(1800_000, settle(service))
    expect(statusesOf(posts, '/rsp/old')).toEqual([1, 7])
    expect(statusesOf(posts, '/rsp/new')).toEqual([1, 2, 3])
  })

  it("a higher-primacy event that outlasts a running one ('resume'): the running one is answered 2, then 7", async () => {
    const { clock, service, posts } = rig([])
    const start = T0 / 1000 + 60
    const low = derControl({ mRID: mrid(6), start, duration: 600, exportW: 20_000, replyTo: '/rsp/low', responseRequired: 3 })
    const high = derControl({ mRID: mrid(7), start: start + 60, duration: 840, exportW: 0, replyTo: '/rsp/high', responseRequired: 3 })
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/6', primacy: 2, controls: [low] })] })
    await clock.advanceAsync(90_000, settle(service))
    service.ingest({ polledAt: clock.now(), programs: [program({ href: '/derp/6', primacy: 2, controls: [low] }), program({ href: '/derp/1', primacy: 1, controls: [high] })] })
    await clock.advanceAsync(1800_000, settle(service))
    expect(statusesOf(posts, '/rsp/low')).toEqual([1, 2, 7])
    expect(posts.find((p) => p.replyTo === '/rsp/low' && p.status === 7)?.at).toBe((start + 60) * 1000)
  })
})
