import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sampleReport } from '../../src-shared/report/testing/sample-report'
import { generatedReportSchemaText, publishedReportSchema, validateReportJson } from './schema-file'

const SCHEMA_PATH = fileURLToPath(new URL('../../resources/report/commissioning-report.schema.json', import.meta.url))

type Json = Record<string, unknown>
const at = (value: unknown, ...keys: (string | number)[]): Json => keys.reduce<Json>((node, key) => node[key] as Json, value as Json)

/** The sample report as it comes back from a JSON file. */
const reportJson = (): Record<string, unknown> => JSON.parse(JSON.stringify(sampleReport())) as Record<string, unknown>

describe('the published JSON Schema (APP-5)', () => {
  it('is the one the zod model generates (UPDATE_REPORT_SCHEMA=1 rewrites it)', () => {
    if (process.env.UPDATE_REPORT_SCHEMA === '1') writeFileSync(SCHEMA_PATH, generatedReportSchemaText())
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(generatedReportSchemaText())
  })

  it('is draft 2020-12', () => {
    expect(publishedReportSchema()).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' })
  })

  it('accepts a full report with a passing and a failing run', () => {
    expect(validateReportJson(reportJson())).toEqual([])
  })

  it.each<[string, (r: Record<string, unknown>) => void, string]>([
    ['a missing NMI', (r) => void delete at(r, 'site').nmi, '/site'],
    ['an unknown format', (r) => void (r.format = 'something-else'), '/format'],
    ['a property the schema does not know', (r) => void (r.extra = 1), '/extra'],
    ['a property the schema does not know, deep in a run', (r) => void (at(r, 'testRuns', 'data', 'runs', 0, 'verdict').extra = 1), '/testRuns/data/runs/0/verdict/extra'],
    ['a bad timestamp', (r) => void (r.generatedAt = 'yesterday'), '/generatedAt'],
    ['a verdict that is text', (r) => void (at(r, 'testRuns', 'data', 'runs', 0, 'verdict').pass = 'yes'), '/testRuns/data/runs/0/verdict/pass'],
    ['a sample that is not a pair', (r) => void (at(r, 'testRuns', 'data', 'runs', 1, 'series').targetW as unknown[]).push([1, 2, 3]), '/testRuns/data/runs/1/series/targetW'],
    ['a "not done" section without its reason', (r) => void (r.telemetry = { status: 'not-done' }), '/telemetry'],
    ['an unknown summary outcome', (r) => void (at(r, 'summary').outcome = 'maybe'), '/summary/outcome'],
  ])('refuses a report with %s', (_name, breakIt, path) => {
    const report = reportJson()
    breakIt(report)
    const issues = validateReportJson(report)
    expect(issues.length).toBeGreaterThan(0)
    expect(issues.some((i) => i.path.startsWith(path))).toBe(true)
  })
})
