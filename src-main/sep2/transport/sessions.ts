/** The TLS connections a transport has opened, newest last (one per origin at a time: connections = 1). */
import type { TlsSession } from './connector'

/** Keep at most this many past sessions for display. */
const MAX_KEPT_SESSIONS = 100

export class SessionTracker {
  private readonly list: TlsSession[] = []

  add(session: TlsSession): void {
    this.list.push(session)
    if (this.list.length > MAX_KEPT_SESSIONS) this.list.shift()
  }

  /** The newest connection to `origin`, open or not. */
  latest(origin: string): TlsSession | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const s = this.list[i]
      if (s && s.origin === origin) return s
    }
    return undefined
  }

  /** The open connection to `origin`, if any. */
  open(origin: string): TlsSession | undefined {
    const s = this.latest(origin)
    return s && !s.closed ? s : undefined
  }

  all(): readonly TlsSession[] {
    return this.list.map((s) => ({ ...s }))
  }
}
