/**
 * The report's published JSON Schema (APP-5): resources/report/commissioning-report.schema.json, generated from the
 * zod model by `UPDATE_REPORT_SCHEMA=1 npx vitest run src-main/report/schema-file.test.ts` (the other tests of that
 * run still see the old file; run it once more without the variable); a test keeps the committed
 * file equal to what the model generates.
 */
import published from '../../resources/report/commissioning-report.schema.json'
import { reportJsonSchema } from '../../src-shared/report/model/report'
import { validateJsonSchema, type JsonSchema, type SchemaIssue } from './json-schema-validator'

/** Relative to the repository root. */
export const REPORT_SCHEMA_FILE = 'resources/report/commissioning-report.schema.json'

/** The schema file's text as the model generates it (2-space JSON, trailing newline). */
export function generatedReportSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`
}

export function publishedReportSchema(): JsonSchema {
  return published as JsonSchema
}

/** Check a report (e.g. one read back from a file) against the published schema; empty when valid. */
export function validateReportJson(value: unknown): SchemaIssue[] {
  return validateJsonSchema(value, publishedReportSchema())
}
