import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRotatingLog, LOG_FILE } from './log-file'

let dir = ''
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'sep2-log-')), 'logs')
})
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }))

const line = (n: number) => `line ${String(n).padStart(3, '0')} ${'x'.repeat(40)}` // 49 chars + 25 of time stamp and newline

describe('rotating log file', () => {
  it('writes time-stamped lines to an owner-only file in the logs folder', () => {
    const log = createRotatingLog({ dir, now: () => Date.UTC(2026, 11, 4, 10, 0, 0) })
    log.write('engine started')
    expect(readFileSync(log.path, 'utf8')).toBe('2026-12-04T10:00:00.000Z engine started\n')
    expect(statSync(log.path).mode & 0o777).toBe(0o600)
  })

  it('rotates by size and keeps only the newest N old files', () => {
    const log = createRotatingLog({ dir, maxBytes: 200, keep: 2, now: () => 0 })
    for (let n = 1; n <= 10; n += 1) log.write(line(n))
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`])
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(200)
    expect(readFileSync(log.path, 'utf8')).toContain('line 010')
    expect(readFileSync(join(dir, `${LOG_FILE}.1`), 'utf8')).toContain('line 008')
    expect(readFileSync(join(dir, `${LOG_FILE}.2`), 'utf8')).toContain('line 005')
    const all = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('')
    expect(all).not.toContain('line 004') // rotated out
  })

  it('continues the size of an existing file after a restart', () => {
    createRotatingLog({ dir, maxBytes: 200, now: () => 0 }).write(line(1).repeat(3))
    createRotatingLog({ dir, maxBytes: 200, now: () => 0 }).write(line(2))
    expect(readFileSync(join(dir, `${LOG_FILE}.1`), 'utf8')).toContain('line 001')
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).not.toContain('line 001')
  })

  it('never writes a private key or a password', () => {
    const log = createRotatingLog({ dir })
    log.write('imported -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\n-----END EC PRIVATE KEY----- for site 1')
    log.write('{"password":"hunter2","site":"a"} passphrase=s3cret')
    const text = readFileSync(log.path, 'utf8')
    expect(text).not.toMatch(/MHcCAQEEIBkg|hunter2|s3cret/)
    expect(text).toContain('[private key redacted] for site 1')
    expect(text).toContain('"site":"a"')
  })
})
