import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliUsageError, type CliIo } from '../types'
import { pkiCommand } from './pki'

function fakeIo(cwd: string): { io: CliIo; printed: { human: string; json: unknown }[] } {
  const printed: { human: string; json: unknown }[] = []
  return { printed, io: { print: (human, json) => printed.push({ human, json }), info: () => undefined, signal: new AbortController().signal, cwd, env: {} } }
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pki-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('pki command', () => {
  it('writes the test PKI and prints each device LFDI/SFDI', async () => {
    const { io, printed } = fakeIo(dir)
    expect(await pkiCommand.run({ positionals: [], values: { out: 'pki', devices: '2' }, json: true }, io)).toBe(0)
    const json = printed[0]?.json as { files: string[]; devices: { name: string; lfdi: string; sfdi: string }[] }
    // serca, mica, mica key; 3 files per device; 3 for the server
    expect(json.files).toHaveLength(12)
    expect(json.devices.map((d) => d.name)).toEqual(['device-1', 'device-2'])
    const openssl = execFileSync('sh', ['-c', 'openssl x509 -outform der -in pki/device-2.pem | sha256sum | head -c 40'], { cwd: dir, encoding: 'utf8' }).toUpperCase()
    expect(json.devices[1]?.lfdi).toBe(openssl)
    expect(printed[0]?.human).toContain(`device-2: LFDI ${openssl}`)
  })

  it.each([[{}], [{ out: 'x', devices: '0' }], [{ out: 'x', devices: 'two' }]])('rejects %o', async (values) => {
    await expect(pkiCommand.run({ positionals: [], values, json: false }, fakeIo(dir).io)).rejects.toBeInstanceOf(CliUsageError)
  })
})
