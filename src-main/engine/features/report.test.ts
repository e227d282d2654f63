import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportFile, ReportPreview, StoredReportView } from '../../../src-shared/contract/report'
import { DEMO_SITE } from '../../demo/demo-site'
import { validateReportJson } from '../../report/schema-file'
import { createEngine, type Engine } from '../create-engine'

let dataDir: string
let engine: Engine
let siteId: string

async function call<T>(command: string, input: unknown): Promise<T> {
  const result = await engine.invoke(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-report-'))
  engine = createEngine({ dataDir, host: 'web' })
  siteId = (await call<{ id: string }>('sites.save', DEMO_SITE)).id
})

afterAll(async () => {
  await engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('report step (APP-5, APP-7)', { timeout: 90_000 }, () => {
  it('previews the report body with the site, NMI and the sections not done in words', async () => {
    const preview = await call<ReportPreview>('report.preview', { siteId, rpeq: { name: 'A. Engineer', registrationNumber: '12345' } })
    expect(preview.bodyHtml).toContain(DEMO_SITE.name)
    expect(preview.bodyHtml).toContain('QCDWW00010')
    expect(preview.bodyHtml).toContain('A. Engineer')
    expect(preview.bodyHtml).not.toContain('<style')
    expect(preview.summary.outcome).toBe('incomplete')
  })

  it('exports JSON that validates against the published schema, and a PDF, and keeps both in the history', async () => {
    const json = await call<ReportFile>('report.export', { siteId, format: 'json' })
    expect(validateReportJson(JSON.parse(Buffer.from(json.dataBase64 ?? '', 'base64').toString('utf8')))).toEqual([])
    const pdf = await call<ReportFile>('report.export', { siteId, format: 'pdf' })
    expect(pdf.mime).toBe('application/pdf')
    expect(Buffer.from(pdf.dataBase64 ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    const history = await call<StoredReportView[]>('report.list', { siteId })
    expect(history.map((r) => r.format).sort()).toEqual(['json', 'pdf'])
    const reopened = await call<ReportPreview>('report.open', { reportId: history[0]?.id })
    expect(reopened.bodyHtml).toContain('QCDWW00010')
    expect(await call('report.delete', { reportId: history[0]?.id })).toEqual({ deleted: true })
    expect(await call<StoredReportView[]>('report.list', { siteId })).toHaveLength(1)
    const wizard = await call<{ steps: { step: string; status: string }[] }>('wizard.get', { siteId })
    expect(wizard.steps.find((s) => s.step === 'report')?.status).toBe('done')
  })

  it('names an unknown report', async () => {
    expect(await engine.invoke('report.open', { reportId: 'gone' })).toMatchObject({ ok: false, error: { code: 'REPORT_NOT_FOUND' } })
  })
})
