/** Fault injection for the simulated utility server: what the next matching requests should suffer. */

export type ServerFault =
  /** Answer with this status (429 with Retry-After, 500, 503 ...) instead of calling the handler. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Hold the response until `untilMs` on the server's clock (then answer normally), or until close when absent. */
  | { kind: 'hang'; untilMs?: number }
  /** Send the headers and half the body, then the rest at `untilMs` on the server's clock (or never, until close). */
  | { kind: 'stall-body'; untilMs?: number }
  /** Destroy the connection without answering. */
  | { kind: 'reset' }
  /** Answer 200 with a truncated XML body. */
  | { kind: 'malformed-body' }

export type ServerFaultKind = ServerFault['kind']

export interface FaultMatch {
  /** How many matching requests suffer the fault (default 1; Infinity until cleared). */
  times?: number
  /** Only requests to this path (exact) or matching this pattern. */
  path?: string | RegExp
  method?: string
}

interface FaultRule {
  fault: ServerFault
  remaining: number
  path: string | RegExp | undefined
  method: string | undefined
}

export const MALFORMED_BODY = '<DeviceCapability xmlns="urn:ieee:std:2030.5:ns" href="/api/v2/dcap"><TimeLink href="/api/v2/t'

/** Ordered fault rules; the first rule matching a request is consumed. */
export class FaultQueue {
  private rules: FaultRule[] = []

  add(fault: ServerFault, match: FaultMatch = {}): void {
    this.rules.push({ fault, remaining: match.times ?? 1, path: match.path, method: match.method?.toUpperCase() })
  }

  clear(): void {
    this.rules = []
  }

  /** The fault for this request, if any, counting it against its rule. */
  take(method: string, path: string): ServerFault | undefined {
    const rule = this.rules.find((r) => matches(r, method, path))
    if (!rule) return undefined
    rule.remaining--
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule)
    return rule.fault
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method !== method.toUpperCase()) return false
  if (rule.path === undefined) return true
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)
}
