/**
 * The MirrorUsagePointList re-read at its pollRate (issue 20 item 3, issue 12 item 4; cactus GET-MUP-2 / ALL-10): a
 * postRate the server publishes on our MirrorUsagePoint is followed, and a usage point the server no longer lists is
 * forgotten so the next reading creates it again (handbook 10.8, TEL-2). Without a pollRate on the list, handbook 10.2
 * table 2's 300 s applies.
 */
import type { Clock, TimerId } from '../../src-shared/clock'
import { effectivePeriodMs } from '../../src-shared/polling/poll-plan'
import type { Scope } from '../../src-shared/telemetry'
import { parseSep2, type MirrorUsagePoint } from '../sep2/xml'
import type { Sep2Poster } from './ports'

export interface MupListWatchOptions {
  clock: Clock
  poster: Sep2Poster
  mupListHref: string
  /** Our usage points' Locations by scope (undefined: not created yet). */
  location: (scope: Scope) => string | undefined
  forget: (scope: Scope) => void
  onPostRate: (postRateS: number) => void
  log?: (line: string) => void
}

const SCOPES: readonly Scope[] = ['site', 'der']

export class MupListWatch {
  private timer: TimerId | undefined
  private abort = new AbortController()

  constructor(private readonly options: MupListWatchOptions) {}

  start(): void {
    this.stop()
    this.abort = new AbortController()
    this.schedule(effectivePeriodMs('MirrorUsagePoint'))
  }

  stop(): void {
    this.abort.abort()
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Read the list once now; resolves with the period until the next read, ms. */
  async readOnce(): Promise<number> {
    const r = await this.options.poster.get(this.options.mupListHref, { signal: this.abort.signal })
    if (!r.ok) return effectivePeriodMs('MirrorUsagePoint')
    const parsed = parseSep2(r.value.body, 'MirrorUsagePointList')
    if (!parsed.ok) return effectivePeriodMs('MirrorUsagePoint')
    const listed = parsed.value.doc.MirrorUsagePoint ?? []
    this.reconcile(listed, parsed.value.doc.all ?? listed.length)
    return effectivePeriodMs('MirrorUsagePoint', parsed.value.doc.pollRate)
  }

  private reconcile(listed: MirrorUsagePoint[], all: number): void {
    const complete = listed.length >= all
    for (const scope of SCOPES) {
      const location = this.options.location(scope)
      if (!location) continue
      const ours = listed.find((m) => m.href === location)
      if (ours?.postRate !== undefined) this.options.onPostRate(ours.postRate)
      // Only a complete list proves a usage point is gone (a paged one may hold it further on).
      if (!ours && complete) {
        this.options.log?.(`telemetry: the server no longer lists the ${scope} MirrorUsagePoint ${location}; it is created again with the next reading`)
        this.options.forget(scope)
      }
    }
  }

  private schedule(ms: number): void {
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined
      void this.readOnce().then((next) => {
        if (!this.abort.signal.aborted) this.schedule(next)
      })
    }, ms)
  }
}
