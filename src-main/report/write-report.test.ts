import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleReport, sampleSite } from '../../src-shared/report/testing/sample-report'
import { exportReport, outputKindOf, reportJsonText } from './write-report'
import { validateReportJson } from './schema-file'

const dir = mkdtempSync(join(tmpdir(), 'sep2-report-write-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('outputKindOf', () => {
  it.each([
    ['report.pdf', 'pdf'],
    ['REPORT.PDF', 'pdf'],
    ['report.json', 'json'],
    ['report.html', 'html'],
    ['out-folder', 'dir'],
  ])('%s -> %s', (name, kind) => {
    expect(outputKindOf(join(dir, name))).toBe(kind)
  })

  it('an existing folder is a folder whatever its name', () => {
    mkdirSync(join(dir, 'looks.json'))
    expect(outputKindOf(join(dir, 'looks.json'))).toBe('dir')
  })

  it('refuses an extension it cannot write', () => {
    expect(() => outputKindOf(join(dir, 'report.docx'))).toThrow(expect.objectContaining({ code: 'REPORT_OUTPUT' }))
  })
})

describe('exportReport', () => {
  it('writes JSON that validates against the published schema, and nothing else beside it', async () => {
    const out = join(dir, 'json', 'report.json')
    expect(await exportReport(sampleReport(), { out })).toEqual([out])
    expect(validateReportJson(JSON.parse(readFileSync(out, 'utf8')))).toEqual([])
    expect(readdirSync(join(dir, 'json'))).toEqual(['report.json'])
  })

  it('writes the HTML the Electron host prints', async () => {
    const out = join(dir, 'report.html')
    await exportReport(sampleReport(), { out })
    expect(readFileSync(out, 'utf8')).toContain(sampleSite.nmi)
  })

  it('names a place it cannot write to (REPORT_OUTPUT)', async () => {
    await exportReport(sampleReport(), { out: join(dir, 'blocker.json') })
    const out = join(dir, 'blocker.json', 'x', 'report.json') // a file where a folder would have to be
    await expect(exportReport(sampleReport(), { out })).rejects.toMatchObject({ code: 'REPORT_OUTPUT' })
  })

  it('refuses to write a report that breaks its schema', () => {
    const broken = { ...sampleReport(), generatedAt: 'not a time' }
    expect(() => reportJsonText(broken)).toThrow(expect.objectContaining({ code: 'REPORT_SCHEMA' }))
  })
})
