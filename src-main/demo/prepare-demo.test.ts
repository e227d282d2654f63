import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CertificateReport } from '../../src-shared/domain/certificate'
import type { Site } from '../../src-shared/domain/site'
import { createEngine, type Engine } from '../engine/create-engine'
import { demoConfig, seedDemo } from './prepare-demo'

let dataDir: string
let engine: Engine

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-demo-'))
  engine = createEngine({ dataDir, host: 'web', ...(await demoConfig(dataDir, new Date())) })
  await seedDemo(engine)
})

afterAll(async () => {
  await engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('demo mode (APP-6)', () => {
  it('reports demo mode and seeds one demo site, once', async () => {
    await seedDemo(engine)
    const info = await engine.invoke('app.info', {})
    expect(info).toMatchObject({ ok: true, value: { demo: true } })
    const sites = await engine.invoke('sites.list', {})
    expect(sites.ok && (sites.value as Site[]).map((s) => s.nmi)).toEqual(['QCDWW00010'])
  })

  it('imports the practice certificate set through the ordinary checks, trusted by the practice SERCA', async () => {
    const sites = await engine.invoke('sites.list', {})
    const site = sites.ok ? (sites.value as Site[])[0] : undefined
    if (!site) throw new Error('no demo site')
    const result = await engine.invoke('demo.importCertificates', { siteId: site.id })
    if (!result.ok) throw new Error(result.error.message)
    const report = result.value as CertificateReport
    expect(report.ok).toBe(true)
    expect(report.keyStored).toBe(true)
    expect(report.identity?.lfdi).toMatch(/^[0-9A-F]{40}$/)
    expect(report.checks.find((c) => c.id === 'trust-anchor')?.status).toBe('pass')
  })

  it('keeps the same practice PKI across restarts', async () => {
    const again = await demoConfig(dataDir, new Date())
    expect(again.trustAnchorsPem).toEqual((await demoConfig(dataDir, new Date())).trustAnchorsPem)
    expect(engine.config.trustAnchorsPem).toEqual(again.trustAnchorsPem)
  })
})
