/**
 * Temporary folders that hold practice keys (`run --demo`, `sim server` without --pki-dir) and are cleaned up: on
 * stop, on any process exit, and – for those a kill -9 left behind – by the next start, which removes every folder
 * with the same prefix whose owning process is gone (issue 15 item 7).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const OWNER_FILE = 'owner.pid'
/** A folder without an owner file may be one another process has just made; leave it alone this long. */
export const UNOWNED_GRACE_MS = 60_000

export interface OwnedTempDir {
  path: string
  /** Stale folders removed at creation. */
  swept: string[]
  remove(): void
}

export interface OwnedTempDirOptions {
  /** Default os.tmpdir(). */
  parent?: string
  pid?: number
  isAlive?: (pid: number) => boolean
  now?: () => number
  /** Register removal on process exit (default true; tests that fake the pid turn it off). */
  onExit?: boolean
}

export function createOwnedTempDir(prefix: string, options: OwnedTempDirOptions = {}): OwnedTempDir {
  const parent = options.parent ?? tmpdir()
  const swept = sweepStale(parent, prefix, options)
  const path = mkdtempSync(join(parent, prefix))
  writeFileSync(join(path, OWNER_FILE), String(options.pid ?? process.pid), { mode: 0o600 })
  const removeNow = () => rmSync(path, { recursive: true, force: true })
  const registered = options.onExit !== false
  if (registered) process.once('exit', removeNow)
  return {
    path,
    swept,
    remove() {
      if (registered) process.off('exit', removeNow)
      removeNow()
    },
  }
}

/** Removes folders named `prefix*` in `parent` whose owner process no longer runs; returns their paths. */
export function sweepStale(parent: string, prefix: string, options: Pick<OwnedTempDirOptions, 'isAlive' | 'now'> = {}): string[] {
  const isAlive = options.isAlive ?? processAlive
  const now = options.now ?? Date.now
  const removed: string[] = []
  for (const name of safeList(parent)) {
    if (!name.startsWith(prefix)) continue
    const dir = join(parent, name)
    const owner = ownerOf(dir)
    const stale = owner === undefined ? olderThan(dir, now() - UNOWNED_GRACE_MS) : !isAlive(owner)
    if (!stale) continue
    rmSync(dir, { recursive: true, force: true })
    removed.push(dir)
  }
  return removed
}

function safeList(parent: string): string[] {
  try {
    return readdirSync(parent)
  } catch {
    return []
  }
}

function ownerOf(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, OWNER_FILE), 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function olderThan(dir: string, cutoffMs: number): boolean {
  try {
    return statSync(dir).mtimeMs < cutoffMs
  } catch {
    return false
  }
}

/** Signal 0 tests for the process without touching it: ESRCH = gone; EPERM = alive but someone else's. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
