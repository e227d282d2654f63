/**
 * Runs named periodic tasks (polls of DeviceCapability, EndDeviceList ..., MirrorUsagePoint posts) on the injected
 * Clock, each at its own random offset inside the handbook 13.1 window, one run at a time per task.
 */
import type { Clock, TimerId } from '../../../src-shared/clock'
import { firstSlotIndex, nominalSlotMs, slotFireMs, slotOffsetMs } from '../../../src-shared/polling/poll-plan'

export interface PollRun {
  name: string
  /** The nominal slot this run serves (epoch-aligned multiple of the period). */
  slotMs: number
  /** The task's period now: pass it to the transport so retries stay inside it (handbook 13.2). */
  periodMs: number
  /** Aborted by stop() or remove(). */
  signal: AbortSignal
}

export interface PollTaskSpec {
  name: string
  periodMs: number
  /** Uniform draw in [0, 1) that fixes this task's offset (handbook 13.1). */
  random: number
  run: (run: PollRun) => Promise<void>
}

export interface PollTaskSnapshot {
  name: string
  periodMs: number
  offsetMs: number
  nextFireMs: number
  runs: number
  skipped: number
  running: boolean
}

export interface PollerOptions {
  clock: Clock
  /** A task's run rejected (expected failures should be handled inside the task). */
  onError?: (name: string, error: unknown) => void
  /** A slot came while the previous run of the task was still going; it was skipped. */
  onSkip?: (name: string, slotMs: number) => void
}

export interface Poller {
  add(spec: PollTaskSpec): void
  /** Change a task's period at once (e.g. a new pollRate): the next run moves to the new grid. */
  setPeriod(name: string, periodMs: number): void
  remove(name: string): void
  stop(): void
  snapshot(): PollTaskSnapshot[]
}

interface Task {
  spec: PollTaskSpec
  periodMs: number
  offsetMs: number
  nextIndex: number
  timer: TimerId | undefined
  controller: AbortController | undefined
  runs: number
  skipped: number
}

export function createPoller(options: PollerOptions): Poller {
  const { clock } = options
  const tasks = new Map<string, Task>()

  const schedule = (task: Task): void => {
    const at = slotFireMs(task.nextIndex, task.periodMs, task.offsetMs)
    task.timer = clock.setTimeout(() => fire(task), at - clock.now())
  }

  const fire = (task: Task): void => {
    const slotMs = nominalSlotMs(task.nextIndex, task.periodMs)
    task.nextIndex++
    schedule(task)
    if (task.controller) {
      task.skipped++
      options.onSkip?.(task.spec.name, slotMs)
      return
    }
    start(task, slotMs)
  }

  const start = (task: Task, slotMs: number): void => {
    const controller = new AbortController()
    task.controller = controller
    task.runs++
    const done = (): void => {
      if (task.controller === controller) task.controller = undefined
    }
    // Started synchronously so the request leaves at the planned time even under a synchronous FakeClock.advance.
    let running: Promise<void>
    try {
      running = task.spec.run({ name: task.spec.name, slotMs, periodMs: task.periodMs, signal: controller.signal })
    } catch (error) {
      running = Promise.reject(error)
    }
    running.catch((error: unknown) => options.onError?.(task.spec.name, error)).finally(done)
  }

  const place = (task: Task, periodMs: number): void => {
    if (task.timer !== undefined) clock.clearTimeout(task.timer)
    task.periodMs = periodMs
    task.offsetMs = slotOffsetMs(periodMs, task.spec.random)
    task.nextIndex = firstSlotIndex(clock.now(), periodMs, task.offsetMs)
    schedule(task)
  }

  const halt = (task: Task): void => {
    if (task.timer !== undefined) clock.clearTimeout(task.timer)
    task.timer = undefined
    task.controller?.abort()
  }

  return {
    add(spec) {
      if (tasks.has(spec.name)) throw new Error(`poll task ${spec.name} already exists`)
      assertPeriod(spec.periodMs)
      const task: Task = { spec, periodMs: spec.periodMs, offsetMs: 0, nextIndex: 0, timer: undefined, controller: undefined, runs: 0, skipped: 0 }
      tasks.set(spec.name, task)
      place(task, spec.periodMs)
    },
    setPeriod(name, periodMs) {
      const task = tasks.get(name)
      if (!task) throw new Error(`no poll task ${name}`)
      assertPeriod(periodMs)
      if (periodMs !== task.periodMs) place(task, periodMs)
    },
    remove(name) {
      const task = tasks.get(name)
      if (task) halt(task)
      tasks.delete(name)
    },
    stop() {
      for (const task of tasks.values()) halt(task)
      tasks.clear()
    },
    snapshot: () => [...tasks.values()].map((t) => snapshotOf(t)),
  }
}

function snapshotOf(t: Task): PollTaskSnapshot {
  return {
    name: t.spec.name,
    periodMs: t.periodMs,
    offsetMs: t.offsetMs,
    nextFireMs: slotFireMs(t.nextIndex, t.periodMs, t.offsetMs),
    runs: t.runs,
    skipped: t.skipped,
    running: t.controller !== undefined,
  }
}

function assertPeriod(periodMs: number): void {
  if (!Number.isFinite(periodMs) || periodMs < 1000) throw new Error(`poll period must be at least 1 s, got ${periodMs} ms`)
}
