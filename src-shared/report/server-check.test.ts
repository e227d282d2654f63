import { describe, expect, it } from 'vitest'
import type { DiscoveryResult, DiscoveryStep } from '../contract/server'
import type { ServerCheck } from './model/server-check'
import { serverCheckSchema } from './model/server-check'
import { serverCheckBasis, serverCheckFromDiscovery, serverCheckVerdict, type ServerCheckCause } from './server-check'

const DCAP = 'https://127.0.0.1:8443/api/v2/dcap'
const LFDI = '3E4F45AB31EDFE5B67E343E5E4562E31984E23E5'
const T = Date.UTC(2026, 0, 15, 2, 0)

const step = (name: DiscoveryStep['name'], status: DiscoveryStep['status'] = 'ok', code?: string): DiscoveryStep => ({
  name,
  url: `${DCAP}/${name}`,
  status,
  durationMs: 12,
  detail: '',
  ...(code ? { error: { code, meaning: `${name} went wrong`, whatToDo: 'x' } } : {}),
})

const WALK = ['DeviceCapability', 'Time', 'EndDeviceList', 'EndDevice', 'Registration', 'FunctionSetAssignmentsList', 'DERProgramList', 'DefaultDERControl'] as const

function discovery(over: Partial<DiscoveryResult> = {}): DiscoveryResult {
  return {
    ok: true,
    dcapUrl: DCAP,
    ourLfdi: LFDI,
    mode: 'device',
    tls: { version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-CCM8' },
    handshakes: 1,
    clockOffsetMs: 40,
    endDevice: { href: '/api/v2/edev/3', lFDI: LFDI, sFDI: 167261211391, match: true },
    endDevices: [],
    registration: { href: `${DCAP}/rg`, serverPin: 111115, expectedPin: 111115, match: true, dateTimeRegistered: T },
    fsas: [],
    programs: [{ href: '/p/1', mRID: 'P1', primacy: 1, fsaHref: '/fsa/1', defaultControl: { href: '/dd', mRID: 'D', modes: { opModExpLimW: 1500 } }, events: [] }],
    der: [],
    mirrorUsagePoints: [],
    links: { dcap: DCAP },
    pollRates: {},
    steps: WALK.map((n) => step(n)),
    totalMs: 800,
    ...over,
  }
}

const passing = (): ServerCheck => serverCheckFromDiscovery(discovery(), { checkedAt: T, target: 'simulator', expectedPin: 111115 })

describe('serverCheckFromDiscovery: the facts of one walk', () => {
  it('keeps what was fetched, the TLS session, the LFDI, the PIN found and expected, and the time', () => {
    const c = serverCheckFromDiscovery(discovery(), { checkedAt: T, target: 'simulator', serverCertificate: { subject: 'CN=srv', issuer: 'CN=mica', validTo: '2027-01-01T00:00:00.000Z' } })
    expect(serverCheckSchema.parse(c)).toEqual(c)
    expect(c).toMatchObject({
      checkedAt: '2026-01-15T02:00:00.000Z',
      dcapUrl: DCAP,
      completed: true,
      tls: { version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-CCM8', chainVerified: true },
      serverCertificate: { subject: 'CN=srv' },
      clockOffsetMs: 40,
      lfdi: { ours: LFDI, registered: true, endDeviceHref: '/api/v2/edev/3', sfdi: 167261211391 },
      pin: { expected: 111115, found: 111115 },
      programs: 1,
      defaultControlSeen: true,
    })
    expect(c.fetched.map((f) => f.step)).toEqual([...WALK])
  })

  it('an EndDeviceList read without our LFDI is "not registered"; one never read is unknown', () => {
    const unknown = discovery({ ok: false, endDevice: null, registration: null, steps: [step('DeviceCapability'), step('EndDeviceList'), step('EndDevice', 'failed', 'SEP2_NOT_REGISTERED')] })
    expect(serverCheckFromDiscovery(unknown, { checkedAt: T, target: 'test' }).lfdi.registered).toBe(false)
    const unread = discovery({ ok: false, endDevice: null, registration: null, steps: [step('DeviceCapability'), step('EndDeviceList', 'failed', 'SEP2_HTTP_STATUS')] })
    expect(serverCheckFromDiscovery(unread, { checkedAt: T, target: 'test' }).lfdi.registered).toBeUndefined()
  })

  it('keeps the PIN the installer entered even when the walk stopped before Registration', () => {
    const stopped = discovery({ ok: false, endDevice: null, registration: null, tls: null, steps: [step('DeviceCapability', 'failed', 'SEP2_TLS')] })
    expect(serverCheckFromDiscovery(stopped, { checkedAt: T, target: 'test', expectedPin: 42 }).pin).toEqual({ expected: 42 })
  })
})

describe('serverCheckVerdict: the report row from the record, one cause per row', () => {
  const rows: [string, (c: ServerCheck) => ServerCheck, 'pass' | 'fail' | 'warn', ServerCheckCause, RegExp][] = [
    ['all facts good', (c) => c, 'pass', 'registered', /EndDevice \/api\/v2\/edev\/3 for LFDI 3E4F.* registered, PIN 111115 matches, TLSv1\.2 chain verified/],
    ['DeviceCapability not read', (c) => ({ ...c, completed: false, fetched: [{ step: 'DeviceCapability', url: DCAP, status: 'failed', durationMs: 5, code: 'SEP2_CONNECT', meaning: 'Nothing answers' }] }), 'fail', 'unreachable', /Could not read the DeviceCapability at https:.*: Nothing answers \(SEP2_CONNECT\)/],
    ['no verified TLS session', (c) => ({ ...c, tls: undefined }), 'fail', 'tls-unverified', /verified server chain/],
    ['TLS chain not verified', (c) => ({ ...c, tls: { version: 'TLSv1.2', cipher: 'x', chainVerified: false } }), 'fail', 'tls-unverified', /verified server chain/],
    ['EndDeviceList never read', (c) => ({ ...c, lfdi: { ours: LFDI, mode: 'device' } }), 'fail', 'lfdi-not-checked', /EndDeviceList was not read/],
    ['LFDI unknown to the server', (c) => ({ ...c, lfdi: { ours: LFDI, mode: 'device', registered: false } }), 'fail', 'lfdi-unknown', /does not know LFDI 3E4F45AB/],
    ['Registration not read', (c) => ({ ...c, pin: { expected: 111115 } }), 'fail', 'pin-not-read', /Registration \(PIN\) was not read/],
    ['wrong PIN', (c) => ({ ...c, pin: { expected: 9999, found: 111115 } }), 'fail', 'pin-mismatch', /server holds 111115, the installer entered 9999/],
    ['a later step failed', (c) => ({ ...c, completed: false, fetched: [...c.fetched, { step: 'DERProgramList', url: DCAP, status: 'failed', durationMs: 1, code: 'SEP2_XML', meaning: 'Bad XML' }] }), 'fail', 'walk-stopped', /stopped at DERProgramList: Bad XML/],
    ['no PIN entered', (c) => ({ ...c, pin: { found: 111115 } }), 'warn', 'pin-not-entered', /no PIN entered to compare with the server's 111115/],
    ['clock 2 min off', (c) => ({ ...c, clockOffsetMs: -120_000 }), 'warn', 'clock-offset', /-120 s off/],
  ]
  it.each(rows)('%s', (_name, change, outcome, cause, detail) => {
    const v = serverCheckVerdict(change(passing()))
    expect([v.outcome, v.cause]).toEqual([outcome, cause])
    expect(v.detail).toMatch(detail)
  })

  it('an unknown LFDI outranks the PIN (nothing to compare without an EndDevice)', () => {
    const c = passing()
    expect(serverCheckVerdict({ ...c, lfdi: { ...c.lfdi, registered: false }, pin: { expected: 1 } }).cause).toBe('lfdi-unknown')
  })

  it('says what it is based on and when, in Queensland time', () => {
    expect(serverCheckBasis(passing())).toBe('server check of 2026-01-15 12:00:00 AEST')
  })
})
