/** `sim server` + `discover` as a newcomer uses them: start the simulator, then discover against it with its files. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { DiscoveryResult } from '../../../src-shared/contract/server'
import type { SimulatorFiles } from '../../sim/utility'
import { CliUsageError, type CliIo } from '../types'
import { discoverCommand } from './discover'
import { simServerCommand } from './sim-server'

function fakeIo(cwd: string, signal = new AbortController().signal) {
  const printed: { human: string; json: unknown }[] = []
  const info: string[] = []
  const io: CliIo = { print: (human, json) => printed.push({ human, json }), info: (l) => info.push(l), signal, cwd, env: {} }
  return { io, printed, info }
}

let dir: string
const stop = new AbortController()
let server: Promise<number>
let started: { dcapUrl: string; files: SimulatorFiles; pin: number; human: string }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sim-server-cli-'))
  const { io, printed } = fakeIo(dir, stop.signal)
  server = simServerCommand.run({ positionals: [], values: { 'pki-dir': 'pki', scenario: 'annex-d' }, json: false }, io)
  for (let i = 0; i < 100_000 && printed.length === 0; i++) await new Promise<void>((r) => setImmediate(r))
  const first = printed[0]
  const json = first?.json as { dcapUrl: string; files: SimulatorFiles; pin: number }
  started = { ...json, human: first?.human ?? '' }
}, 60_000)

afterAll(async () => {
  stop.abort()
  await server
  rmSync(dir, { recursive: true, force: true })
})

describe('sim server', () => {
  it('prints the dcap URL, the certificate paths and the discover command line', () => {
    expect(started.dcapUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v2\/dcap$/)
    expect(started.files.deviceChain).toBe(join(dir, 'pki', 'device-1.chain.pem'))
    expect(started.human).toContain(`SERCA to trust:     ${join(dir, 'pki', 'serca.pem')}`)
    expect(started.human).toContain(`sep2-commissioner discover --dcap ${started.dcapUrl} --cert ${started.files.deviceChain} --key ${started.files.deviceKey} --ca ${started.files.serca} --pin 1234`)
  })
})

describe('sim server again with the same --pki-dir', () => {
  it('reuses the PKI there, so the files printed before stay valid', async () => {
    const again = new AbortController()
    const { io, printed } = fakeIo(dir, again.signal)
    const running = simServerCommand.run({ positionals: [], values: { 'pki-dir': 'pki' }, json: true }, io)
    for (let i = 0; i < 100_000 && printed.length === 0; i++) await new Promise<void>((r) => setImmediate(r))
    again.abort()
    expect(await running).toBe(0)
    const json = printed[0]?.json as { lfdi: string; scenario: string }
    expect(json.lfdi).toBe(started.human.match(/Device LFDI ([0-9A-F]{40})/)?.[1])
    expect(json.scenario).toBe('queensland-test')
  })
})

describe('sim server --record', () => {
  it('writes every exchange the simulator handled to the file as JSON lines', async () => {
    const again = new AbortController()
    const { io, printed } = fakeIo(dir, again.signal)
    const running = simServerCommand.run({ positionals: [], values: { 'pki-dir': 'pki', scenario: 'annex-d', record: 'exchanges.jsonl' }, json: true }, io)
    for (let i = 0; i < 100_000 && printed.length === 0; i++) await new Promise<void>((r) => setImmediate(r))
    const { dcapUrl } = printed[0]?.json as { dcapUrl: string }
    const client = fakeIo(dir)
    const files = started.files
    expect(await discoverCommand.run({ positionals: [], values: { dcap: dcapUrl, cert: files.deviceChain, key: files.deviceKey, ca: [files.serca], pin: '1234' }, json: true }, client.io)).toBe(0)
    again.abort()
    expect(await running).toBe(0)
    const lines = readFileSync(join(dir, 'exchanges.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; path: string; status: number; responseBody: string })
    expect(lines[0]).toMatchObject({ method: 'GET', path: '/api/v2/dcap', status: 200, responseBody: expect.stringContaining('<DeviceCapability') })
    expect(lines.some((l) => l.path === '/api/v2/edev/_SIMDEV1/rg' && l.responseBody.includes('<pIN>1234</pIN>'))).toBe(true)
  })
})

describe('discover', () => {
  const args = () => ({ dcap: started.dcapUrl, cert: started.files.deviceChain, key: started.files.deviceKey, ca: [started.files.serca] })

  it('walks the simulator and prints EndDevice, PIN check, programs, default control, events and TLS', async () => {
    const { io, printed, info } = fakeIo(dir)
    expect(await discoverCommand.run({ positionals: [], values: { ...args(), pin: '1234' }, json: false }, io)).toBe(0)
    const text = printed[0]?.human ?? ''
    expect(info.join('\n')).toMatch(/✓ DeviceCapability/)
    expect(text).toMatch(/TLS: TLSv1\.[23], /)
    expect(text).toMatch(/EndDevice: \/api\/v2\/edev\/_SIMDEV1 .*\(matches\)/)
    expect(text).toContain('Registration PIN: 1234 (matches)')
    expect(text).toContain('Program Test Program 3 (primacy 1')
    expect(text).toContain('default: export 1500 W, import 1500 W, energize')
    expect(text).toMatch(/Scheduled .* for 300 s: export 2512 W, import 3512 W/)
    expect(text).not.toMatch(/PRIVATE KEY/)
  })

  it('exits 1 with the meaning in words on a wrong PIN; --json gives the result object', async () => {
    const { io, printed } = fakeIo(dir)
    expect(await discoverCommand.run({ positionals: [], values: { ...args(), pin: '4321' }, json: true }, io)).toBe(1)
    const result = printed[0]?.json as DiscoveryResult
    expect(result.stoppedAt).toBe('Registration')
    expect(result.steps.at(-1)?.error?.meaning).toMatch(/registered this device with PIN 1234, not 4321/)
  })

  it('waits for a device the utility has not registered (a line per look at the EndDeviceList rate) instead of exiting', async () => {
    const abort = new AbortController()
    const { io, printed, info } = fakeIo(dir, abort.signal)
    const clock = new FakeClock(Date.now())
    const unregistered = `${'AB'.repeat(18)}0000`
    const running = discoverCommand.run({ positionals: [], values: { ...args(), lfdi: unregistered }, json: false }, { ...io, clock })
    const waiting = () => info.filter((l) => l.startsWith('waiting for the utility to register this device'))
    for (let i = 0; i < 100_000 && waiting().length === 0; i++) await new Promise<void>((r) => setImmediate(r))
    expect(waiting()[0]).toContain(`LFDI ${unregistered}`)
    await clock.advanceAsync(300_000)
    for (let i = 0; i < 100_000 && waiting().length < 2; i++) await new Promise<void>((r) => setImmediate(r))
    expect(waiting()).toHaveLength(2)
    expect(printed).toEqual([])
    abort.abort()
    expect(await running).toBe(1)
    expect(printed[0]?.human).toContain('Waiting for the utility to register this device.')
  })

  it('refuses missing options as usage errors', async () => {
    await expect(discoverCommand.run({ positionals: [], values: { dcap: 'http://x' }, json: false }, fakeIo(dir).io)).rejects.toBeInstanceOf(CliUsageError)
    await expect(discoverCommand.run({ positionals: [], values: { ...args(), cert: undefined }, json: false }, fakeIo(dir).io)).rejects.toBeInstanceOf(CliUsageError)
  })
})
