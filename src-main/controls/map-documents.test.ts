/** Documents -> scheduler input (CTL-1, CTL-2; CSIP-AUS ALL-24 power-of-ten multipliers). */
import { describe, expect, it } from 'vitest'
import type { ProgramView } from '../../src-shared/contract/server'
import { snapshotFromProgramViews } from './from-program-views'
import { eventInput, modesOf, normaliseSnapshot } from './map-documents'
import { defaultControl, derControl, mrid, program } from './testing/documents'

describe('modesOf / eventInput', () => {
  it.each([
    [{ value: 15, multiplier: 2 }, 1500],
    [{ value: 15, multiplier: 3 }, 15000],
    [{ value: 15, multiplier: -1 }, 1.5],
    [{ value: 1500, multiplier: 0 }, 1500],
  ])('ALL-24: opModExpLimW %j is %d W', (scaled, watts) => {
    expect(modesOf({ opModExpLimW: scaled }).expLimW).toBe(watts)
  })

  it('keeps opModMaxLimW and opModFixedW in hundredths of a percent of setMaxW; connect/energize as booleans', () => {
    expect(modesOf({ opModMaxLimW: 5000, opModFixedW: -2500, opModConnect: false, opModEnergize: true })).toEqual({ maxLimW: 5000, fixedW: -2500, connect: false, energize: true })
  })

  it('maps every event field the scheduler uses, with responseRequired from its hex value', () => {
    const doc = derControl({ mRID: mrid(1), start: 1000, duration: 300, exportW: 2000, importW: 3000, randomizeStart: -10, rampTms: 1500, responseRequired: 3, replyTo: '/rsp', status: 1 })
    expect(eventInput(doc, '/derp/0')).toEqual({
      mRID: mrid(1),
      programId: '/derp/0',
      creationTime: 1000 - 3600,
      currentStatus: 1,
      start: 1000,
      duration: 300,
      randomizeStart: -10,
      rampTms: 1500,
      responseRequired: 3,
      replyTo: '/rsp',
      modes: { expLimW: 2000, impLimW: 3000 },
    })
  })

  it('leaves out an event with an EventStatus outside 0..4 rather than guessing', () => {
    expect(eventInput(derControl({ mRID: mrid(2), start: 0, duration: 60, status: 9 }), '/derp/0')).toBeUndefined()
  })

  it('CTL-2: keeps all 58 events of a forecast (no truncation to 24)', () => {
    const controls = Array.from({ length: 58 }, (_, i) => derControl({ mRID: mrid(i), start: 300 * i, duration: 300, exportW: 1000 }))
    const snap = normaliseSnapshot({ polledAt: 0, programs: [program({ href: '/derp/0', primacy: 1, controls })] })
    expect(snap.programs[0]?.events).toHaveLength(58)
  })

  it('takes the default with its setGradW', () => {
    const snap = normaliseSnapshot({ polledAt: 0, programs: [program({ href: '/derp/0', primacy: 1, dflt: defaultControl({ mRID: mrid(9), exportW: 1500, setGradW: 50 }) })] })
    expect(snap.programs[0]?.defaultControl).toEqual({ modes: { expLimW: 1500 }, setGradW: 50 })
  })
})

describe('snapshotFromProgramViews (the SEP2 client hook)', () => {
  it('converts ms to s, percent back to hundredths and rampTms seconds back to hundredths', () => {
    const view: ProgramView = {
      href: '/derp/1',
      mRID: 'A1',
      primacy: 2,
      fsaHref: '/fsa/0',
      defaultControl: { href: '/derp/1/dderc', mRID: 'D1', modes: { opModExpLimW: 1500 } },
      events: [
        {
          href: '/derp/1/derc/1',
          mRID: mrid(3),
          creationTime: 1_000_000,
          status: 0,
          statusName: 'Scheduled',
          statusTime: 1_000_000,
          start: 2_000_000,
          durationS: 300,
          randomizeStartS: 10,
          modes: { opModMaxLimW: 50, opModExpLimW: 2500, rampTms: 15 },
          replyTo: '/rsp',
          responseRequired: 3,
        },
      ],
    }
    const snap = snapshotFromProgramViews([view], 5)
    expect(snap.programs[0]?.defaultControl).toEqual({ modes: { expLimW: 1500 } })
    expect(snap.programs[0]?.events[0]?.event).toEqual({
      mRID: mrid(3),
      programId: '/derp/1',
      creationTime: 1000,
      currentStatus: 0,
      start: 2000,
      duration: 300,
      randomizeStart: 10,
      rampTms: 1500,
      responseRequired: 3,
      replyTo: '/rsp',
      modes: { maxLimW: 5000, expLimW: 2500 },
    })
  })
})
