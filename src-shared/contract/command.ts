import { z } from 'zod'

/** A command: its input schema (validated in the main process) and its output type. */
export function command<I extends z.ZodType>(input: I) {
  return { returns: <O>() => ({ input, output: undefined as unknown as O }) }
}

export const siteId = z.string().min(1).max(64)
