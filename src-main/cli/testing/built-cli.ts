/**
 * Test helper: build the CLI entry (the same Vite config as `npm run build:node`) into a private folder inside the
 * project (so its external dependencies resolve from node_modules), and spawn it as a real process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const ROOT = resolve(import.meta.dirname, '..', '..', '..')

export interface BuiltCli {
  path: string
  remove(): void
}

export async function buildCli(name: string): Promise<BuiltCli> {
  const outDir = join(ROOT, 'out', `test-cli-${name}-${process.pid}`)
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true'
  await build({ configFile: join(ROOT, 'vite.node.config.ts'), root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } })
  return { path: join(outDir, 'cli.js'), remove: () => rmSync(outDir, { recursive: true, force: true }) }
}

export interface CliProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>
  /** Resolves when stderr (or stdout) matches, rejects when the process ends first. */
  waitFor(pattern: RegExp): Promise<void>
  running(): boolean
}

export function spawnCli(cli: BuiltCli, args: string[], options: { cwd: string; env?: Record<string, string> }): CliProcess {
  const child = spawn(process.execPath, [cli.path, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  let ended = false
  const waiters: { pattern: RegExp; done: () => void; fail: (e: Error) => void }[] = []
  const check = (): void => {
    for (const w of [...waiters]) {
      if (!w.pattern.test(err) && !w.pattern.test(out)) continue
      waiters.splice(waiters.indexOf(w), 1)
      w.done()
    }
  }
  child.stdout?.on('data', (d: Buffer) => ((out += d.toString()), check()))
  child.stderr?.on('data', (d: Buffer) => ((err += d.toString()), check()))
  const exited = new Promise<number | string>((done) =>
    child.on('exit', (code, signal) => {
      ended = true
      for (const w of waiters.splice(0)) w.fail(new Error(`the CLI ended (${code ?? signal}) before ${w.pattern}:\n${err}\n${out}`))
      done(code ?? signal ?? 'unknown')
    }),
  )
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    running: () => !ended,
    waitFor: (pattern) =>
      new Promise<void>((done, fail) => {
        if (ended) return fail(new Error(`the CLI has ended:\n${err}`))
        waiters.push({ pattern, done, fail })
        check()
      }),
  }
}
