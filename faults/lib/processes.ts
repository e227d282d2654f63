/**
 * Child processes of the suite: the built CLI (bin/sep2-commissioner.js) and the web host (out/node/web.js). Every
 * child is tracked so a case that runs over its time bound, or the suite on exit, kills exactly the children it
 * started.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

export interface Finished {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
  /** Killed by the harness because it ran past its bound. */
  timedOut: boolean
}

const live = new Set<ChildProcess>()

/** SIGKILL every child still running (the suite's own, by pid). */
export function killAll(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  live.clear()
}

export interface Started {
  child: ChildProcess
  pid: number
  /** Output so far. */
  stdout(): string
  stderr(): string
  /** stdout and stderr lines with the harness time they arrived (ms since epoch). */
  lines: Array<{ at: number; text: string }>
  /** Resolves when the child exits. */
  done: Promise<Finished>
  /** Resolves with the first stdout/stderr match, or rejects after `ms`. */
  waitFor(pattern: RegExp, ms: number): Promise<RegExpMatchArray>
  alive(): boolean
}

export function start(root: string, file: string, args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Started {
  const began = Date.now()
  const child = spawn(process.execPath, [join(root, file), ...args], { cwd: options.cwd ?? root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  live.add(child)
  let out = ''
  let err = ''
  const lines: Array<{ at: number; text: string }> = []
  const waiters = new Set<() => void>()
  const notify = () => waiters.forEach((w) => w())
  const splitter = () => {
    let partial = ''
    return (d: Buffer) => {
      partial += d.toString()
      const parts = partial.split('\n')
      partial = parts.pop() ?? ''
      for (const text of parts) lines.push({ at: Date.now(), text })
    }
  }
  const outLines = splitter()
  const errLines = splitter()
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
    outLines(d)
    notify()
  })
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString()
    errLines(d)
    notify()
  })
  let timedOut = false
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, options.timeoutMs)
  const done = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      live.delete(child)
      notify()
      resolve({ code, signal, stdout: out, stderr: err, ms: Date.now() - began, timedOut })
    })
  })
  const alive = () => child.exitCode === null && child.signalCode === null
  const waitFor = (pattern: RegExp, ms: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = out.match(pattern) ?? err.match(pattern)
        if (m) return finish(() => resolve(m))
        if (!alive()) finish(() => reject(new Error(`exited (code ${child.exitCode}, signal ${child.signalCode}) before ${pattern}: ${tail(err || out)}`)))
      }
      const t = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${ms} ms: ${tail(err || out)}`))), ms)
      const finish = (f: () => void) => {
        clearTimeout(t)
        waiters.delete(check)
        f()
      }
      waiters.add(check)
      check()
    })
  return { child, pid: child.pid ?? -1, stdout: () => out, stderr: () => err, lines, done, waitFor, alive }
}

/** The built CLI, run to its end (or killed at `timeoutMs`). */
export function cli(root: string, args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs: number }): Promise<Finished> {
  return start(root, 'bin/sep2-commissioner.js', args, options).done
}

export function tail(text: string, n = 240): string {
  const t = text.trim().replace(/\s+/g, ' ')
  return t.length > n ? `…${t.slice(-n)}` : t
}

/** Exit code 13 (an unsettled top-level await: the event loop ran dry), a signal, or a kill by the harness. */
export function died(f: Finished): string | undefined {
  if (f.timedOut) return `still running after ${Math.round(f.ms / 1000)} s (killed by the harness)`
  if (f.signal) return `killed by ${f.signal}`
  if (f.code === 13) return 'exit 13 (event loop ran dry: silent death)'
  if (f.code !== 0 && f.stdout.trim() === '' && f.stderr.trim() === '') return `exit ${f.code} with no message`
  return undefined
}
