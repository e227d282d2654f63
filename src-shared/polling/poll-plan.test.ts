import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RATES,
  defaultPeriodMs,
  effectivePeriodMs,
  firstSlotIndex,
  slotFireMs,
  slotOffsetMs,
  withinSlotWindow,
} from './poll-plan'

describe('handbook 10.2 table 2: default poll and post rates, row by row', () => {
  it.each([
    ['DeviceCapability', 'poll', 300],
    ['EndDeviceList', 'poll', 300],
    ['FunctionSetAssignmentsList', 'poll', 300],
    ['DERProgramList', 'poll', 300],
    ['MirrorUsagePoint', 'post', 300],
  ] as const)('%s: %s every %i s', (resource, type, seconds) => {
    expect(DEFAULT_RATES.find((r) => r.resource === resource)).toEqual({ resource, type, seconds })
    expect(defaultPeriodMs(resource)).toBe(seconds * 1000)
    expect(effectivePeriodMs(resource)).toBe(seconds * 1000)
  })

  it('has exactly the five rows of table 2', () => {
    expect(DEFAULT_RATES).toHaveLength(5)
  })

  it('re-reads the DERList and the MirrorUsagePointList too (not in table 2): their pollRate, else 900 s', () => {
    expect(defaultPeriodMs('DERList')).toBe(900_000)
    expect(effectivePeriodMs('MirrorUsagePointList')).toBe(900_000)
    expect(effectivePeriodMs('MirrorUsagePointList', 60)).toBe(60_000)
  })
})

describe('SRV-4: a resource pollRate overrides the default', () => {
  it.each([
    [60, 60_000],
    [301, 301_000],
    [900, 900_000],
  ])('pollRate %i s -> %i ms', (rate, ms) => {
    expect(effectivePeriodMs('DERProgramList', rate)).toBe(ms)
  })

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('an unusable pollRate (%s) falls back to table 2', (rate) => {
    expect(effectivePeriodMs('EndDeviceList', rate)).toBe(300_000)
  })
})

describe('handbook 13.1: offsets within 50 % of the period', () => {
  it.each([0, 0.25, 0.5, 0.75, 0.999999])('random %s gives an offset inside [-P/2, P/2)', (r) => {
    const off = slotOffsetMs(300_000, r)
    expect(off).toBeGreaterThanOrEqual(-150_000)
    expect(off).toBeLessThan(150_000)
  })

  it('the draws span the whole window', () => {
    expect(slotOffsetMs(60_000, 0)).toBe(-30_000)
    expect(slotOffsetMs(60_000, 0.5)).toBe(0)
    expect(slotOffsetMs(60_000, 0.999999)).toBeGreaterThan(29_900)
  })

  it('the handbook example: a 60 s post rate is met within 30 s of the intended time', () => {
    expect(withinSlotWindow(90_000, 60_000, 60_000)).toBe(true)
    expect(withinSlotWindow(30_000, 60_000, 60_000)).toBe(true)
    expect(withinSlotWindow(90_001, 60_000, 60_000)).toBe(false)
  })

  it('the first slot fires at or after now, and slots repeat every period', () => {
    const now = 1_000_000
    const off = slotOffsetMs(300_000, 0.9)
    const k = firstSlotIndex(now, 300_000, off)
    expect(slotFireMs(k, 300_000, off)).toBeGreaterThanOrEqual(now)
    expect(slotFireMs(k - 1, 300_000, off)).toBeLessThan(now)
    expect(slotFireMs(k + 1, 300_000, off) - slotFireMs(k, 300_000, off)).toBe(300_000)
  })
})
