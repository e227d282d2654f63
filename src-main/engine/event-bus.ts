import type { EngineEvent, EventName, EventPayload } from '../../src-shared/api'

export type EventListener = (event: EngineEvent) => void

/** Typed push events from services to the hosts (and from there to the renderer). */
export class EventBus {
  private listeners = new Set<EventListener>()

  emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) {
      try {
        listener({ event, payload } as EngineEvent)
      } catch {
        // A failing listener (e.g. a closed socket) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
