/**
 * The one site composition (issue 16 item 1) that the app engine and `run` share: the ramps follow the LIVE
 * DefaultDERControl's setGradW (handbook 11.3, CTL-5), the telemetry posts carry the handbook 13.1 random offset, and
 * the DER resources are PUT at start and every 300 s (handbook 10.2 table 2).
 */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import type { DiscoveryResult } from '../../src-shared/contract/server'
import { createControlsService } from '../controls/controls-service'
import { defaultControl, derControl, mrid, program } from '../controls/testing/documents'
import { memoryDb } from '../controls/testing/harness'
import type { Sep2Response, Sep2Result } from '../sep2/transport'
import { Sep2NotFoundError } from '../sep2/transport/errors'
import type { Sep2Poster } from '../telemetry'
import { createSiteLoop, POST_OFFSET_SPREAD_MS, startSiteReporting } from './site-services'

const T0 = Date.UTC(2026, 2, 2, 2, 0)
const T0_S = T0 / 1000

function controlsAt(clock: FakeClock) {
  const service = createControlsService({ db: memoryDb(), siteId: 's', clock, fixed: { expLimW: 2000, impLimW: 3000 }, capacityW: 10_000, lfdi: 'AB' })
  service.start('restart')
  return service
}

const poll = (setGradW: number) => ({
  polledAt: T0,
  programs: [
    program({
      href: '/derp/0',
      primacy: 1,
      dflt: defaultControl({ mRID: mrid(900 + setGradW), exportW: 1500, setGradW }),
      controls: [derControl({ mRID: mrid(1), start: T0_S + 600, duration: 600, exportW: 5000 })],
    }),
  ],
})

describe('the site loop (SITE-1, handbook 11.3)', () => {
  it('ramps at the live DefaultDERControl setGradW: a new default published after start applies at the next rebuild', () => {
    const clock = new FakeClock(T0)
    const controls = controlsAt(clock)
    controls.ingest(poll(50))
    const samples = { on: () => () => undefined }
    const loop = createSiteLoop({ clock, controls, capacityW: 10_000, fixed: { expLimW: 2000, impLimW: 3000 }, samples, inverters: [], batteries: [], limits: (base) => base })
    expect(loop.limits.at(T0).expLimW).toBe(1500)
    // setGradW 50 = 0.5 %/s of 10 kW = 50 W/s: 20 s into the 1500 -> 5000 W step the limit is 2500 W.
    expect(loop.limits.at(T0 + 620_000).expLimW).toBe(2500)
    controls.ingest({ ...poll(100), polledAt: clock.now() })
    loop.base.refresh(clock.now())
    expect(loop.setGradW()).toBe(100)
    // Now 100 W/s: 20 s into the step, 3500 W.
    expect(loop.limits.at(T0 + 620_000).expLimW).toBe(3500)
  })
})

function fakePoster() {
  const requests: { method: string; path: string; at: number }[] = []
  let clock: FakeClock | undefined
  const answer = (path: string, status: number, location?: string): Sep2Result<Sep2Response> => ({ ok: true, value: { url: path, status, headers: location ? { location } : {}, body: '', attempts: 1, ...(location ? { location } : {}) } })
  const poster: Sep2Poster = {
    get: async (path) => ({ ok: false, error: new Sep2NotFoundError({ url: path }) }),
    post: async (path) => {
      requests.push({ method: 'POST', path, at: clock?.now() ?? 0 })
      return answer(path, 201, `${path}/${requests.length}`)
    },
    put: async (path) => {
      requests.push({ method: 'PUT', path, at: clock?.now() ?? 0 })
      return answer(path, 204)
    },
  }
  return { poster, requests, useClock: (c: FakeClock) => (clock = c) }
}

const DISCOVERY: Pick<DiscoveryResult, 'links' | 'der'> = {
  links: { dcap: '/dcap', mupList: '/mup' },
  der: [{ href: '/der/1', statusHref: '/der/1/ders', capabilityHref: '/der/1/dercap', settingsHref: '/der/1/derg' }],
}

describe('the site reporting (TEL-1..TEL-5)', () => {
  it('draws the handbook 13.1 post offset once and PUTs the DER resources at start and every 300 s', async () => {
    const clock = new FakeClock(T0 - 10_000)
    const { poster, requests, useClock } = fakePoster()
    useClock(clock)
    const reporting = startSiteReporting({
      clock,
      db: memoryDb(),
      siteId: 's',
      poster,
      discovery: DISCOVERY,
      identity: { lfdi: 'AB'.repeat(20), pen: 57269, nmi: 'QB00000000' },
      inventory: [{ type: 4, rtgMaxW: 5000 }],
      controllableLoad: false,
      canDisconnect: true,
      phases: ['a'],
      utcOffsetS: 36_000,
      random: () => 0.4,
      log: () => undefined,
    })
    expect(reporting.postOffsetMs).toBe(0.4 * POST_OFFSET_SPREAD_MS)
    await clock.advanceAsync(590_000)
    reporting.stop()
    const capabilityPuts = requests.filter((r) => r.path === '/der/1/dercap').map((r) => r.at - (T0 - 10_000))
    expect(capabilityPuts).toEqual([0, 300_000])
    const before = requests.length
    await clock.advanceAsync(600_000)
    expect(requests).toHaveLength(before)
  })
})
