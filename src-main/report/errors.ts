/** Report export failures, each with a stable code and a hint for the installer (DESIGN.md: one class per kind). */
import { AppError } from '../errors'

export class ReportPdfError extends AppError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('REPORT_PDF', message, { hint: options.hint ?? 'Check that Chromium is installed (apt-get install -y chromium) or export JSON instead.', cause: options.cause })
  }
}

export class ReportOutputError extends AppError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('REPORT_OUTPUT', message, { hint: options.hint ?? 'Pick a folder you may write to.', cause: options.cause })
  }
}

export class ReportSchemaError extends AppError {
  constructor(message: string) {
    super('REPORT_SCHEMA', message, { hint: 'The report does not match its published JSON Schema: this is a bug, please report it.' })
  }
}
