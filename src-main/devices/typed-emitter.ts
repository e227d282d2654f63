/** A minimal typed event emitter: `on(name, fn)` returns an unsubscribe function (DESIGN.md: services emit typed events). */
export class TypedEmitter<Events extends { [K in keyof Events]: (payload: never) => void }> {
  private readonly listeners = new Map<keyof Events, Set<Events[keyof Events]>>()

  on<K extends keyof Events>(name: K, fn: Events[K]): () => void {
    let set = this.listeners.get(name)
    if (!set) {
      set = new Set()
      this.listeners.set(name, set)
    }
    set.add(fn)
    return () => set.delete(fn)
  }

  protected emit<K extends keyof Events>(name: K, payload: Parameters<Events[K]>[0]): void {
    for (const fn of this.listeners.get(name) ?? []) (fn as (p: Parameters<Events[K]>[0]) => void)(payload)
  }
}
