/**
 * Time as the engine sees it. Services never read the wall clock or call setTimeout directly: they take a Clock,
 * so a test can run a simulated day in milliseconds (DESIGN.md layer 4, "no sleeps in tests").
 */
export type TimerId = number

export interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number
  /** Monotonic milliseconds for measuring durations and sample spacing. */
  monotonic(): number
  setTimeout(fn: () => void, ms: number): TimerId
  clearTimeout(id: TimerId): void
}

interface PendingTimer {
  id: TimerId
  at: number
  seq: number
  fn: () => void
}

/**
 * A deterministic clock for tests and simulations. `advance` fires due timers in time order (ties in creation order),
 * including timers scheduled by the callbacks themselves while advancing.
 */
export class FakeClock implements Clock {
  private current: number
  private readonly startMono: number
  private timers: PendingTimer[] = []
  private nextId = 1
  private seq = 0

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs
    this.startMono = startMs
  }

  now(): number {
    return this.current
  }

  monotonic(): number {
    return this.current - this.startMono
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++
    this.timers.push({ id, at: this.current + Math.max(0, ms), seq: this.seq++, fn })
    return id
  }

  clearTimeout(id: TimerId): void {
    this.timers = this.timers.filter((t) => t.id !== id)
  }

  /** Number of timers waiting to fire. */
  pending(): number {
    return this.timers.length
  }

  /** Move time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms)
  }

  advanceTo(targetMs: number): void {
    for (;;) {
      const next = this.nextDue(targetMs)
      if (!next) break
      this.timers = this.timers.filter((t) => t.id !== next.id)
      this.current = next.at
      next.fn()
    }
    this.current = Math.max(this.current, targetMs)
  }

  /**
   * Advance in steps, letting promise callbacks (I/O completions, awaited handlers) run between timers.
   * Use for services whose timers start async work.
   */
  async advanceAsync(ms: number, settle: () => Promise<void> = flushMicrotasks): Promise<void> {
    const target = this.current + ms
    await settle()
    for (;;) {
      const next = this.nextDue(target)
      if (!next) break
      this.timers = this.timers.filter((t) => t.id !== next.id)
      this.current = next.at
      next.fn()
      await settle()
    }
    this.current = Math.max(this.current, target)
  }

  private nextDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined
    for (const t of this.timers) {
      if (t.at > limit) continue
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t
    }
    return best
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}
