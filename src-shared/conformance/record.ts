/**
 * What a conformance check looks at: the exchange the simulated server recorded and the documents the client left
 * on it – the harness's database, as facts. The adapter that runs a procedure (src-main/conformance) fills it from
 * the utility simulator; the checks (checks/*.ts) only read it.
 */
import type { HttpMethod } from './step-machine'

export interface RecordedRequest {
  readonly method: HttpMethod
  /** Path without the server's mount prefix or query, as the procedures name endpoints (/edev/1/derp/1/derc). */
  readonly path: string
  /** The list query's `s`, when given. */
  readonly start?: number
  readonly atMs: number
  readonly status: number
}

export interface RecordedResponse {
  /** The DERControl's tag in the procedure (create-der-control `tag`), when it had one. */
  readonly subjectTag?: string
  readonly subjectMrid: string
  readonly status: number
  readonly atMs: number
}

export interface RecordedEndDevice {
  readonly lfdi: string
  /** Decimal, with its check digit, as the client declared it. */
  readonly sfdi: string
  readonly deviceCategory?: number
  readonly nmi?: string
}

/** A DER document the client PUT, as decoded values: watts / VA / var / Wh after the multiplier, bitmaps as numbers. */
export type DerValues = Readonly<Record<string, number | undefined>>

export type ReadingKind = 'site-active-power' | 'site-reactive-power' | 'voltage' | 'der-active-power' | 'der-reactive-power' | 'der-stored-energy'

export interface RecordedReadingSeries {
  readonly kind: ReadingKind
  readonly mupMrid: string
  readonly mrid: string
  /** Each reading's value (after the multiplier) and interval start. */
  readonly readings: readonly { value: number; startMs: number; durationS: number; receivedAtMs: number }[]
}

export interface HarnessRecord {
  /** When the procedure left its init phase (the harness's `started_at`). */
  readonly startedAtMs: number
  readonly requests: readonly RecordedRequest[]
  readonly responses: readonly RecordedResponse[]
  /** Every DERControl the procedure created (including cancelled ones), for `response-contents all`. */
  readonly controls: readonly { mrid: string; tag?: string }[]
  readonly endDevices: readonly RecordedEndDevice[]
  readonly derSettings?: DerValues
  readonly derCapability?: DerValues
  readonly derStatus?: DerValues
  readonly readings: readonly RecordedReadingSeries[]
}

export interface CheckResult {
  readonly pass: boolean
  /** Plain words: what was found (always given when it fails). */
  readonly detail: string
}

export const passed = (detail = 'as expected'): CheckResult => ({ pass: true, detail })
export const failed = (detail: string): CheckResult => ({ pass: false, detail })
