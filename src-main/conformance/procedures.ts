/**
 * The 83 cactus client test procedures shipped with the app (resources/cactus-client-procedures: the YAML as
 * published, MIT, and procedures.json made from it by scripts/import-cactus-procedures.mjs), read and classified
 * for Queensland. Reading refuses a procedure outside the harness's vocabulary, so a bad file fails loudly here.
 */
import bundle from '../../resources/cactus-client-procedures/procedures.json'
import { AppError } from '../errors'
import { classify, type Classification } from '../../src-shared/conformance/applicability'
import { readProcedure, type Procedure } from '../../src-shared/conformance/procedure'

export interface ClassifiedProcedure {
  readonly procedure: Procedure
  readonly classification: Classification
}

let cache: readonly ClassifiedProcedure[] | undefined

/** Every procedure, in the harness's id order, with its classification. Throws CONFORMANCE_PROCEDURE_INVALID. */
export function loadProcedures(): readonly ClassifiedProcedure[] {
  cache ??= Object.entries(bundle.procedures as Record<string, unknown>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, raw]) => {
      const read = readProcedure(id, raw)
      if (!read.ok) throw new AppError(read.error.code, read.error.message)
      return { procedure: read.value, classification: classify(read.value) }
    })
  return cache
}

export const PROCEDURES_SOURCE: string = bundle.source
