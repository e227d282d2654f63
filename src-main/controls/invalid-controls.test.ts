/**
 * REL-4 (issue 15 item 4): an invalid control or default is never applied – the previous valid value holds, or the
 * fixed limits where there is none – the event is answered 253 (IEEE 2030.5 Table 27 "Rejected - invalid event"),
 * the Limits view says what was wrong, and duplicate mRIDs are reported instead of being resolved by list order.
 */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { parseSep2 } from '../sep2/xml'
import { modeValuesOf } from '../sep2/xml/control-modes'
import { fixture } from '../sep2/xml/test-support'
import { describeControl } from '../../src-shared/contract/control-modes-text'
import type { ProgramView } from '../../src-shared/contract/server'
import { controlEvent, defaultControl as defaultView } from '../sep2/client/control-views'
import { createControlsService } from './controls-service'
import { snapshotFromProgramViews } from './from-program-views'
import { defaultControl, derControl, mrid, program } from './testing/documents'
import { memoryDb } from './testing/harness'

const T0 = Date.UTC(2026, 2, 2)
const T0_S = T0 / 1000
const FIXED = { expLimW: 1500, impLimW: 1500 }

function rig() {
  const clock = new FakeClock(T0)
  const posts: { status: number; subject: string }[] = []
  const service = createControlsService({
    db: memoryDb(),
    siteId: 's',
    clock,
    fixed: FIXED,
    capacityW: 10_000,
    lfdi: 'AB',
    random: () => 0.5,
    postResponse: async (_replyTo, xml) => {
      posts.push({ status: Number(/<status>(\d+)<\/status>/.exec(xml)?.[1]), subject: /<subject>(\w+)<\/subject>/.exec(xml)?.[1] ?? '' })
      return { ok: true }
    },
  })
  service.start('restart')
  return { clock, service, posts }
}

const limit = (s: ReturnType<typeof rig>['service'], mode: string) => s.view().effective.find((e) => e.mode === mode)

describe('invalid controls are not applied (REL-4)', () => {
  it('a DefaultDERControl export limit of -5000 W with no earlier default: the fixed 1500 W holds, and the view says why', () => {
    const { service } = rig()
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, dflt: defaultControl({ mRID: mrid(900), exportW: -5000 }) })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 1500, source: { kind: 'fixed' } })
    const [rejected] = service.view().rejected
    expect(rejected).toMatchObject({ kind: 'default', refused: true, programId: '/derp/0' })
    expect(rejected?.reason).toContain('opModExpLimW: -5000 W is negative')
  })

  it('a -5000 W default after a valid 3000 W one: the previous valid default holds', () => {
    const { clock, service } = rig()
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, dflt: defaultControl({ mRID: mrid(900), exportW: 3000 }) })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 3000, source: { kind: 'default' } })
    service.ingest({ polledAt: clock.now(), programs: [program({ href: '/derp/0', primacy: 1, dflt: defaultControl({ mRID: mrid(901), exportW: -5000 }) })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 3000, source: { kind: 'default' } })
    expect(service.view().rejected).toHaveLength(1)
  })

  it('a default with setGradW beyond PerCent is refused too', () => {
    const { service } = rig()
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, dflt: defaultControl({ mRID: mrid(900), exportW: 3000, setGradW: 20_000 }) })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 1500, source: { kind: 'fixed' } })
  })

  it('an event with a negative limit or a zero duration is not scheduled and is answered 253 once; the valid one runs', async () => {
    const { clock, service, posts } = rig()
    const bad = derControl({ mRID: mrid(1), start: T0_S + 60, duration: 600, exportW: -5000, replyTo: '/rsp', responseRequired: 3 })
    const zero = derControl({ mRID: mrid(2), start: T0_S + 60, duration: 0, exportW: 100, replyTo: '/rsp', responseRequired: 1 })
    const good = derControl({ mRID: mrid(3), start: T0_S + 60, duration: 600, exportW: 4000 })
    const poll = () => service.ingest({ polledAt: clock.now(), programs: [program({ href: '/derp/0', primacy: 1, controls: [bad, zero, good] })] })
    poll()
    await clock.advanceAsync(120_000, () => service.idle())
    poll()
    await clock.advanceAsync(120_000, () => service.idle())
    expect(limit(service, 'expLimW')).toMatchObject({ value: 4000, source: { kind: 'event', mRID: mrid(3) } })
    expect(service.store.listEvents().map((e) => e.event.mRID)).toEqual([mrid(3)])
    expect(posts.filter((p) => p.status === 253).map((p) => p.subject).sort()).toEqual([mrid(1), mrid(2)])
    expect(service.view().rejected.map((r) => r.reason)).toEqual([
      expect.stringContaining('opModExpLimW: -5000 W is negative'),
      expect.stringContaining('interval.duration: 0 s'),
    ])
  })

  it('an event without responseRequired is refused silently on the wire but still shown', () => {
    const { service, posts } = rig()
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [derControl({ mRID: mrid(1), start: T0_S, duration: 60, exportW: -1 })] })] })
    expect(posts).toEqual([])
    expect(service.view().rejected).toHaveLength(1)
  })
})

describe('a mode value outside its IEEE 2030.5 type (issue 15: multiplier 2^40, value 2^40) refuses that control at the codec', () => {
  const TWO_40 = String(2 ** 40)
  const dderc = (multiplier: string, value: string) =>
    fixture('annex-d/18-dderc.xml').replace(/<ns2:opModExpLimW>\s*<multiplier>2<\/multiplier>\s*<value>15<\/value>/, `<ns2:opModExpLimW><multiplier>${multiplier}</multiplier><value>${value}</value>`)
  const decodedDefault = (xml: string) => {
    const parsed = parseSep2(xml, 'DefaultDERControl')
    if (!parsed.ok) throw new Error(parsed.error.message)
    return parsed.value.doc
  }

  it.each([
    ['multiplier 2^40', TWO_40, '15', 'PowerOfTenMultiplierType'],
    ['value 2^40', '0', TWO_40, 'Int16'],
  ])('a default with export %s and no earlier default: the fixed 1500 W holds and the view says why', (_label, multiplier, value, typeName) => {
    const { service } = rig()
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, dflt: decodedDefault(dderc(multiplier, value)) })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 1500, text: '1500 W', source: { kind: 'fixed' } })
    const [rejected] = service.view().rejected
    expect(rejected).toMatchObject({ kind: 'default', refused: true, programId: '/derp/0' })
    expect(rejected?.reason).toContain(`opModExpLimW: ${multiplier === '0' ? value : multiplier} is outside ${typeName}`)
    expect(rejected?.reason).toContain('DefaultDERControl/DERControlBase/opModExpLimW/')
  })

  it('after a valid default, a default with multiplier 2^40 leaves the previous valid default in force (all its modes)', () => {
    const { clock, service } = rig()
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, dflt: decodedDefault(dderc('0', '3000')) })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 3000, source: { kind: 'default' } })
    service.ingest({ polledAt: clock.now(), programs: [program({ href: '/derp/0', primacy: 1, dflt: decodedDefault(dderc(TWO_40, '15')) })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 3000, source: { kind: 'default' } })
    expect(limit(service, 'impLimW')).toMatchObject({ value: 1500, source: { kind: 'default' } })
    expect(service.view().rejected).toEqual([expect.objectContaining({ kind: 'default', refused: true })])
  })

  it('an event with export value 2^40 is not applied: its stored version holds and it is answered 253 once', async () => {
    const { clock, service, posts } = rig()
    const list = fixture('annex-d/19-derc-list.xml').replace(/(<ns2:opModExpLimW>\s*<multiplier>0<\/multiplier>\s*<value>)2512(<\/value>)/, `$1${TWO_40}$2`)
    const parsed = parseSep2(list, 'DERControlList')
    if (!parsed.ok) throw new Error(parsed.error.message)
    const decoded = parsed.value.doc.DERControl?.[0]
    if (decoded === undefined) throw new Error('no DERControl')
    expect(decoded.DERControlBase.invalid?.map((r) => r.element)).toEqual(['opModExpLimW'])
    const timing = { start: T0_S - 60, duration: 3600, creationTime: T0_S - 120 }
    const bad = { ...decoded, creationTime: timing.creationTime, interval: { start: timing.start, duration: timing.duration }, replyTo: '/rsp' }
    const good = derControl({ mRID: decoded.mRID, ...timing, exportW: 4000 })
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [good] })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 4000, source: { kind: 'event', mRID: decoded.mRID } })
    const poll = () => service.ingest({ polledAt: clock.now(), programs: [program({ href: '/derp/0', primacy: 1, controls: [bad] })] })
    poll()
    await clock.advanceAsync(120_000, () => service.idle())
    poll()
    await clock.advanceAsync(120_000, () => service.idle())
    expect(limit(service, 'expLimW')).toMatchObject({ value: 4000, source: { kind: 'event', mRID: decoded.mRID } })
    expect(posts.filter((p) => p.status === 253).map((p) => p.subject)).toEqual([decoded.mRID])
    expect(service.view().rejected.map((r) => r.reason)).toEqual([expect.stringContaining(`opModExpLimW: ${TWO_40} is outside Int16`)])
  })

  it('through the ProgramView path the app and `limits` use, the refusal holds too: fixed 1500 W, the event answered 253', async () => {
    const { clock, service, posts } = rig()
    const list = fixture('annex-d/19-derc-list.xml').replace(/(<ns2:opModExpLimW>\s*<multiplier>)0(<\/multiplier>)/, `$1${TWO_40}$2`)
    const parsed = parseSep2(list, 'DERControlList')
    if (!parsed.ok) throw new Error(parsed.error.message)
    const decoded = parsed.value.doc.DERControl?.[0]
    if (decoded === undefined) throw new Error('no DERControl')
    const event = { ...decoded, creationTime: T0_S - 120, interval: { start: T0_S - 60, duration: 3600 }, replyTo: '/rsp' }
    const view: ProgramView = {
      href: '/derp/0',
      mRID: 'A0',
      primacy: 1,
      fsaHref: '/fsa/0',
      defaultControl: defaultView(decodedDefault(dderc(TWO_40, '15')), '/derp/0/dderc'),
      events: [controlEvent(event, '/derp/0/derc/0')],
    }
    expect(describeControl(view.defaultControl ?? { modes: {} })).toMatch(/^import 1500 W, energize – NOT APPLIED: opModExpLimW 1099511627776 is outside PowerOfTenMultiplierType/)
    service.ingestPrograms(snapshotFromProgramViews([view], clock.now()))
    await clock.advanceAsync(120_000, () => service.idle())
    expect(limit(service, 'expLimW')).toMatchObject({ value: 1500, source: { kind: 'fixed' } })
    expect(limit(service, 'impLimW')).toMatchObject({ value: 1500, source: { kind: 'fixed' } })
    expect(service.view().rejected.map((r) => r.kind)).toEqual(['default', 'event'])
    expect(posts.filter((p) => p.status === 253).map((p) => p.subject)).toEqual([decoded.mRID])
  })

  it('a model built in code with that multiplier is never mapped to a value (the one scaling function refuses it)', () => {
    expect(() => modeValuesOf({ opModExpLimW: { value: 15, multiplier: 2 ** 40 } })).toThrow(RangeError)
  })
})

describe('an event whose own values are wrong (issue 15: start 2^63-1) is refused alone; its siblings apply', () => {
  const TIME_MAX = '9223372036854775807'
  /** Annex D's list: the first event starts at `firstStart`, the second a minute ago, the rest tomorrow; each lasts an hour. */
  function list(firstStart: string) {
    const later = `<start>${T0_S + 86_400}</start>`
    const xml = fixture('annex-d/19-derc-list.xml')
      .replace(/<start>\d+<\/start>/g, later)
      .replace(/<duration>\d+<\/duration>/g, '<duration>3600</duration>')
      .replace(later, `<start>${firstStart}</start>`)
      .replace(later, `<start>${T0_S - 60}</start>`)
    const parsed = parseSep2(xml, 'DERControlList')
    if (!parsed.ok) throw new Error(parsed.error.message)
    return parsed.value.doc
  }

  it('through the documents path: the next event applies, the bad one is answered 253 and listed with what was wrong', async () => {
    const { clock, service, posts } = rig()
    const doc = list(TIME_MAX)
    const [refused] = doc.invalid ?? []
    expect(refused?.mRID).toBe('DC1B27AC943B44AC87DAF7E162B6F6D4')
    service.ingest({ polledAt: T0, programs: [{ ...program({ href: '/derp/0', primacy: 1, controls: doc.DERControl ?? [] }), refusedControls: doc.invalid ?? [] }] })
    await clock.advanceAsync(60_000, () => service.idle())
    // The second Annex D event: export 25 x 10^2 W.
    expect(limit(service, 'expLimW')).toMatchObject({ value: 2500, source: { kind: 'event', mRID: '737A28BE154F4050BFB61D24202C0983' } })
    expect(posts.filter((p) => p.status === 253).map((p) => p.subject)).toEqual(['DC1B27AC943B44AC87DAF7E162B6F6D4'])
    const [rejected] = service.view().rejected
    expect(rejected).toMatchObject({ kind: 'event', refused: true, mRID: 'DC1B27AC943B44AC87DAF7E162B6F6D4' })
    expect(rejected?.reason).toContain(`${TIME_MAX} is outside TimeType`)
    expect(rejected?.reason).toContain('DERControlList/DERControl[0]/interval/start')
  })

  it('through the ProgramView path (the app and `limits`): same outcome, and a stored valid version of the event holds', async () => {
    const { clock, service, posts } = rig()
    const toView = (doc: ReturnType<typeof list>): ProgramView => ({
      href: '/derp/0',
      mRID: 'A0',
      primacy: 1,
      fsaHref: '/fsa/0',
      defaultControl: null,
      events: (doc.DERControl ?? []).map((c) => controlEvent(c, '/derp/0/derc')),
      ...(doc.invalid ? { refusedEvents: doc.invalid } : {}),
    })
    service.ingestPrograms(snapshotFromProgramViews([toView(list(String(T0_S - 120)))], T0))
    const applied = { value: 2500, source: { kind: 'event', mRID: '737A28BE154F4050BFB61D24202C0983' } }
    expect(limit(service, 'expLimW')).toMatchObject(applied)
    service.ingestPrograms(snapshotFromProgramViews([toView(list(TIME_MAX))], clock.now()))
    await clock.advanceAsync(60_000, () => service.idle())
    expect(limit(service, 'expLimW')).toMatchObject(applied)
    // The refused event's stored (previous valid) version is not dropped as "gone from the list".
    expect(service.store.listEvents().map((e) => e.event.mRID)).toContain('DC1B27AC943B44AC87DAF7E162B6F6D4')
    expect(posts.filter((p) => p.status === 253).map((p) => p.subject)).toEqual(['DC1B27AC943B44AC87DAF7E162B6F6D4'])
    expect(service.view().rejected.map((r) => r.kind)).toEqual(['event'])
  })
})

describe('duplicate mRIDs are reported, not resolved by list order', () => {
  it('two events with one mRID and different limits: neither is applied, both are reported', () => {
    const { service } = rig()
    const a = derControl({ mRID: mrid(7), start: T0_S - 60, duration: 600, exportW: 0 })
    const b = derControl({ mRID: mrid(7), start: T0_S - 60, duration: 600, exportW: 9000 })
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [a, b] })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 1500, source: { kind: 'fixed' } })
    const rejected = service.view().rejected
    expect(rejected.map((r) => [r.kind, r.refused])).toEqual([
      ['duplicate-mrid', true],
      ['duplicate-mrid', true],
    ])
  })

  it('identical copies (e.g. listed in two pages) are used once and reported', () => {
    const { service } = rig()
    const a = derControl({ mRID: mrid(8), start: T0_S - 60, duration: 600, exportW: 500 })
    service.ingest({ polledAt: T0, programs: [program({ href: '/derp/0', primacy: 1, controls: [a, a] })] })
    expect(limit(service, 'expLimW')).toMatchObject({ value: 500, source: { kind: 'event' } })
    expect(service.view().rejected).toEqual([expect.objectContaining({ kind: 'duplicate-mrid', refused: false, mRID: mrid(8) })])
  })
})
