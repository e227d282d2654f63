import { performance } from 'node:perf_hooks'
import type { Clock, TimerId } from '../../src-shared/clock'

/** The real clock: wall time for timestamps, performance.now() for durations. */
export function createSystemClock(): Clock {
  const handles = new Map<TimerId, NodeJS.Timeout>()
  let nextId = 1
  return {
    now: () => Date.now(),
    monotonic: () => performance.now(),
    setTimeout(fn, ms) {
      const id = nextId++
      const handle = setTimeout(() => {
        handles.delete(id)
        fn()
      }, ms)
      handle.unref?.()
      handles.set(id, handle)
      return id
    },
    clearTimeout(id) {
      const handle = handles.get(id)
      if (handle) clearTimeout(handle)
      handles.delete(id)
    },
  }
}
