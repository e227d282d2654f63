import type { Result } from '../../../src-shared/result'
import type { ParsedSep2 } from './codec'
import type { Sep2Kind } from './models'

/** One document to parse in the worker. */
export interface ParseRequest {
  id: number
  xml: string
  kind?: Sep2Kind
}

/**
 * The worker's answer. A long list comes in parts first (each `ParsePart` a slice of one array) and then the result
 * with those arrays empty: each message is cloned back on the engine's loop in its own turn, so a 2 MiB list is
 * never one long structured clone there.
 */
export type ParseMessage = ParsePart | ParseReply

export interface ParsePart {
  id: number
  /** Which array: a field of the document (e.g. `DERControl`) or the parse report's `unknown`. */
  array: { in: 'doc' | 'report'; field: string }
  items: unknown[]
}

export interface ParseReply {
  id: number
  result: Result<ParsedSep2>
}

/** Items per part: small enough that cloning one part takes well under a millisecond. */
export const PARSE_PART_ITEMS = 32

/** The worker bundle's file name, next to the host's entries (out/main, out/node). */
export const PARSE_WORKER_FILE = 'sep2-parse-worker.js'

/** Splits a parse result into parts + a reply with the long arrays emptied (worker side). */
export function splitResult(id: number, result: Result<ParsedSep2>): ParseMessage[] {
  if (!result.ok) return [{ id, result }]
  const parts: ParsePart[] = []
  const take = (where: 'doc' | 'report', holder: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...holder }
    for (const [field, value] of Object.entries(holder)) {
      if (!Array.isArray(value) || value.length <= PARSE_PART_ITEMS) continue
      for (let i = 0; i < value.length; i += PARSE_PART_ITEMS) parts.push({ id, array: { in: where, field }, items: value.slice(i, i + PARSE_PART_ITEMS) })
      out[field] = []
    }
    return out
  }
  const { doc, ...report } = result.value
  const value = { ...take('report', report), doc: take('doc', doc as unknown as Record<string, unknown>) }
  return [...parts, { id, result: { ok: true, value: value as unknown as ParsedSep2 } }]
}

/** Puts the parts back into the reply's arrays, in order (engine side). */
export function joinResult(parts: readonly ParsePart[], result: Result<ParsedSep2>): Result<ParsedSep2> {
  if (!result.ok || parts.length === 0) return result
  const value = result.value as unknown as Record<string, unknown> & { doc: Record<string, unknown> }
  for (const part of parts) {
    const holder = part.array.in === 'doc' ? value.doc : value
    ;(holder[part.array.field] as unknown[]).push(...part.items)
  }
  return result
}
