/**
 * What the client knows of its MirrorUsagePoints on the server, kept in the telemetry buffer's state (so it survives
 * restarts): the Location per scope, which creation form the server took (handbook 10.8.3's two-step form, or the
 * one-step form carrying the first MirrorMeterReading that the reference server requires), and the last refusal with
 * the server's own words (issue 20 item 3).
 */
import type { MirrorUsagePointView } from '../../src-shared/contract/telemetry'
import type { AppErrorShape } from '../../src-shared/result'
import type { Scope } from '../../src-shared/telemetry'
import { Sep2HttpStatusError, type Sep2TransportError } from '../sep2/transport'
import type { TelemetryBuffer } from './telemetry-buffer'

/** two-step: an empty MirrorUsagePoint, then readings to its Location; one-step: the MUP carries its first reading. */
export type MupForm = 'two-step' | 'one-step'

/** A 4xx on a telemetry POST: what was sent, and what the server said. */
export interface TelemetryRefusal {
  scope: Scope
  document: 'MirrorUsagePoint' | 'MirrorMeterReading'
  form?: MupForm
  status: number | undefined
  /** The server's words (start of its response body), or the transport's message when it sent none. */
  serverText: string
  url: string
  at: number
}

export interface MupRecord {
  scope: Scope
  location: string | undefined
  form: MupForm | undefined
  /** The last refusal for this scope (kept after a later success, so the installer sees why the form changed). */
  refusal: TelemetryRefusal | undefined
}

const locationKey = (scope: Scope): string => `mup.${scope}`
const formKey = (scope: Scope): string => `mup.form.${scope}`
const refusalKey = (scope: Scope): string => `mup.refusal.${scope}`

export class MupStore {
  constructor(private readonly buffer: TelemetryBuffer) {}

  location(scope: Scope): string | undefined {
    return this.buffer.getState(locationKey(scope))
  }

  setLocation(scope: Scope, location: string | undefined): void {
    this.buffer.setState(locationKey(scope), location)
  }

  form(scope: Scope): MupForm | undefined {
    const form = this.buffer.getState(formKey(scope))
    return form === 'two-step' || form === 'one-step' ? form : undefined
  }

  setForm(scope: Scope, form: MupForm): void {
    this.buffer.setState(formKey(scope), form)
  }

  refusal(scope: Scope): TelemetryRefusal | undefined {
    const text = this.buffer.getState(refusalKey(scope))
    return text === undefined ? undefined : (JSON.parse(text) as TelemetryRefusal)
  }

  setRefusal(refusal: TelemetryRefusal): void {
    this.buffer.setState(refusalKey(refusal.scope), JSON.stringify(refusal))
  }

  record(scope: Scope): MupRecord {
    return { scope, location: this.location(scope), form: this.form(scope), refusal: this.refusal(scope) }
  }
}

/** A refusal record from a transport error that is a 4xx (other than 404), else undefined. */
export function refusalOf(error: Sep2TransportError, o: Omit<TelemetryRefusal, 'status' | 'serverText' | 'url'>): TelemetryRefusal | undefined {
  if (!(error instanceof Sep2HttpStatusError) || error.status < 400 || error.status >= 500) return undefined
  return { ...o, status: error.status, serverText: error.serverText || error.message, url: error.url }
}

/** The refusal in words for logs and the status line. */
export function describeRefusal(r: TelemetryRefusal): string {
  const what = r.document === 'MirrorUsagePoint' ? `the ${r.scope} MirrorUsagePoint${r.form ? ` (${r.form} form)` : ''}` : `a ${r.scope} MirrorMeterReading`
  return `The server refused ${what} with ${r.status ?? 'an error'}: "${r.serverText}"`
}

export function refusalError(r: TelemetryRefusal): AppErrorShape {
  return { code: 'TELEMETRY_REFUSED', message: describeRefusal(r) }
}

/** A MirrorUsagePoint for the Telemetry step (contract MirrorUsagePointView), `blocking` the refusal sending stopped on. */
export function mupView(record: MupRecord, blocking: TelemetryRefusal | undefined): MirrorUsagePointView {
  const refusal = record.refusal ? ` ${describeRefusal(record.refusal)}.` : ''
  const formWords = record.form === 'one-step' ? 'created with its first reading (one-step form)' : 'created empty, readings posted to it (two-step form)'
  const text = record.location ? `${record.scope} MirrorUsagePoint at ${record.location}, ${formWords}.${refusal}` : `${record.scope} MirrorUsagePoint not created yet.${refusal}`
  const isBlocking = blocking !== undefined && blocking.scope === record.scope
  return { scope: record.scope, location: record.location ?? null, form: record.form ?? null, text: isBlocking ? `${text} Sending stopped until the next start; readings are kept.` : text, blocking: isBlocking }
}
