/**
 * Issue 20 in the app's engine: a device the server does not list is "waiting for the utility to register this
 * device" (the Utility server step in progress, with the words), the walk is repeated in the background at the
 * EndDeviceList rate, and the wait ends with the session. In-band registration is a server setting that the
 * Energex/Ergon targets never use (handbook 9).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { usesInBandRegistration, type DiscoveryResult, type ExchangeRecord } from '../../../src-shared/contract/server'
import type { WizardState } from '../../../src-shared/domain/wizard'
import { createEngine, type Engine } from '../create-engine'

let dataDir: string
let engine: Engine
let clock: FakeClock

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-server-reg-'))
  clock = new FakeClock(Date.UTC(2026, 5, 1, 2))
  engine = createEngine({ dataDir, host: 'cli', clock })
})
afterEach(async () => {
  await engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function call<T>(command: string, input: unknown): Promise<T> {
  const result = await engine.invoke(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

const SITE = {
  name: 'Smith residence',
  installer: { name: 'Pat Installer', licence: 'QLD-123456' },
  address: '1 Example St, Brisbane QLD 4000',
  nmi: 'QCDWW00010',
  pathway: 'cloud-proxy',
  pen: 57269,
  fixedLimits: { exportW: 1500, importW: 1500 },
  der: [{ type: 4, description: 'PV inverter', ratedW: 5000, ratedVA: 5000, count: 1 }],
}

describe('the app waits for the utility to register the device (issue 20)', () => {
  it('shows the wait in the Utility server step and looks again in the background at the EndDeviceList rate', async () => {
    const { id: siteId } = await call<{ id: string }>('sites.save', SITE)
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true } })
    expect((await call<DiscoveryResult>('server.connect', { siteId })).ok).toBe(true)
    // The same site under another NMI: its virtual LFDI is one the simulator has not registered.
    await call('sites.save', { ...SITE, id: siteId, nmi: 'QB01234567' })
    const result = await call<DiscoveryResult>('server.connect', { siteId })
    expect(result.ok).toBe(false)
    expect(result.awaitingRegistration).toBe(true)
    const step = (await call<WizardState>('wizard.get', { siteId })).steps.find((s) => s.step === 'server')
    expect(step).toMatchObject({ status: 'in-progress', note: expect.stringMatching(/^Waiting for the utility to register this device \(LFDI [0-9A-F]{40}\).*handbook 9/) })
    expect((await call<{ result: DiscoveryResult }>('server.getSettings', { siteId })).result.awaitingRegistration).toBe(true)
    // Still waiting (and still looking) after a period: the step never turns failed.
    const edevReads = async () => (await call<ExchangeRecord[]>('exchangeLog.list', { siteId })).filter((r) => r.method === 'GET' && /\/api\/v2\/edev(\?|$)/.test(r.url)).length
    const readsBefore = await edevReads()
    for (let i = 0; i < 31; i++) {
      clock.advance(10_000)
      for (let j = 0; j < 50; j++) await new Promise<void>((resolve) => setImmediate(resolve))
    }
    const after = (await call<WizardState>('wizard.get', { siteId })).steps.find((s) => s.step === 'server')
    expect(after?.status).toBe('in-progress')
    expect(await edevReads()).toBe(readsBefore + 1)
  }, 60_000)

  it('in-band registration is a setting for other servers only: never for the Energex/Ergon test and production servers', () => {
    expect(usesInBandRegistration({ target: 'custom', customUrl: 'https://x/dcap', checkHostname: true, inBandRegistration: true })).toBe(true)
    expect(usesInBandRegistration({ target: 'simulator', checkHostname: true, inBandRegistration: true })).toBe(true)
    expect(usesInBandRegistration({ target: 'test', checkHostname: true, inBandRegistration: true })).toBe(false)
    expect(usesInBandRegistration({ target: 'production', checkHostname: true, inBandRegistration: true })).toBe(false)
    expect(usesInBandRegistration({ target: 'custom', customUrl: 'https://x/dcap', checkHostname: true })).toBe(false)
  })
})
