import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createOwnedTempDir, processAlive, sweepStale, UNOWNED_GRACE_MS } from './owned-temp-dir'

let parent: string
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'sep2-owned-'))
})
afterEach(() => rmSync(parent, { recursive: true, force: true }))

function leftover(name: string, owner: number | undefined): string {
  const dir = join(parent, name)
  mkdirSync(dir)
  if (owner !== undefined) writeFileSync(join(dir, 'owner.pid'), String(owner))
  writeFileSync(join(dir, 'device-1.key.pem'), 'practice key')
  return dir
}

describe('temporary folders with practice keys (issue 15 item 7)', () => {
  it('removes at start the folders whose owner is gone, keeps live owners, other prefixes and fresh unowned ones', () => {
    const dead = leftover('sep2-run-demo-dead', 999_999)
    const live = leftover('sep2-run-demo-live', 1234)
    const fresh = leftover('sep2-run-demo-fresh', undefined)
    const old = leftover('sep2-run-demo-old', undefined)
    const longAgo = (Date.now() - UNOWNED_GRACE_MS - 1000) / 1000
    utimesSync(old, longAgo, longAgo)
    const other = leftover('something-else', 999_999)
    const temp = createOwnedTempDir('sep2-run-demo-', { parent, isAlive: (pid) => pid === 1234, onExit: false })
    expect(temp.swept.sort()).toEqual([dead, old].sort())
    for (const kept of [live, fresh, other, temp.path]) expect(existsSync(kept)).toBe(true)
    expect(statSync(join(temp.path, 'owner.pid')).mode & 0o777).toBe(0o600)
    temp.remove()
    expect(existsSync(temp.path)).toBe(false)
  })

  it('a folder left by a process that really ended is swept (signal-0 probe)', () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    const pid = Number(child.stdout)
    expect(processAlive(pid)).toBe(false)
    expect(processAlive(process.pid)).toBe(true)
    const dir = leftover('sep2-sim-pki-x', pid)
    expect(sweepStale(parent, 'sep2-sim-pki-')).toEqual([dir])
    expect(readdirSync(parent)).toEqual([])
  })
})
