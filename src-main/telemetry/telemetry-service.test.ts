import { Database } from '../storage/sqlite'
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { readingPlan } from '../../src-shared/telemetry'
import { Sep2HttpStatusError, type Sep2Response, type Sep2Result } from '../sep2/transport'
import { migrate } from '../storage/migrations'
import type { Sep2Poster } from './ports'
import { TelemetryBuffer } from './telemetry-buffer'
import { createTelemetryService, TICK_GRACE_MS } from './telemetry-service'

const T0 = Date.UTC(2026, 0, 15, 2, 0)
const LFDI = '01E0F2357FF85E4B7EE6C60ED43B22DF278F17E0'

function setup(options: { postOffsetMs?: number; rejectReadings?: boolean } = {}) {
  const clock = new FakeClock(T0)
  const db = new Database(':memory:')
  migrate(db)
  const posts: { path: string; at: number }[] = []
  const answer = (path: string, status: number, location?: string): Sep2Result<Sep2Response> => ({
    ok: true,
    value: { url: path, status, headers: {}, body: '', attempts: 1, ...(location ? { location } : {}) },
  })
  const poster: Sep2Poster = {
    get: async (path) => answer(path, 200),
    put: async (path) => answer(path, 204),
    post: async (path) => {
      posts.push({ path, at: clock.now() })
      if (path === '/mup') return answer(path, 201, '/mup/1')
      if (options.rejectReadings) return { ok: false, error: new Sep2HttpStatusError({ url: path, status: 400 }) }
      return answer(path, 201, '/mup/1/mr/1')
    },
  }
  const buffer = new TelemetryBuffer(db, { siteId: 's', capacity: 100, clock })
  const service = createTelemetryService({
    clock,
    poster,
    buffer,
    mupListHref: '/mup',
    identity: { lfdi: LFDI, pen: 57269 },
    plan: readingPlan({ scope: 'site', phases: ['a'], voltage: false, frequency: false }),
    followServerPostRate: false,
    ...(options.postOffsetMs !== undefined ? { postOffsetMs: options.postOffsetMs } : {}),
  })
  const feed = (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      clock.advance(1000)
      service.addSample({ t: clock.now(), site: { a: { w: -2000, var: 10 } } })
    }
  }
  return { clock, service, posts, feed, buffer }
}

describe('telemetry service timing and refusals', () => {
  it('posts after the tick plus its offset, the offset capped at half the post rate (handbook 13.1)', async () => {
    const { service, posts, feed } = setup({ postOffsetMs: 400_000 })
    service.start()
    feed(300_000 + TICK_GRACE_MS + 150_000 - 1000)
    await Promise.resolve()
    expect(posts).toEqual([])
    feed(1000)
    await service.flush()
    expect(posts.map((p) => p.path)).toEqual(['/mup', '/mup/1', '/mup/1'])
    expect(posts[0]?.at).toBe(T0 + 300_000 + TICK_GRACE_MS + 150_000)
    service.stop()
  })

  it('refuses a post rate that does not divide a day, and keeps the old one', () => {
    const { service } = setup()
    const r = service.setPostRate(301)
    expect(r.ok).toBe(false)
    expect(service.currentPostRateS()).toBe(300)
    expect(service.setPostRate(60).ok).toBe(true)
    expect(service.currentPostRateS()).toBe(60)
  })

  it('a reading the server refuses (400) is dropped and reported, so it cannot block the queue', async () => {
    const { service, feed, buffer } = setup({ rejectReadings: true })
    const rejected: string[] = []
    service.on('rejected', (e) => rejected.push(`${e.readingKey} ${e.error.code}`))
    service.start()
    feed(300_000 + TICK_GRACE_MS)
    await service.flush()
    expect(rejected).toEqual(['site.a.w.average SEP2_HTTP_STATUS', 'site.a.var.average SEP2_HTTP_STATUS'])
    expect(buffer.depth().readings).toBe(0)
    service.stop()
  })
})
