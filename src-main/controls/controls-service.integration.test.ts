/**
 * The controls service against a mutual-TLS server under the FakeClock (CTL-2, CTL-4, CTL-6, CTL-7; handbook 10.5.3
 * table 3, 11.1, 11.2; CSIP-AUS ALL-21, ALL-30, GEN-09). Polls and DERControlResponses go over real TLS on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { generateTestPki, type TestPki } from '../pki'
import type { Sep2Transport } from '../sep2/transport'
import { startControlsServer, RESPONSE_PATH, type ControlsServer, type PostedResponse } from './testing/controls-server'
import { defaultControl, derControl, mrid, program, type ControlSpec } from './testing/documents'
import { memoryDb, POLL_MS, startRig, testTransport } from './testing/harness'

const T0 = Date.UTC(2026, 2, 2, 0, 0, 0) // 2026-03-02 00:00 UTC
const T0_S = T0 / 1000
const MIN = 60_000

let pki: TestPki
let clock: FakeClock
let ctl: ControlsServer
let transport: Sep2Transport
let lfdi: string

beforeAll(async () => {
  pki = await generateTestPki({ now: new Date() })
  lfdi = pki.devices[0]?.lfdi ?? ''
  clock = new FakeClock(T0)
  ctl = await startControlsServer({ model: { lfdi, programs: [] }, clock, serverCert: pki.server.chainPem, serverKey: pki.server.keyPem, caCerts: [pki.sercaPem] })
  transport = testTransport(pki, ctl.server.url, clock)
}, 30_000)

afterAll(async () => {
  await transport.close()
  await ctl.server.close()
})

/** Responses per event mRID, in the order the server received them. */
function byEvent(posted: PostedResponse[], since: number): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const p of posted.filter((x) => x.at >= since)) out.set(p.subject, [...(out.get(p.subject) ?? []), p.status])
  return out
}

const asked = (spec: Omit<ControlSpec, 'replyTo' | 'responseRequired'>): ControlSpec => ({ ...spec, replyTo: RESPONSE_PATH, responseRequired: 3 })
const DEFAULT = defaultControl({ mRID: 'D0000000000000000000000000000001', exportW: 1500 })

function publish(controls: ControlSpec[], opts: { dflt?: boolean } = {}): void {
  ctl.model.programs = [program({ href: '/derp/0', primacy: 1, ...(opts.dflt === false ? {} : { dflt: DEFAULT }), controls: controls.map(derControl) })]
}

function freshRig(start: 'restart' | 'power-outage' = 'restart', db = memoryDb(), random?: () => number) {
  return { db, rig: startRig({ db, clock, server: ctl, transport, lfdi, start, ...(random ? { random } : {}) }) }
}

const effective = (rig: ReturnType<typeof freshRig>['rig'], mode: 'expLimW' | 'impLimW') => {
  const e = rig.service.view().effective.find((x) => x.mode === mode)
  return { value: e?.value, source: e?.source.kind, mRID: e?.source.kind === 'event' ? e.source.mRID : undefined }
}

describe('controls service against a server (FakeClock, mutual TLS)', () => {
  it('ALL-21: 24 back-to-back one-minute controls are each answered 1, 2, 3 exactly once, in that order', async () => {
    const since = clock.now()
    const first = clock.now() / 1000 + 120
    publish(Array.from({ length: 24 }, (_, i) => asked({ mRID: mrid(100 + i), start: first + 60 * i, duration: 60, exportW: 2000 + 100 * i })))
    const { rig } = freshRig()
    await rig.poll()
    await rig.run(2 * MIN + 30_000)
    expect(effective(rig, 'expLimW')).toEqual({ value: 2000, source: 'event', mRID: mrid(100) })
    await rig.run(30 * MIN)
    rig.stop()
    // Every response was accepted and its 201 Location kept (CTL-4).
    const stored = rig.service.store.responses().filter((r) => r.firstTriedAt >= since)
    expect(stored).toHaveLength(72)
    expect(stored.every((r) => r.state === 'accepted' && /^\/rsp\/\d+$/.test(r.location ?? ''))).toBe(true)
    const got = byEvent(ctl.posted(), since)
    expect(got.size).toBe(24)
    for (let i = 0; i < 24; i++) expect(got.get(mrid(100 + i)), `event ${i}`).toEqual([1, 2, 3])
    // Each "started" is posted when its minute begins (no randomisation): within the tick, not a poll period later.
    const started = ctl.posted().filter((p) => p.at >= since && p.status === 2)
    started.forEach((p, i) => expect(p.at).toBe((first + 60 * i) * 1000))
    // Every response names this client (Annex D: endDeviceLFDI, subject = the event mRID).
    expect(new Set(ctl.posted().map((p) => p.endDeviceLFDI))).toEqual(new Set([lfdi]))
  }, 60_000)

  it('an event the server stops listing once it is over completes normally (3, never 6)', async () => {
    const since = clock.now()
    // Each event ends 30 s before a poll (polls every 300 s from now): the poll that no longer lists it comes while
    // the event is still within the scheduler's look-back, which is when a "vanished" reading would answer 6.
    const first = clock.now() / 1000 + 270
    ctl.model.dropEnded = true
    publish(Array.from({ length: 6 }, (_, i) => asked({ mRID: mrid(150 + i), start: first + 300 * i, duration: 300, exportW: 2500 })))
    const { rig } = freshRig()
    await rig.poll()
    await rig.run(60 * MIN)
    rig.stop()
    ctl.model.dropEnded = false
    const got = byEvent(ctl.posted(), since)
    for (let i = 0; i < 6; i++) expect(got.get(mrid(150 + i)), `event ${i}`).toEqual([1, 2, 3])
  }, 60_000)

  it('GEN-09: a cancelled control falls back to the default and is answered 6 once', async () => {
    const since = clock.now()
    const now = clock.now() / 1000
    const spec = asked({ mRID: mrid(200), start: now + 60, duration: 3600, exportW: 8000 })
    publish([spec])
    const { rig } = freshRig()
    await rig.poll()
    await rig.run(10 * MIN)
    expect(effective(rig, 'expLimW')).toEqual({ value: 8000, source: 'event', mRID: mrid(200) })
    publish([{ ...spec, status: 2 }])
    await rig.run(POLL_MS)
    expect(effective(rig, 'expLimW')).toEqual({ value: 1500, source: 'default', mRID: undefined })
    await rig.run(30 * MIN)
    rig.stop()
    expect(byEvent(ctl.posted(), since).get(mrid(200))).toEqual([1, 2, 6])
  }, 60_000)

  it('CTL-6 / handbook 11.1: in a communications outage stored events run out, then the default, then the fixed limits', async () => {
    const now = clock.now() / 1000
    publish([asked({ mRID: mrid(300), start: now + 60, duration: 1800, exportW: 7000 }), asked({ mRID: mrid(301), start: now + 1860, duration: 1800, exportW: 6000 })])
    const { rig } = freshRig()
    await rig.poll()
    await ctl.server.down()
    await rig.run(20 * MIN)
    expect(rig.service.view().link.state).toBe('lost')
    expect(effective(rig, 'expLimW')).toEqual({ value: 7000, source: 'event', mRID: mrid(300) })
    await rig.run(30 * MIN)
    expect(effective(rig, 'expLimW')).toEqual({ value: 6000, source: 'event', mRID: mrid(301) })
    await rig.run(20 * MIN)
    // Exhausted: the stored default for the mode it sets, the connection agreement's fixed limit for the others.
    expect(effective(rig, 'expLimW')).toEqual({ value: 1500, source: 'default', mRID: undefined })
    expect(effective(rig, 'impLimW')).toEqual({ value: 8000, source: 'fixed', mRID: undefined })
    rig.stop()
    await ctl.server.up()
  }, 60_000)

  it('CTL-7 / handbook 11.4: no default published, or never registered: the fixed limits', async () => {
    publish([], { dflt: false })
    const { rig } = freshRig()
    expect(effective(rig, 'expLimW')).toEqual({ value: 5000, source: 'fixed', mRID: undefined })
    await rig.poll()
    expect(rig.service.view().link.state).toBe('online')
    expect(effective(rig, 'expLimW')).toEqual({ value: 5000, source: 'fixed', mRID: undefined })
    rig.stop()
  }, 60_000)

  it('handbook 11.2: a restart after a power outage discards stored controls, applies the default and re-polls', async () => {
    const since = clock.now()
    const now = clock.now() / 1000
    const spec = asked({ mRID: mrid(400), start: now + 60, duration: 3600, exportW: 9000 })
    publish([spec])
    const first = freshRig()
    await first.rig.poll()
    await first.rig.run(5 * MIN)
    expect(effective(first.rig, 'expLimW').value).toBe(9000)
    first.rig.stop()
    // While the power was out the utility withdrew nothing, but the client must not trust what it stored.
    await ctl.server.down()
    const second = freshRig('power-outage', first.db)
    expect(second.rig.repolls).toBe(1)
    expect(second.rig.service.store.listEvents()).toEqual([])
    expect(effective(second.rig, 'expLimW')).toEqual({ value: 1500, source: 'default', mRID: undefined })
    await second.rig.run(1000)
    await ctl.server.up()
    await second.rig.poll()
    expect(effective(second.rig, 'expLimW')).toEqual({ value: 9000, source: 'event', mRID: mrid(400) })
    second.rig.stop()
    // Responses already sent are not sent again after the re-poll.
    expect(byEvent(ctl.posted(), since).get(mrid(400))).toEqual([1, 2])
  }, 60_000)

  it('ALL-30: an ordinary restart mid-event continues the schedule without duplicate responses', async () => {
    const since = clock.now()
    const now = clock.now() / 1000
    publish([asked({ mRID: mrid(500), start: now + 60, duration: 1200, exportW: 4000 })])
    const first = freshRig()
    await first.rig.poll()
    await first.rig.run(5 * MIN)
    first.rig.stop()
    await ctl.server.down()
    const second = freshRig('restart', first.db)
    expect(second.rig.repolls).toBe(0)
    expect(effective(second.rig, 'expLimW')).toEqual({ value: 4000, source: 'event', mRID: mrid(500) })
    await ctl.server.up()
    await second.rig.run(25 * MIN)
    second.rig.stop()
    expect(byEvent(ctl.posted(), since).get(mrid(500))).toEqual([1, 2, 3])
  }, 60_000)

  it('CTL-2: randomizeStart (positive and negative) is drawn once, within bounds, and stays the same across a restart', async () => {
    const now = clock.now() / 1000
    const start = now + 600
    publish([
      { mRID: mrid(600), start, duration: 300, exportW: 3000, randomizeStart: 120 },
      { mRID: mrid(601), start: start + 1200, duration: 300, exportW: 3500, randomizeStart: -120 },
    ])
    const first = freshRig('restart', memoryDb(), () => 0.75)
    await first.rig.poll()
    const before = first.rig.service.view().events.map((e) => [e.mRID, e.effectiveStart])
    expect(before).toEqual([
      [mrid(600), (start + 90) * 1000],
      [mrid(601), (start + 1200 - 90) * 1000],
    ])
    first.rig.stop()
    const second = freshRig('restart', first.db, () => 0.1)
    await second.rig.poll()
    expect(second.rig.service.view().events.map((e) => [e.mRID, e.effectiveStart])).toEqual(before)
    second.rig.stop()
  }, 60_000)
  it('table 3 over a simulated day: a 58-event forecast, one superseded, one cancelled, each answered as required', async () => {
    const since = clock.now()
    const base = Math.ceil(clock.now() / 1000 / 300) * 300 + 300
    // handbook 10.5.1 / 10.9: 12 x 5 min, then 46 x 30 min.
    const forecast: ControlSpec[] = []
    for (let i = 0; i < 58; i++) {
      const start = i < 12 ? base + 300 * i : base + 3600 + 1800 * (i - 12)
      forecast.push(asked({ mRID: mrid(700 + i), start, duration: i < 12 ? 300 : 1800, exportW: 3000 + 10 * i, creationTime: base - 600 }))
    }
    const quiet = { mRID: mrid(800), start: base + 7200, duration: 600, importW: 2500, creationTime: base - 600, replyTo: RESPONSE_PATH, responseRequired: 0 }
    const receiptOnly = { mRID: mrid(801), start: base + 9000, duration: 600, importW: 2600, creationTime: base - 600, replyTo: RESPONSE_PATH, responseRequired: 1 }
    publish([...forecast, quiet, receiptOnly])
    const { rig } = freshRig()
    await rig.poll()
    expect(rig.service.view().events.length).toBe(60)
    await rig.run(2 * 3600_000)
    // The utility replaces event 20 (10.5.1: the old one Superseded, a new one Scheduled) and cancels event 30.
    const old = forecast[20] as ControlSpec
    const replaced = { ...old, status: 4 }
    const replacement = asked({ mRID: mrid(900), start: old.start, duration: old.duration, exportW: 4444, creationTime: old.start - 3600 })
    const cancelled = { ...(forecast[30] as ControlSpec), status: 2 }
    publish([...forecast.map((f, i) => (i === 20 ? replaced : i === 30 ? cancelled : f)), replacement, quiet, receiptOnly])
    await rig.run(24 * 3600_000)
    rig.stop()
    const got = byEvent(ctl.posted(), since)
    for (let i = 0; i < 58; i++) {
      const want = i === 20 ? [1, 7] : i === 30 ? [1, 6] : [1, 2, 3]
      expect(got.get(mrid(700 + i)), `forecast event ${i}`).toEqual(want)
    }
    expect(got.get(mrid(900))).toEqual([1, 2, 3])
    expect(got.get(mrid(800))).toBeUndefined()
    expect(got.get(mrid(801))).toEqual([1])
    // Only the statuses of table 3 are ever sent.
    expect(new Set(ctl.posted().map((p) => p.status))).toEqual(new Set([1, 2, 3, 6, 7]))
  }, 120_000)
})

export { T0_S }
