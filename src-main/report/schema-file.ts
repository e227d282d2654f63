/**
 * The report's published JSON Schema (APP-5): resources/report/commissioning-report.schema.json, generated from the
 * zod model by `UPDATE_REPORT_SCHEMA=1 npx vitest run src-main/report/schema-file.test.ts` (the other tests of that
 * run still see the old file; run it once more without the variable); a test keeps the committed
 * file equal to what the model generates. Reports are checked with that zod model itself.
 */
import { isDeepStrictEqual } from 'node:util'
import published from '../../resources/report/commissioning-report.schema.json'
import { commissioningReportSchema, reportJsonSchema } from '../../src-shared/report/model/report'

/** Relative to the repository root. */
export const REPORT_SCHEMA_FILE = 'resources/report/commissioning-report.schema.json'

/** One thing wrong with a report, at a JSON Pointer (RFC 6901) path. */
export interface SchemaIssue {
  path: string
  message: string
}

/** The schema file's text as the model generates it (2-space JSON, trailing newline). */
export function generatedReportSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`
}

export function publishedReportSchema(): Record<string, unknown> {
  return published as Record<string, unknown>
}

const pointer = (path: readonly PropertyKey[]): string => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')

/**
 * Check a report (e.g. one read back from a file) with the zod model the published schema is generated from; empty
 * when valid. The schema closes every object (additionalProperties: false) while zod drops unknown keys, so a key
 * the parse result lacks is reported as one the schema does not know.
 */
export function validateReportJson(value: unknown): SchemaIssue[] {
  const parsed = commissioningReportSchema.safeParse(value)
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: pointer(i.path), message: i.message }))
  return unknownKeys(value, parsed.data, [])
}

function unknownKeys(input: unknown, output: unknown, path: PropertyKey[]): SchemaIssue[] {
  if (isDeepStrictEqual(input, output)) return []
  if (typeof input !== 'object' || input === null || typeof output !== 'object' || output === null) {
    return [{ path: pointer(path), message: 'Value differs from the schema’s reading of it' }]
  }
  const out = output as Record<string, unknown>
  return Object.entries(input).flatMap(([key, child]) =>
    key in out ? unknownKeys(child, out[key], [...path, key]) : [{ path: pointer([...path, key]), message: `Unknown property "${key}"` }],
  )
}
