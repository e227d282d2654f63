import { performance } from 'node:perf_hooks'
import type { Clock, TimerId } from '../../src-shared/clock'

/**
 * The real clock: wall time for timestamps, performance.now() for durations. Its timers are ref'd like any Node
 * timer: a pending timer is work (the next sampling round, a retry wait), so it holds the process open – REL-3. With
 * unref'd timers a CLI `run` whose Modbus socket had closed, or a `discover` waiting out a 503, simply ended with exit
 * code 13. Services stop their timers on stop(); the CLI entry exits once its command has settled.
 */
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
