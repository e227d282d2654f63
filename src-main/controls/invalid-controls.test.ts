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
import { createControlsService } from './controls-service'
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

describe('multiplier 2^40 (issue 15): the export limit must not become "not set"', () => {
  const xml = fixture('annex-d/18-dderc.xml').replace(/(<ns2:opModExpLimW>\s*<multiplier>)2(<\/multiplier>)/, `$1${2 ** 40}$2`)

  it('the default is refused at the codec, so nothing reaches the service and the fixed 1500 W holds, shown as 1500 W', () => {
    expect(xml).toContain(`<multiplier>${2 ** 40}</multiplier>`)
    const parsed = parseSep2(xml, 'DefaultDERControl')
    expect(parsed.ok ? 'decoded' : parsed.error.code).toBe('SEP2_XML_INVALID')
    const { service } = rig()
    expect(limit(service, 'expLimW')).toMatchObject({ value: 1500, text: '1500 W', source: { kind: 'fixed' } })
  })

  it('a model built in code with that multiplier is never mapped to a value (the one scaling function refuses it)', () => {
    expect(() => modeValuesOf({ opModExpLimW: { value: 15, multiplier: 2 ** 40 } })).toThrow(RangeError)
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
