/** Test harness: a controls service fed by real polls of the test server over mutual TLS, on a FakeClock. */
import { Database } from '../../storage/sqlite'
import type { FakeClock, TimerId } from '../../../src-shared/clock'
import type { TestPki } from '../../pki'
import { createSep2Transport, type Sep2Transport } from '../../sep2/transport'
import type { Db } from '../../storage/database'
import { migrate } from '../../storage/migrations'
import { createControlsService, type ControlsService, type ControlsServiceOptions, type StartReason } from '../controls-service'
import { fetchPrograms } from '../fetch-programs'
import type { PostResponse } from '../responses'
import type { ControlsServer } from './controls-server'

/** handbook 10.2 table 2: the default poll period. */
export const POLL_MS = 300_000

export function memoryDb(): Db {
  const db = new Database(':memory:')
  migrate(db)
  return db
}

export function testTransport(pki: TestPki, url: string, clock: FakeClock): Sep2Transport {
  const device = pki.devices[0]
  if (!device) throw new Error('test PKI without a device')
  return createSep2Transport({ baseUrl: url, clientCert: device.chainPem, clientKey: device.keyPem, trustAnchors: [pki.sercaPem], checkHostname: true, clock, random: () => 0.5 })
}

export function transportPoster(transport: Sep2Transport): PostResponse {
  return async (replyTo, xml) => {
    const res = await transport.post(replyTo, xml, { signal: AbortSignal.timeout(10_000), periodMs: 60_000 })
    if (!res.ok) return { ok: false, error: `${res.error.code}: ${res.error.message}` }
    if (res.value.status < 200 || res.value.status > 299) return { ok: false, error: `HTTP ${res.value.status}` }
    return res.value.location === undefined ? { ok: true } : { ok: true, location: res.value.location }
  }
}

export interface Rig {
  service: ControlsService
  repolls: number
  poll(): Promise<void>
  /** Advance the fake clock, polling every POLL_MS, letting each poll and response POST finish before time moves. */
  run(ms: number): Promise<void>
  stop(): void
}

export interface RigOptions {
  db: Db
  clock: FakeClock
  server: ControlsServer
  transport: Sep2Transport
  lfdi: string
  random?: () => number
  fixed?: ControlsServiceOptions['fixed']
  polling?: boolean
  start: StartReason
}

export function startRig(o: RigOptions): Rig {
  let inFlight: Promise<void> = Promise.resolve()
  let pollTimer: TimerId | undefined
  let polling = o.polling ?? true
  const rig: Rig = {
    repolls: 0,
    service: createControlsService({
      db: o.db,
      siteId: 'site-1',
      clock: o.clock,
      fixed: o.fixed ?? { expLimW: 5000, impLimW: 8000 },
      capacityW: 10_000,
      lfdi: o.lfdi,
      postResponse: transportPoster(o.transport),
      random: o.random ?? (() => 0.5),
      onRepollRequested: () => {
        rig.repolls++
        inFlight = inFlight.then(() => rig.poll())
      },
    }),
    async poll() {
      const snap = await fetchPrograms({ transport: o.transport, dcapPath: '/dcap', lfdi: o.lfdi, signal: AbortSignal.timeout(10_000), now: () => o.clock.now() })
      if (snap.ok) rig.service.ingest(snap.value)
      else rig.service.noteLinkLost(snap.error.message)
      await rig.service.idle()
    },
    async run(ms) {
      await o.clock.advanceAsync(ms, async () => {
        await inFlight
        await rig.service.idle()
      })
    },
    stop() {
      polling = false
      if (pollTimer !== undefined) o.clock.clearTimeout(pollTimer)
      rig.service.stop()
    },
  }
  const schedule = (): void => {
    if (!polling) return
    pollTimer = o.clock.setTimeout(() => {
      inFlight = inFlight.then(() => rig.poll()).then(schedule)
    }, POLL_MS)
  }
  rig.service.start(o.start)
  schedule()
  return rig
}
