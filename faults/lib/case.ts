/**
 * A fault case: what it does to the program, and the verdict computed from what was observed (exit codes, output,
 * the server's request record, database rows) – never assumed.
 */
export interface Verdict {
  ok: boolean
  /** The observed facts the verdict rests on, one short line. */
  facts: string
}

export interface CaseContext {
  /** The project folder (bin/, out/node/). */
  root: string
  /** A fresh scratch folder for this case, removed afterwards. */
  tmp: string
  /** 100,000 mutations instead of 20,000 (--mutations-full). */
  fullMutations: boolean
  log: (line: string) => void
  /** Aborted when the case runs past its bound: loops stop starting processes. */
  signal: AbortSignal
}

export interface FaultCase {
  /** Short id, e.g. "server.values.export-negative". */
  id: string
  /** The issue 15 text this case reproduces, in a few words. */
  title: string
  /** Part of the fast subset that runs inside `npm test`. */
  fast: boolean
  /** Hard bound on the case's wall time; past it the case is wrong (and its processes killed). */
  timeoutMs: number
  run(ctx: CaseContext): Promise<Verdict>
}

export const pass = (facts: string): Verdict => ({ ok: true, facts })
export const wrong = (facts: string): Verdict => ({ ok: false, facts })

/** Every failed expectation joined; as expected when there is none. */
export function judge(checks: Array<[boolean, string]>, observed: string): Verdict {
  const failed = checks.filter(([good]) => !good).map(([, why]) => why)
  return failed.length === 0 ? pass(observed) : wrong(`${failed.join('; ')} [${observed}]`)
}
