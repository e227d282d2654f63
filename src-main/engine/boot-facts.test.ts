import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BOOT_RECORD_FILE, checkStartReason, currentBootFacts } from './boot-facts'

const dirs: string[] = []
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sep2-boot-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('the machine boot recorded per data folder (handbook 11.2)', () => {
  it('reads the boot time from the wall clock and the uptime, and the boot id where the OS has one', () => {
    expect(currentBootFacts({ bootId: () => 'id-1', now: () => 1_000_000, uptimeS: () => 250.4 })).toEqual({ bootId: 'id-1', bootTimeMs: 749_600 })
    expect(currentBootFacts({ bootId: () => undefined, now: () => 1_000_000, uptimeS: () => 1 })).toEqual({ bootTimeMs: 999_000 })
  })

  it('same boot -> restart; a new boot -> power-outage; the boot is on record only once record() ran', () => {
    const dir = folder()
    const first = checkStartReason(dir, { bootId: 'a', bootTimeMs: 1 })
    expect(first.reason).toBe('restart')
    expect(existsSync(join(dir, BOOT_RECORD_FILE))).toBe(false)
    first.record()
    expect(JSON.parse(readFileSync(join(dir, BOOT_RECORD_FILE), 'utf8'))).toEqual({ bootId: 'a', bootTimeMs: 1 })
    expect(statSync(join(dir, BOOT_RECORD_FILE)).mode & 0o777).toBe(0o600)
    expect(checkStartReason(dir, { bootId: 'a', bootTimeMs: 2 }).reason).toBe('restart')
    // A power-outage start that fails before it took effect (record() not called) is one again the next time.
    expect(checkStartReason(dir, { bootId: 'b', bootTimeMs: 2 }).reason).toBe('power-outage')
    const again = checkStartReason(dir, { bootId: 'b', bootTimeMs: 2 })
    expect(again.reason).toBe('power-outage')
    again.record()
    expect(checkStartReason(dir, { bootId: 'b', bootTimeMs: 3 }).reason).toBe('restart')
  })

  it('a damaged record is treated as none, and an unwritable folder is logged, not thrown', () => {
    const dir = folder()
    writeFileSync(join(dir, BOOT_RECORD_FILE), '{not json')
    expect(checkStartReason(dir, { bootTimeMs: 1 }).reason).toBe('restart')
    const lines: string[] = []
    const blocked = join(dir, BOOT_RECORD_FILE, 'inside-a-file')
    checkStartReason(blocked, { bootTimeMs: 1 }, (l) => lines.push(l)).record()
    expect(lines).toEqual([expect.stringContaining('could not be recorded')])
  })
})
