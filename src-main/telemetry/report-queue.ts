/**
 * Outgoing PUTs of a few resources, bounded (issue 15 item 6; handbook 13.1 / 13.2):
 * - at most one pending PUT per resource: the caller builds the document when it is sent, so a newer state replaces
 *   a queued one instead of queueing behind it;
 * - one PUT in flight at a time, in a fixed order;
 * - a resource is PUT at most once per `minIntervalMs` (started to started);
 * - after a failed PUT (the transport has already made its handbook 13.2 retries) the resource is held until
 *   `release()` – the next report period – so a server error never multiplies requests;
 * - `stop()` aborts the PUT in flight and drops what is pending: nothing is sent after it.
 */
import type { Clock, TimerId } from '../../src-shared/clock'

export interface ReportQueueOptions<K extends string> {
  clock: Clock
  /** The order in which pending resources go out. */
  order: readonly K[]
  minIntervalMs: number
  /** Sends the resource's current document; true when the server accepted it. */
  send: (key: K, signal: AbortSignal) => Promise<boolean>
}

export class ReportQueue<K extends string> {
  private readonly pending = new Set<K>()
  private readonly held = new Set<K>()
  private readonly lastSentAt = new Map<K, number>()
  private readonly abort = new AbortController()
  private running: Promise<void> | undefined
  private wake: TimerId | undefined
  private stopped = false

  constructor(private readonly options: ReportQueueOptions<K>) {}

  /** Ask for a PUT of `key` (a no-op when one is already pending); resolves when the queue has nothing due. */
  request(key: K): Promise<void> {
    if (this.stopped) return Promise.resolve()
    this.pending.add(key)
    return this.pump()
  }

  /** A new report period: resources held after a failure may be tried again. */
  release(): void {
    this.held.clear()
  }

  stop(): void {
    this.stopped = true
    this.pending.clear()
    this.abort.abort()
    if (this.wake !== undefined) this.options.clock.clearTimeout(this.wake)
    this.wake = undefined
  }

  /** Resolves when nothing is in flight (pending resources may still wait for their interval). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  /** Resources waiting to be sent (tests, status). */
  waiting(): K[] {
    return this.options.order.filter((k) => this.pending.has(k))
  }

  private pump(): Promise<void> {
    if (this.running) return this.running
    const run = this.drain().finally(() => {
      this.running = undefined
      if (this.nextDue() !== undefined) void this.pump()
      else this.armWake()
    })
    this.running = run
    return run
  }

  private async drain(): Promise<void> {
    for (let key = this.nextDue(); key !== undefined && !this.stopped; key = this.nextDue()) {
      this.pending.delete(key)
      this.lastSentAt.set(key, this.options.clock.now())
      const accepted = await this.options.send(key, this.abort.signal)
      if (!accepted) this.held.add(key)
    }
  }

  private dueAt(key: K): number {
    const last = this.lastSentAt.get(key)
    return last === undefined ? Number.NEGATIVE_INFINITY : last + this.options.minIntervalMs
  }

  private nextDue(): K | undefined {
    if (this.stopped) return undefined
    const now = this.options.clock.now()
    return this.options.order.find((k) => this.pending.has(k) && !this.held.has(k) && this.dueAt(k) <= now)
  }

  /** Wake up when the earliest pending resource's interval has passed (held ones wait for `release`). */
  private armWake(): void {
    if (this.stopped) return
    if (this.wake !== undefined) this.options.clock.clearTimeout(this.wake)
    this.wake = undefined
    const times = this.options.order.filter((k) => this.pending.has(k) && !this.held.has(k)).map((k) => this.dueAt(k))
    if (times.length === 0) return
    const delay = Math.max(0, Math.min(...times) - this.options.clock.now())
    this.wake = this.options.clock.setTimeout(() => {
      this.wake = undefined
      void this.pump()
    }, delay)
  }
}
