import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { generateKeyAndCsr } from './csr'

describe('generateKeyAndCsr (ID-5)', () => {
  it('openssl accepts the CSR: self-signature verifies, subject CN=" ", O=" ", P-256, SHA-256', async () => {
    const { csrPem, keyPem } = await generateKeyAndCsr()
    const out = execFileSync('openssl', ['req', '-noout', '-verify', '-text'], { input: csrPem, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
    expect(out).toContain('Subject: CN = " ", O = " "')
    expect(out).toContain('ASN1 OID: prime256v1')
    expect(out).toContain('Signature Algorithm: ecdsa-with-SHA256')
    const verify = execFileSync('sh', ['-c', 'openssl req -noout -verify 2>&1'], { input: csrPem, encoding: 'utf8' })
    expect(verify).toMatch(/verify OK|Certificate request self-signature verify OK/)
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    // the CSR carries the public half of the returned key
    const keyPub = execFileSync('openssl', ['pkey', '-pubout'], { input: keyPem, encoding: 'utf8' })
    const csrPub = execFileSync('openssl', ['req', '-noout', '-pubkey'], { input: csrPem, encoding: 'utf8' })
    expect(csrPub).toBe(keyPub)
  })

  it('makes a new key every time', async () => {
    const [a, b] = await Promise.all([generateKeyAndCsr(), generateKeyAndCsr()])
    expect(a.keyPem).not.toBe(b.keyPem)
  })
})
