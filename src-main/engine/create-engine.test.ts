import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SiteInput } from '../../src-shared/domain/site'
import { FakeClock } from '../../src-shared/clock'
import { createEngine, type Engine } from './create-engine'

export const sampleSite = (overrides: Partial<SiteInput> = {}): SiteInput => ({
  name: 'Smith residence',
  installer: { name: 'Pat Installer', licence: 'QLD-123456' },
  address: '1 Example St, Brisbane QLD 4000',
  nmi: 'QCDWW00010',
  pathway: 'gateway',
  pen: 57269,
  fixedLimits: { exportW: 1500, importW: 1500 },
  der: [{ type: 4, description: 'PV inverter', ratedW: 5000, ratedVA: 5000, count: 1 }],
  ...overrides,
})

let dataDir: string
let engine: Engine
const clock = new FakeClock(Date.UTC(2026, 10, 28, 2, 0, 0))

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-engine-'))
  engine = createEngine({ dataDir, host: 'cli', clock })
})

afterEach(async () => {
  await engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the last place (the app opens where the installer left off)', () => {
  it('is null on a first start, then the remembered site and step – across an engine restart', async () => {
    expect(await engine.invoke('app.lastPlace', {})).toEqual({ ok: true, value: null })
    expect(await engine.invoke('app.rememberPlace', { siteId: 's1', step: 'limits' })).toEqual({ ok: true, value: { saved: true } })
    await engine.close()
    engine = createEngine({ dataDir, host: 'cli', clock })
    expect(await engine.invoke('app.lastPlace', {})).toEqual({ ok: true, value: { siteId: 's1', step: 'limits' } })
  })

  it('refuses a step that does not exist', async () => {
    expect(await engine.invoke('app.rememberPlace', { siteId: 's1', step: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'API_BAD_INPUT' } })
  })
})

describe('engine command boundary', () => {
  it('rejects unknown commands and invalid input with stable codes, never throwing', async () => {
    expect(await engine.invoke('nope', {})).toMatchObject({ ok: false, error: { code: 'API_UNKNOWN_COMMAND' } })
    expect(await engine.invoke('sites.get', { id: '' })).toMatchObject({ ok: false, error: { code: 'API_BAD_INPUT' } })
    expect(await engine.invoke('sites.save', 'not an object')).toMatchObject({ ok: false, error: { code: 'API_BAD_INPUT' } })
  })

  it('maps an expected failure to its code', async () => {
    expect(await engine.invoke('sites.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'SITE_NOT_FOUND' } })
  })
})

describe('sites (ID-4)', () => {
  it('saves a site with its NMI normalised, lists and edits it', async () => {
    const saved = await engine.invoke('sites.save', sampleSite({ nmi: ' qcdww000102 ' }))
    expect(saved).toMatchObject({ ok: true, value: { nmi: 'QCDWW00010', name: 'Smith residence' } })
    if (!saved.ok) return
    const site = saved.value as { id: string }
    const edited = await engine.invoke('sites.save', { ...sampleSite({ name: 'Smith (edited)' }), id: site.id })
    expect(edited).toMatchObject({ ok: true, value: { id: site.id, name: 'Smith (edited)' } })
    const list = await engine.invoke('sites.list', {})
    expect(list.ok && (list.value as unknown[]).length).toBe(1)
  })

  it('refuses a wrong NMI checksum with a message naming the expected checksum', async () => {
    const result = await engine.invoke('sites.save', sampleSite({ nmi: 'QCDWW000109' }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('API_BAD_INPUT')
    expect(result.error.message).toMatch(/checksum/i)
    expect(result.error.message).toContain('2')
  })

  it('keeps several sites and deletes one', async () => {
    const a = await engine.invoke('sites.save', sampleSite({ name: 'A' }))
    await engine.invoke('sites.save', sampleSite({ name: 'B', nmi: 'VKTS876510' }))
    if (!a.ok) throw new Error('save failed')
    expect(await engine.invoke('sites.delete', { id: (a.value as { id: string }).id })).toEqual({ ok: true, value: { deleted: true } })
    const list = await engine.invoke('sites.list', {})
    expect(list.ok && (list.value as { name: string }[]).map((s) => s.name)).toEqual(['B'])
  })
})

describe('wizard (APP-1)', () => {
  it('lists every step, marks the site step done on save, and remembers statuses across restarts', async () => {
    const saved = await engine.invoke('sites.save', sampleSite())
    if (!saved.ok) throw new Error('save failed')
    const siteId = (saved.value as { id: string }).id
    await engine.invoke('wizard.setStatus', { siteId, step: 'certificates', status: 'failed', note: 'expired' })
    await engine.close()
    engine = createEngine({ dataDir, host: 'cli', clock })
    const state = await engine.invoke('wizard.get', { siteId })
    expect(state.ok && (state.value as { steps: { step: string; status: string }[] }).steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'site:done',
      'certificates:failed',
      'devices:not-started',
      'server:not-started',
      'limits:not-started',
      'verification:not-started',
      'telemetry:not-started',
      'report:not-started',
    ])
  })

  it('pushes wizard.changed events', async () => {
    const seen: string[] = []
    engine.subscribe((e) => seen.push(e.event))
    await engine.invoke('sites.save', sampleSite())
    expect(seen).toContain('wizard.changed')
    expect(seen).toContain('sites.changed')
  })
})
