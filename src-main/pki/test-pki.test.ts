import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyAndCsr } from '../identity/csr'
import { identifiersOfCertificate } from '../identity/certificate-lfdi'
import { certificateAuthorityFromPem } from './authority'
import { CsrRejectedError, issueDeviceCertificateFromCsr } from './issue-from-csr'
import { generateTestPki, type TestPki } from './test-pki'
import { X509Certificate } from './x509'

const NOW = new Date('2026-06-01T00:00:00Z')
const openssl = (args: string[], input?: string): string => execFileSync('openssl', args, { encoding: 'utf8', ...(input === undefined ? {} : { input }) })

let dir: string
let pki: TestPki

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'test-pki-'))
  pki = await generateTestPki({ dir: join(dir, 'pki'), deviceCount: 2, now: NOW })
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('generateTestPki', () => {
  it('writes the files, keys owner-only', () => {
    const names = pki.files.map((f) => f.slice(join(dir, 'pki').length + 1)).sort()
    expect(names).toEqual([
      'device-1.chain.pem', 'device-1.key.pem', 'device-1.pem', 'device-2.chain.pem', 'device-2.key.pem', 'device-2.pem',
      'mica.key.pem', 'mica.pem', 'serca.pem', 'server.chain.pem', 'server.key.pem', 'server.pem',
    ])
    for (const file of pki.files) {
      const mode = statSync(file).mode & 0o777
      expect([file, mode]).toEqual([file, file.endsWith('.key.pem') ? 0o600 : 0o644])
    }
    expect(readFileSync(join(dir, 'pki', 'device-1.key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/)
  })

  it('device and server chains verify with openssl against the SERCA', () => {
    const p = (name: string): string => join(dir, 'pki', name)
    for (const leaf of ['device-1.pem', 'device-2.pem', 'server.pem']) {
      expect(openssl(['verify', '-CAfile', p('serca.pem'), '-untrusted', p('mica.pem'), p(leaf)])).toContain(': OK')
    }
  })

  it('follows the IEEE 2030.5 device profile', () => {
    const textOut = openssl(['x509', '-in', join(dir, 'pki', 'device-1.pem'), '-noout', '-text'])
    expect(textOut).toMatch(/Subject: *\n/)
    expect(textOut).toContain('Signature Algorithm: ecdsa-with-SHA256')
    expect(textOut).toContain('ASN1 OID: prime256v1')
    expect(textOut).toContain('Not After : Dec 31 23:59:59 9999 GMT')
    expect(textOut).toMatch(/Subject Alternative Name: critical\n\s+othername: 1\.3\.6\.1\.5\.5\.7\.8\.4/)
    expect(textOut).toMatch(/Certificate Policies: critical\n\s+Policy: 1\.3\.6\.1\.4\.1\.40732\.1\.1\n\s+Policy: 1\.3\.6\.1\.4\.1\.40732\.2\.1/)
    expect(textOut).toMatch(/Key Usage: critical\n\s+Digital Signature, Key Agreement/)
    // notAfter is a GeneralizedTime (years >= 2050 must be), notBefore a UTCTime.
    const asn1 = openssl(['asn1parse', '-in', join(dir, 'pki', 'device-1.pem')])
    expect(asn1).toMatch(/GENERALIZEDTIME\s+:99991231235959Z/)
  })

  it('marks the CAs as CAs', () => {
    const serca = openssl(['x509', '-in', join(dir, 'pki', 'serca.pem'), '-noout', '-text'])
    expect(serca).toMatch(/Basic Constraints: critical\n\s+CA:TRUE/)
    expect(serca).toMatch(/Key Usage: critical\n\s+Certificate Sign, CRL Sign/)
    const mica = openssl(['x509', '-in', join(dir, 'pki', 'mica.pem'), '-noout', '-text'])
    expect(mica).toMatch(/CA:TRUE, pathlen:0/)
  })

  it('gives the server certificate localhost and 127.0.0.1', () => {
    const textOut = openssl(['x509', '-in', join(dir, 'pki', 'server.pem'), '-noout', '-text'])
    expect(textOut).toContain('DNS:localhost')
    expect(textOut).toContain('IP Address:127.0.0.1')
  })

  it('ID-2: the LFDI equals `openssl x509 -outform der | sha256sum | head -c 40` in upper case', () => {
    for (const [i, device] of pki.devices.entries()) {
      const pipeline = execFileSync('sh', ['-c', `openssl x509 -outform der -in "${join(dir, 'pki', `device-${i + 1}.pem`)}" | sha256sum | head -c 40`], { encoding: 'utf8' })
      expect(device.lfdi).toBe(pipeline.toUpperCase())
    }
  })
})

describe('issueDeviceCertificateFromCsr', () => {
  it('issues a profile certificate for the app\'s CSR that verifies up to the SERCA', async () => {
    const { csrPem, keyPem } = await generateKeyAndCsr()
    const mica = await certificateAuthorityFromPem({ certificatePem: pki.micaPem, keyPem: readFileSync(join(dir, 'pki', 'mica.key.pem'), 'utf8') })
    const certificate = await issueDeviceCertificateFromCsr({ csrPem, issuer: mica, now: NOW, hwSerialNum: 'CSR-1' })
    const pemPath = join(dir, 'from-csr.pem')
    writeFileSync(pemPath, certificate.toString('pem'))
    expect(openssl(['verify', '-CAfile', join(dir, 'pki', 'serca.pem'), '-untrusted', join(dir, 'pki', 'mica.pem'), pemPath])).toContain(': OK')
    // the certificate carries the CSR's key: openssl sees the same public key in both
    const fromKey = openssl(['pkey', '-pubout'], keyPem)
    const fromCert = openssl(['x509', '-pubkey', '-noout', '-in', pemPath])
    expect(fromCert).toBe(fromKey)
    expect(new X509Certificate(certificate.rawData).subject).toBe('')
    expect(identifiersOfCertificate(certificate.rawData).lfdi).toHaveLength(40)
  })

  it('rejects text that is not a CSR', async () => {
    await expect(issueDeviceCertificateFromCsr({ csrPem: 'hello', issuer: pki.authorities.mica, now: NOW, hwSerialNum: 'x' })).rejects.toBeInstanceOf(CsrRejectedError)
  })
})

describe('server certificate styles', () => {
  it('the 2030.5 style has an empty subject and only a hardwareModuleName', async () => {
    const sep2 = await generateTestPki({ now: NOW, serverStyle: 'sep2' })
    const textOut = openssl(['x509', '-noout', '-text'], sep2.server.certificatePem)
    expect(textOut).toMatch(/Subject: *\n/)
    expect(textOut).toMatch(/Subject Alternative Name: critical\n\s+othername: 1\.3\.6\.1\.5\.5\.7\.8\.4[^\n]*\n/)
    expect(textOut).not.toContain('DNS:')
  })
})

