/** Issue 15 item 6: pending telemetry work is cancelled on stop – nothing is posted after it, the readings stay buffered. */
import { expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { readingPlan } from '../../src-shared/telemetry'
import type { Sep2Response, Sep2Result } from '../sep2/transport'
import { Sep2AbortedError } from '../sep2/transport/errors'
import { openMemoryDatabase } from '../storage/memory-database'
import type { Sep2Poster } from './ports'
import { TelemetryBuffer } from './telemetry-buffer'
import { createTelemetryService, TICK_GRACE_MS } from './telemetry-service'

const T0 = Date.UTC(2026, 0, 15, 2, 0)

it('stop() ends the post in flight and sends nothing more; the readings stay in the buffer', async () => {
  const clock = new FakeClock(T0)
  const db = openMemoryDatabase()
  const posts: { path: string; signal: AbortSignal }[] = []
  const held: Array<() => void> = []
  const answer = (path: string, status: number, location?: string): Sep2Result<Sep2Response> => ({ ok: true, value: { url: path, status, headers: {}, body: '', attempts: 1, ...(location ? { location } : {}) } })
  const poster: Sep2Poster = {
    get: async (path) => answer(path, 200),
    put: async (path) => answer(path, 204),
    post: (path, _body, options) => {
      // As the transport does: an aborted signal never reaches the wire.
      if (options.signal.aborted) return Promise.resolve({ ok: false, error: new Sep2AbortedError({ url: path }) })
      posts.push({ path, signal: options.signal })
      const location = path === '/mup' ? '/mup/1' : '/mup/1/mr/1'
      return new Promise((resolve) => held.push(() => resolve(answer(path, 201, location))))
    },
  }
  const buffer = new TelemetryBuffer(db, { siteId: 's', capacity: 100, clock })
  const plan = readingPlan({ scope: 'site', phases: ['a'], voltage: false, frequency: false })
  const service = createTelemetryService({ clock, poster, buffer, mupListHref: '/mup', identity: { lfdi: '01E0F2357FF85E4B7EE6C60ED43B22DF278F17E0', pen: 57269 }, plan, followServerPostRate: false })
  service.start()
  for (let t = 0; t < 300_000 + TICK_GRACE_MS; t += 1000) {
    clock.advance(1000)
    service.addSample({ t: clock.now(), site: { a: { w: -2000, var: 10 } } })
  }
  await clock.advanceAsync(0)
  expect(posts).toHaveLength(1)
  const buffered = buffer.depth().readings
  expect(buffered).toBeGreaterThan(0)
  service.stop()
  expect(posts[0]?.signal.aborted).toBe(true)
  for (let i = 0; i < 5; i++) {
    held.splice(0).forEach((release) => release())
    await clock.advanceAsync(120_000)
  }
  expect(posts).toHaveLength(1)
  expect(buffer.depth().readings).toBe(buffered)
})
