/**
 * REL-3: when the process itself hits an unexpected error (an uncaught exception or an unhandled rejection), every
 * running site controller goes fail-safe – the state of whatever failed is unknown, so the fixed limits hold
 * (handbook 11.4) until the controller has seen the hold time pass without another fault. Controllers register
 * themselves while they run; the process guard (engine/process-guard.ts) calls `failSafeAll`.
 */
export interface ProcessFaultNotice {
  /** The error's stable code (AppError code, Node's error code, or INTERNAL). */
  code: string
  message: string
}

type Listener = (notice: ProcessFaultNotice) => void

const listeners = new Set<Listener>()

/** Register a controller's fail-safe entry; returns the unregister function. */
export function onProcessFault(listener: Listener): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** Put every registered controller in fail-safe; returns how many there were. A throwing listener does not stop the rest. */
export function failSafeAll(notice: ProcessFaultNotice): number {
  let count = 0
  for (const listener of [...listeners]) {
    try {
      listener(notice)
      count++
    } catch {
      // The guard is already handling a fault; one controller failing here must not keep the others out of fail-safe.
    }
  }
  return count
}
