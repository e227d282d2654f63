import { describe, expect, it } from 'vitest'
import { parseExpression } from '../expression'
import type { HarnessRecord, RecordedReadingSeries, RecordedRequest } from '../record'
import { derDocumentContents } from './der-documents'
import { endDeviceContents, endDeviceCount } from './end-device'
import { pollTiming } from './poll-timing'
import { readingsCheck } from './readings'
import { resourceRequests } from './resource-requests'
import { responseContents } from './responses'

const gets = (path: string, seconds: readonly number[], extra: Partial<RecordedRequest> = {}): RecordedRequest[] =>
  seconds.map((s) => ({ method: 'GET', path, atMs: s * 1000, status: 200, ...extra }))
const every = (interval: number, until: number, from = 0) => Array.from({ length: Math.floor((until - from) / interval) + 1 }, (_, i) => from + i * interval)

describe('all-polls-at-correct-time (SRV-4 as the harness checks it)', () => {
  const check = (requests: RecordedRequest[], endpoints = ['/dcap']) => pollTiming({ requests, endpoints, method: 'GET', intervalS: 60, startedAtMs: 0 })

  it('passes polls at the interval, with jitter inside 1.5 x', () => {
    expect(check(gets('/dcap', every(60, 1800).map((t, i) => t + (i % 2 ? 25 : 0)))).pass).toBe(true)
  })
  it('tolerates one missed poll per 5 x interval window, not two', () => {
    const oneMiss = every(60, 1800).filter((t) => t !== 120)
    expect(check(gets('/dcap', oneMiss)).pass).toBe(true)
    const twoMisses = every(60, 1800).filter((t) => t !== 60 && t !== 180)
    const result = check(gets('/dcap', twoMisses))
    expect(result.pass).toBe(false)
    expect(result.detail).toMatch(/2 gaps longer than 90 s/)
  })
  it('fails more than 6 polls in a 3 x interval window (over-polling)', () => {
    expect(check(gets('/dcap', [...every(60, 1800), 10, 20, 30, 40])).detail).toMatch(/requests within 180 s/)
    expect(check(gets('/dcap', [...every(60, 1800), 10, 20])).pass).toBe(true)
  })
  it('counts only the first page, the method asked, and checks each concrete path of a wildcard on its own', () => {
    const paged = [...gets('/dcap', every(60, 1800)), ...gets('/dcap', every(5, 1800), { start: 1 }), ...gets('/dcap', every(5, 1800), { method: 'PUT' })]
    expect(check(paged).pass).toBe(true)
    const mups = [...gets('/mup/1', every(60, 1800)), ...gets('/mup/2', every(20, 1800))]
    expect(check(mups, ['/mup/*']).detail).toMatch(/^\/mup\/2:/)
    expect(check([], ['/mup/*']).pass).toBe(false)
  })
})

const record = (over: Partial<HarnessRecord>): HarnessRecord => ({ startedAtMs: 0, requests: [], responses: [], controls: [], endDevices: [], readings: [], ...over })

describe('response-contents', () => {
  const controls = [{ mrid: 'A1', tag: 'DERC1' }, { mrid: 'B2', tag: 'DERC2' }]
  const responses = [
    { subjectMrid: 'A1', status: 1, atMs: 1 },
    { subjectMrid: 'A1', status: 2, atMs: 2 },
    { subjectMrid: 'B2', status: 1, atMs: 3 },
    { subjectMrid: 'A1', status: 3, atMs: 4 },
  ]
  const r = record({ controls, responses })
  it('latest (for a tag) compares the most recent one only', () => {
    expect(responseContents(r, { latest: true, status: 3, subjectTag: 'DERC1' }).pass).toBe(true)
    expect(responseContents(r, { latest: true, status: 2, subjectTag: 'DERC1' }).detail).toMatch(/status 3, not 2/)
    expect(responseContents(r, { latest: true, status: 3 }).pass).toBe(true)
    expect(responseContents(r, { latest: true, subjectTag: 'DERC9' }).detail).toMatch(/no DERControl tagged DERC9/)
  })
  it('all needs a Response of the status for every control created', () => {
    expect(responseContents(r, { all: true, status: 1 }).pass).toBe(true)
    expect(responseContents(r, { all: true, status: 3 }).detail).toMatch(/1 DERControl\(s\) without a Response of status 3: DERC2/)
  })
  it('any / exists:false', () => {
    expect(responseContents(r, { status: 2, subjectTag: 'DERC2' }).pass).toBe(false)
    expect(responseContents(r, { status: 7, exists: false }).pass).toBe(true)
    expect(responseContents(r, { status: 1, exists: false }).pass).toBe(false)
  })
})

describe('der-*-contents', () => {
  const ctx = { nowMs: 0, variables: { rtgMaxVA: 6000 } }
  const settings = { setGradW: 27, setMaxW: 5000, setMaxVA: 5000, modesEnabled: 0b1001, genConnectStatus: 0b011 }
  const expr = (s: string) => {
    const e = parseExpression(s)
    if (!e.ok) throw new Error('bad')
    return { expression: e.value }
  }
  it('present/absent, equality, bit masks and this-expressions; every failure listed', () => {
    expect(derDocumentContents('DERSettings', settings, { setGradW: 27, setMaxW: true, setMaxVar: false, modesEnabled_set: '09', modesEnabled_unset: '06', setMaxVA: expr('this <= rtgMaxVA') }, ctx).pass).toBe(true)
    const bad = derDocumentContents('DERSettings', settings, { setGradW: 1000, setMaxVar: true, modesEnabled_set: '02', setMaxVA: expr('this > rtgMaxVA') }, ctx)
    expect(bad.pass).toBe(false)
    expect(bad.detail.split('; ')).toHaveLength(4)
    expect(bad.detail).toMatch(/setGradW is 27, expected 1000/)
  })
  it('status bits', () => {
    expect(derDocumentContents('DERStatus', settings, { genConnectStatus_bit0: true, genConnectStatus_bit1: true, genConnectStatus_bit2: false }, ctx).pass).toBe(true)
    expect(derDocumentContents('DERStatus', settings, { genConnectStatus_bit2: true }, ctx).detail).toMatch(/bit 2 should be 1/)
    expect(derDocumentContents('DERStatus', undefined, {}, ctx).detail).toMatch(/has not sent its DERStatus/)
  })
})

describe('end-device-contents / -count', () => {
  const lfdi = '3E4F45AB31EDFE5B67E343E5E4562E3100000000'
  it('checks the NMI, the category bits and that the SFDI follows from the LFDI', () => {
    const device = { lfdi, sfdi: '167261211391', // 0x3E4F45AB3 = 16726121139, check digit 1 (computed independently)
      deviceCategory: 0x02, nmi: 'QB12345678' }
    expect(endDeviceContents([device], { hasConnectionPointId: true, deviceCategoryAnySet: '03', checkLfdi: true }).pass).toBe(true)
    expect(endDeviceContents([{ ...device, nmi: undefined }], { hasConnectionPointId: true }).pass).toBe(false)
    expect(endDeviceContents([device], { deviceCategoryAnySet: '04' }).pass).toBe(false)
    expect(endDeviceContents([{ ...device, sfdi: '16726121139' }], { checkLfdi: true }).detail).toMatch(/not the one its LFDI gives/)
    expect(endDeviceContents([{ ...device, lfdi: lfdi.toLowerCase() }], { checkLfdi: true }).pass).toBe(false)
    expect(endDeviceContents([], {}).pass).toBe(false)
    expect(endDeviceCount([device, device], { minimum: 2, maximum: 2 }).pass).toBe(true)
    expect(endDeviceCount([device], { minimum: 2 }).pass).toBe(false)
  })
})

describe('readings-*', () => {
  const series = (values: number[], startOffsetMs = 0, duration = 300): RecordedReadingSeries => ({
    kind: 'site-active-power',
    mupMrid: 'M',
    mrid: 'R',
    readings: values.map((value, i) => ({ value, startMs: i * 300_000 + startOffsetMs, durationS: duration, receivedAtMs: (i + 1) * 300_000 + startOffsetMs })),
  })
  it('counts the best series, needs whole-minute starts and a duration, and compares the latest level', () => {
    expect(readingsCheck('site-active-power', [series([1, 2, 3])], { minimumCount: 3, maximumLevel: 3 }).pass).toBe(true)
    expect(readingsCheck('site-active-power', [series([1, 2])], { minimumCount: 3 }).pass).toBe(false)
    expect(readingsCheck('site-active-power', [series([1, 2, 3], 1000)], {}).detail).toMatch(/whole minute/)
    expect(readingsCheck('site-active-power', [series([1, 2, 3], 0, 0)], {}).detail).toMatch(/no duration/)
    expect(readingsCheck('site-active-power', [series([9, 9, 1])], { maximumLevel: 2 }).pass).toBe(true)
    expect(readingsCheck('site-active-power', [series([9, 9, 1])], { maximumLevel: 2, windowSeconds: 900 }).pass).toBe(false)
    expect(readingsCheck('der-active-power', [series([1])], {}).detail).toMatch(/no MirrorMeterReading of der-active-power/)
  })
})

describe('resource-requests', () => {
  it('counts requests for resources where the harness serves them, and refuses pricing resources by name', () => {
    const requests = [...gets('/dcap', [0, 60]), ...gets('/edev/1/derp/1/derc', [0]), ...gets('/edev/1/fsa/1/derp', [0])]
    expect(resourceRequests(requests, { resources: ['DeviceCapability'], minimum: 1, maximum: 3 }).pass).toBe(true)
    expect(resourceRequests(requests, { resources: ['DERProgramList', 'DERControlList'], minimum: 3 }).detail).toMatch(/2 request/)
    expect(resourceRequests(requests, { resources: ['TariffProfileList'] }).detail).toMatch(/pricing/)
  })
})
