/**
 * A FIFO mutex: one per bus, so devices sharing an RS-485 line (or one TCP gateway) never have two requests in flight
 * (DEV-1: several devices on one bus).
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve()
  private waiting = 0

  /** Run `task` once every task queued before it has finished. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++
    const result = this.tail.then(task)
    this.tail = result.then(
      () => this.release(),
      () => this.release(),
    )
    return result
  }

  /** Tasks queued or running. */
  get queued(): number {
    return this.waiting
  }

  private release(): void {
    this.waiting--
  }
}
