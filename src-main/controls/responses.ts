/**
 * DERControlResponses (handbook 10.5.3 table 3, CTL-4): only statuses 1, 2, 3, 6, 7; sent when the event's
 * responseRequired asks; each (event, status) once – recorded before the first POST, so a restart never sends it
 * twice – POSTed to the event's replyTo and retried until accepted or the event is over; the 201 Location is kept.
 */
import type { Clock } from '../../src-shared/clock'
import type { EventWindow, ResponseIntent } from '../../src-shared/controls'
import { serialiseSep2 } from '../sep2/xml'
import type { ControlsStore, StoredResponse } from '../storage/controls-repo'

/** How a POST went; the engine adapts the SEP2 transport to this. */
export type PostOutcome = { ok: true; location?: string } | { ok: false; error: string }
export type PostResponse = (replyTo: string, xml: string) => Promise<PostOutcome>

/** Between attempts of a failed response (the transport already retried inside its own period, handbook 13.2). */
export const RESPONSE_RETRY_MS = 60_000
/**
 * "Until the event is over": responses due at the end (completed, cancelled, superseded) get one poll period
 * (handbook 10.2 table 2: 300 s) after the end, or they could never be retried at all.
 */
export const RESPONSE_GRACE_AFTER_END_MS = 300_000

const SECOND_MS = 1000

export function responseXml(r: { mRID: string; status: number; lfdi: string; at: number }): string {
  // Annex D examples: createdDateTime, endDeviceLFDI, status, subject = the DERControl's mRID.
  const xml = serialiseSep2('DERControlResponse', {
    createdDateTime: Math.floor(r.at / SECOND_MS),
    endDeviceLFDI: r.lfdi,
    status: r.status,
    subject: r.mRID,
  })
  if (!xml.ok) throw new Error(`DERControlResponse did not serialise: ${xml.error.message}`)
  return xml.value
}

export interface ResponderOptions {
  store: ControlsStore
  clock: Clock
  /** Read at each POST: the site's certificate may be replaced meanwhile. */
  lfdi: () => string
  post: PostResponse
  onChange: () => void
}

export interface Responder {
  /** Claim and send the due, required intents; retry failed ones; give up on those past their event. */
  handle(intents: readonly ResponseIntent[], windows: readonly EventWindow[]): void
  /** When a failed response should be tried again (ms), if any. */
  nextRetryAt(): number | undefined
  idle(): Promise<void>
}

function giveUpAt(intent: ResponseIntent, windows: readonly EventWindow[]): number {
  const w = windows.find((x) => x.event.mRID === intent.mRID)
  const end = Math.max(intent.dueAt, w?.to ?? intent.dueAt)
  return end * SECOND_MS + RESPONSE_GRACE_AFTER_END_MS
}

export function createResponder(opts: ResponderOptions): Responder {
  const { store, clock } = opts
  let chain: Promise<void> = Promise.resolve()
  const inFlight = new Set<string>()
  const lastTry = new Map<string, number>()
  const key = (r: { mRID: string; status: number }) => `${r.mRID}/${r.status}`

  async function send(r: StoredResponse): Promise<void> {
    const at = clock.now()
    lastTry.set(key(r), at)
    const outcome = await opts.post(r.replyTo, responseXml({ mRID: r.mRID, status: r.status, lfdi: opts.lfdi(), at }))
    store.recordAttempt({
      mRID: r.mRID,
      status: r.status,
      outcome: outcome.ok ? { accepted: true, at: clock.now(), ...(outcome.location ? { location: outcome.location } : {}) } : { accepted: false, error: outcome.error },
    })
    opts.onChange()
  }

  function enqueue(r: StoredResponse): void {
    const k = key(r)
    if (inFlight.has(k)) return
    inFlight.add(k)
    chain = chain.then(() => send(r)).catch(() => undefined).finally(() => inFlight.delete(k))
  }

  function claimDue(intents: readonly ResponseIntent[], windows: readonly EventWindow[], now: number): void {
    for (const intent of intents) {
      if (!intent.required || intent.replyTo === undefined || intent.dueAt * SECOND_MS > now) continue
      store.claimResponse({ mRID: intent.mRID, status: intent.status, replyTo: intent.replyTo, at: now, giveUpAt: giveUpAt(intent, windows) })
    }
  }

  function retryOrAbandon(now: number): void {
    for (const r of store.openResponses()) {
      if (now >= r.giveUpAt) {
        store.abandonResponse(r.mRID, r.status)
        continue
      }
      const last = lastTry.get(key(r))
      // 'sending' left over from a previous run (crash mid-POST) is sent again: "retried until accepted".
      if (last === undefined || now - last >= RESPONSE_RETRY_MS) enqueue(r)
    }
  }

  return {
    handle(intents, windows) {
      const now = clock.now()
      claimDue(intents, windows, now)
      retryOrAbandon(now)
    },
    nextRetryAt() {
      let next: number | undefined
      for (const r of store.openResponses()) {
        if (r.state !== 'failed') continue
        const at = Math.min((lastTry.get(key(r)) ?? clock.now()) + RESPONSE_RETRY_MS, r.giveUpAt)
        next = next === undefined ? at : Math.min(next, at)
      }
      return next
    },
    async idle() {
      for (;;) {
        const current = chain
        await current
        if (current === chain) return
      }
    },
  }
}
