import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliUsageError, type CliIo } from '../types'
import { csrCommand } from './csr'

function fakeIo(cwd: string): { io: CliIo; printed: { human: string; json: unknown }[] } {
  const printed: { human: string; json: unknown }[] = []
  return { printed, io: { print: (human, json) => printed.push({ human, json }), info: () => undefined, signal: new AbortController().signal, cwd, env: {} } }
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'csr-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('csr command (ID-5)', () => {
  it('writes an owner-only P-256 key and a CSR openssl accepts, and says where to send it', async () => {
    const { io, printed } = fakeIo(dir)
    expect(await csrCommand.run({ positionals: [], values: { 'key-out': 'site.key.pem', 'csr-out': 'site.csr' }, json: false }, io)).toBe(0)
    expect(statSync(join(dir, 'site.key.pem')).mode & 0o777).toBe(0o600)
    const text = execFileSync('openssl', ['req', '-in', join(dir, 'site.csr'), '-noout', '-verify', '-text'], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
    expect(text).toContain('Subject: CN = " ", O = " "')
    expect(text).toContain('prime256v1')
    const human = printed[0]?.human ?? ''
    expect(human).toContain('Dynamic.Connections@energyq.com.au')
    expect(human).toContain('keep it secret')
    // the key itself is never printed
    const keyBody = readFileSync(join(dir, 'site.key.pem'), 'utf8').split('\n')[1] ?? ''
    expect(human).not.toContain(keyBody)
  })

  it('JSON output holds the CSR but not the key', async () => {
    const { io, printed } = fakeIo(dir)
    await csrCommand.run({ positionals: [], values: { 'key-out': 'b.key.pem', 'csr-out': 'b.csr' }, json: true }, io)
    const json = JSON.stringify(printed[0]?.json)
    expect(json).toContain('BEGIN CERTIFICATE REQUEST')
    expect(json).not.toContain('PRIVATE KEY')
  })

  it('never overwrites an existing key file', async () => {
    writeFileSync(join(dir, 'existing.key.pem'), 'precious')
    await expect(csrCommand.run({ positionals: [], values: { 'key-out': 'existing.key.pem', 'csr-out': 'x.csr' }, json: false }, fakeIo(dir).io)).rejects.toBeInstanceOf(CliUsageError)
    expect(readFileSync(join(dir, 'existing.key.pem'), 'utf8')).toBe('precious')
  })

  it('needs both output files', async () => {
    await expect(csrCommand.run({ positionals: [], values: { 'key-out': 'k.pem' }, json: false }, fakeIo(dir).io)).rejects.toBeInstanceOf(CliUsageError)
  })
})
