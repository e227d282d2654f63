/**
 * The "Utility server" API (SRV-2 .. SRV-7) end to end in the engine: the built-in simulator with its device
 * certificate imported for the site, discovery with live step events, the wizard step, the resource browser and the
 * exchange log (filter, export, no key material).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src-shared/api'
import { FakeClock } from '../../../src-shared/clock'
import type { ReportPreview } from '../../../src-shared/contract/report'
import type { DiscoveryResult, ExchangeRecord, ServerStatus } from '../../../src-shared/contract/server'
import type { WizardState } from '../../../src-shared/domain/wizard'
import { demoConfig } from '../../demo/prepare-demo'
import { createEngine, type Engine } from '../create-engine'

let dataDir: string
let engine: Engine
let events: EngineEvent[]

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-server-'))
  events = []
  engine = createEngine({ dataDir, host: 'cli', clock: new FakeClock(Date.UTC(2026, 5, 1, 2)) })
  engine.subscribe((e) => events.push(e))
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

async function newSite(pathway: string): Promise<string> {
  const site = {
    name: 'Smith residence',
    installer: { name: 'Pat Installer', licence: 'QLD-123456' },
    address: '1 Example St, Brisbane QLD 4000',
    nmi: 'QCDWW00010',
    pathway,
    pen: 57269,
    fixedLimits: { exportW: 1500, importW: 1500 },
    der: [{ type: 4, description: 'PV inverter', ratedW: 5000, ratedVA: 5000, count: 1 }],
  }
  return (await call<{ id: string }>('sites.save', site)).id
}

describe('server settings (SRV-2)', () => {
  it('defaults to the Energy Queensland test server and keeps the choice per site', async () => {
    const siteId = await newSite('gateway')
    expect((await call<ServerStatus>('server.getSettings', { siteId })).dcapUrl).toBe('https://sep2-test.energyq.com.au/api/v2/dcap')
    const saved = await call<ServerStatus>('server.saveSettings', { siteId, settings: { target: 'production', checkHostname: false, expectedPin: 42 } })
    expect(saved.dcapUrl).toBe('https://sep2.energyq.com.au/api/v2/dcap')
    expect((await call<ServerStatus>('server.getSettings', { siteId })).settings).toEqual({ target: 'production', checkHostname: false, expectedPin: 42 })
  })

  it('refuses to connect without a certificate, in words', async () => {
    const siteId = await newSite('gateway')
    const r = await engine.invoke('server.connect', { siteId })
    expect(!r.ok && r.error.code).toBe('SERVER_NO_CERTIFICATE')
    const wizard = await call<WizardState>('wizard.get', { siteId })
    expect(wizard.steps.find((s) => s.step === 'server')).toMatchObject({ status: 'failed', note: expect.stringMatching(/Certificates step/) })
  })
})

describe('connect to the built-in simulator', () => {
  it('imports its device certificate for the site, walks it with live step events and marks the wizard step done', async () => {
    const siteId = await newSite('gateway')
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true, expectedPin: 1234 } })
    const result = await call<DiscoveryResult>('server.connect', { siteId })
    expect(result.ok).toBe(true)
    expect(result.registration?.match).toBe(true)
    expect(result.programs[0]?.defaultControl?.modes.opModExpLimW).toBe(1500)
    const steps = events.filter((e) => e.event === 'server.step')
    expect(steps.length).toBe(result.steps.length)
    expect((await call<{ identity: { lfdi: string } }>('certificates.get', { siteId })).identity.lfdi).toBe(result.endDevice?.lFDI)
    const wizard = await call<WizardState>('wizard.get', { siteId })
    expect(wizard.steps.find((s) => s.step === 'server')).toMatchObject({ status: 'done', note: expect.stringMatching(/PIN matches/) })
    expect(await call<DiscoveryResult | null>('server.result', { siteId })).toEqual(result)
    expect((await call<ServerStatus>('server.getSettings', { siteId })).link?.state).toBe('ok')

    const dcap = await call<{ xml: string; status: number }>('server.resource', { siteId, href: '/api/v2/dcap' })
    expect(dcap.xml).toContain('<DeviceCapability')
    expect((await engine.invoke('server.resource', { siteId, href: 'https://example.com/api/v2/dcap' })).ok).toBe(false)

    const log = await call<ExchangeRecord[]>('exchangeLog.list', { siteId, filter: { url: '/rg' } })
    expect(log.map((r) => r.status)).toEqual([200])
    const csv = await call<{ content: string; fileName: string }>('exchangeLog.export', { siteId, format: 'csv' })
    expect(csv.fileName).toMatch(/\.csv$/)
    expect(csv.content).toContain('/api/v2/dcap')
    expect(csv.content).not.toMatch(/PRIVATE KEY/)
  }, 60_000)

  it('a wrong PIN fails the wizard step with what it means', async () => {
    const siteId = await newSite('gateway')
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true, expectedPin: 1234 } })
    await call('server.connect', { siteId })
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true, expectedPin: 5555 } })
    const result = await call<DiscoveryResult>('server.connect', { siteId })
    expect(result.stoppedAt).toBe('Registration')
    const wizard = await call<WizardState>('wizard.get', { siteId })
    expect(wizard.steps.find((s) => s.step === 'server')).toMatchObject({ status: 'failed', note: expect.stringMatching(/PIN 1234, not 5555/) })
  }, 60_000)

  it('a cloud-proxy site is found by its virtual LFDI among all the EndDevices', async () => {
    const siteId = await newSite('cloud-proxy')
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true } })
    const result = await call<DiscoveryResult>('server.connect', { siteId })
    const virtual = await call<{ lfdi: string }>('identity.virtualLfdi', { nmi: 'QCDWW00010', pen: 57269 })
    expect(result.mode).toBe('cloud-proxy')
    expect(result.endDevice?.lFDI).toBe(virtual.lfdi)
    expect(result.endDevices.length).toBeGreaterThan(1)
    expect(result.ok).toBe(true)
  }, 60_000)
})

describe('server-check record (issue 17 item 1)', () => {
  const serverRow = async (siteId: string) => (await call<ReportPreview>('report.preview', { siteId })).summary.items.find((i) => i.id === 'server')

  it('each walk stores its facts; the report verdict follows the latest: PIN matches -> PASS, wrong PIN -> FAIL', async () => {
    const siteId = await newSite('gateway')
    expect(await serverRow(siteId)).toMatchObject({ outcome: 'not-done' })
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true, expectedPin: 1234 } })
    await call('server.connect', { siteId })
    expect(await serverRow(siteId)).toMatchObject({ outcome: 'pass', detail: expect.stringMatching(/registered, PIN 1234 matches, TLSv1\.[23] chain verified \(server check of 2026-06-01 12:00:00 AEST\)/) })
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true, expectedPin: 5555 } })
    await call('server.connect', { siteId })
    expect(await serverRow(siteId)).toMatchObject({ outcome: 'fail', detail: expect.stringMatching(/server holds 1234, the installer entered 5555/) })
  }, 60_000)

  it('a site whose LFDI the server does not know fails with that reason', async () => {
    const siteId = await newSite('cloud-proxy')
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true, expectedPin: 1234 } })
    await call('server.connect', { siteId })
    expect(await serverRow(siteId)).toMatchObject({ outcome: 'pass' })
    // Another NMI: another virtual LFDI (handbook 9.1.2), which the utility never registered.
    const site = await call<Record<string, unknown>>('sites.get', { id: siteId })
    const { createdAt: _c, updatedAt: _u, ...input } = site
    await call('sites.save', { ...input, nmi: 'QB01234567' })
    const other = await call<{ lfdi: string }>('identity.virtualLfdi', { nmi: 'QB01234567', pen: 57269 })
    expect((await call<DiscoveryResult>('server.connect', { siteId })).stoppedAt).toBe('EndDevice')
    expect(await serverRow(siteId)).toMatchObject({ outcome: 'fail', detail: expect.stringContaining(`does not know LFDI ${other.lfdi}`) })
  }, 60_000)
})

describe('demo mode (APP-6)', () => {
  it('the simulator serves the practice PKI the demo site already uses: no re-import, the ordinary checks passed', async () => {
    await engine.close()
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 2))
    engine = createEngine({ dataDir, host: 'cli', clock, ...(await demoConfig(dataDir, new Date(clock.now()))) })
    engine.subscribe((e) => events.push(e))
    const siteId = await newSite('gateway')
    // The demo "utility" gives its PIN, as a real one does: the demo's PIN check is made, not skipped.
    expect((await call<ServerStatus>('server.getSettings', { siteId })).settings).toEqual({ target: 'simulator', checkHostname: true, expectedPin: 1234 })
    const imported = await call<{ importedAt: number; identity: { lfdi: string } }>('demo.importCertificates', { siteId })
    const result = await call<DiscoveryResult>('server.connect', { siteId })
    expect(result.ok).toBe(true)
    expect(result.registration).toMatchObject({ serverPin: 1234, match: true })
    const row = (await call<ReportPreview>('report.preview', { siteId })).summary.items.find((i) => i.id === 'server')
    expect(row).toMatchObject({ outcome: 'pass', detail: expect.stringContaining('PIN 1234 matches') })
    expect(result.endDevice?.lFDI).toBe(imported.identity.lfdi)
    expect(await call('certificates.get', { siteId })).toMatchObject({ importedAt: imported.importedAt, ok: true })
  }, 60_000)
})
