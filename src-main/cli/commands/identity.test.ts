import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateTestPki, type TestPki } from '../../pki/test-pki'
import { generateCertificateVariant } from '../../pki/test-variants'
import { CliUsageError, type CliIo } from '../types'
import { identityCommand } from './identity'

function fakeIo(cwd: string): { io: CliIo; printed: { human: string; json: unknown }[] } {
  const printed: { human: string; json: unknown }[] = []
  return { printed, io: { print: (human, json) => printed.push({ human, json }), info: () => undefined, signal: new AbortController().signal, cwd, env: {} } }
}

let dir: string
let pki: TestPki

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'identity-cli-'))
  pki = await generateTestPki({ dir, now: new Date('2026-06-01T00:00:00Z') })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('identity command (ID-1, ID-2)', () => {
  it('prints the LFDI that openssl computes, the SFDI, names, validity and key (PEM chain)', async () => {
    const { io, printed } = fakeIo(dir)
    expect(await identityCommand.run({ positionals: ['device-1.chain.pem'], values: {}, json: false }, io)).toBe(0)
    const openssl = execFileSync('sh', ['-c', 'openssl x509 -outform der -in device-1.pem | sha256sum | head -c 40'], { cwd: dir, encoding: 'utf8' }).toUpperCase()
    const human = printed[0]?.human ?? ''
    expect(human).toContain(`LFDI        ${openssl}`)
    expect(human).toContain(`SFDI        ${pki.devices[0]?.sfdi}`)
    expect(human).toContain('Issuer      CN=Test MICA')
    expect(human).toContain('Key         ECDSA P-256')
    expect(human).toContain('9999-12-31T23:59:59.000Z (no expiry)')
  })

  it('reads DER and prints JSON', async () => {
    execFileSync('openssl', ['x509', '-in', 'device-1.pem', '-outform', 'der', '-out', 'device-1.der'], { cwd: dir })
    const { io, printed } = fakeIo(dir)
    await identityCommand.run({ positionals: ['device-1.der'], values: {}, json: true }, io)
    expect(printed[0]?.json).toMatchObject({ lfdi: pki.devices[0]?.lfdi, sfdi: pki.devices[0]?.sfdi, keyAlgorithm: { curve: 'P-256' } })
  })

  it('names an RSA key', async () => {
    const rsa = await generateCertificateVariant({ pki, variant: 'rsa-key', now: new Date('2026-06-01T00:00:00Z') })
    writeFileSync(join(dir, 'rsa.pem'), rsa.certificatePem)
    const { io, printed } = fakeIo(dir)
    await identityCommand.run({ positionals: ['rsa.pem'], values: {}, json: false }, io)
    expect(printed[0]?.human).toContain('Key         RSA 2048-bit')
  })

  it('fails with a readable error for a file that is not a certificate', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'not a certificate')
    await expect(identityCommand.run({ positionals: ['notes.txt'], values: {}, json: false }, fakeIo(dir).io)).rejects.toMatchObject({ code: 'CERTIFICATE_FILE', message: expect.stringMatching(/neither a certificate nor a private key/) })
    await expect(identityCommand.run({ positionals: ['missing.pem'], values: {}, json: false }, fakeIo(dir).io)).rejects.toMatchObject({ code: 'CERTIFICATE_FILE' })
  })

  it('throws a usage error without a file', async () => {
    await expect(identityCommand.run({ positionals: [], values: {}, json: false }, fakeIo(dir).io)).rejects.toBeInstanceOf(CliUsageError)
  })
})
