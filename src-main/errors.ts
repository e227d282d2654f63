/**
 * One error class per failure kind, each with a stable `code` (DESIGN.md layer 3). `hint` is the installer-facing
 * "what this means / what to do" line shown beside the technical message.
 */
export class AppError extends Error {
  readonly code: string
  readonly hint: string | undefined

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
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
