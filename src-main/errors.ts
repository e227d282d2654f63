/**
 * One error class per failure kind, each with a stable `code` (DESIGN.md layer 3) from the closed lists in
 * src-shared/errors/codes.ts. `hint` is the installer-facing "what this means / what to do" line shown beside the
 * technical message.
 */
import type { ErrorCode } from '../src-shared/errors/codes'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly hint: string | undefined

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.hint = options.hint
  }

  /** Message for the installer: the technical message plus the hint, if any. */
  describe(): string {
    return this.hint ? `${this.message} – ${this.hint}` : this.message
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.describe()
  if (error instanceof Error) return error.message
  return String(error)
}
