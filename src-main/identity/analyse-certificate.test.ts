import { execFileSync } from 'node:child_process'
import { createPrivateKey } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateTestPki, type TestPki } from '../pki/test-pki'
import { generateCertificateVariant, type CertificateVariant, type VariantCertificate } from '../pki/test-variants'
import { PemConverter } from '../pki/x509'
import { analyseCertificateFiles, privateKeyForCertificate } from './analyse-certificate'
import type { CertificateAnalysis, CertificateCheckId } from '../../src-shared/identity'

const NOW = new Date('2026-06-01T00:00:00Z')
const text = (name: string, value: string): { name: string; bytes: Uint8Array } => ({ name, bytes: new TextEncoder().encode(value) })
const check = (analysis: CertificateAnalysis, id: CertificateCheckId) => {
  const found = analysis.checks.find((c) => c.id === id)
  if (!found) throw new Error(`no check ${id}`)
  return found
}
const failing = (analysis: CertificateAnalysis): CertificateCheckId[] => analysis.checks.filter((c) => c.status === 'fail').map((c) => c.id)

let pki: TestPki
const variants = new Map<CertificateVariant, VariantCertificate>()

beforeAll(async () => {
  pki = await generateTestPki({ now: NOW, deviceCount: 2 })
  for (const variant of ['expired', 'not-yet-valid', 'rsa-key', 'p384-key', 'unknown-root'] as const) {
    variants.set(variant, await generateCertificateVariant({ pki, variant, now: NOW }))
  }
})

function analyseVariant(variant: CertificateVariant): CertificateAnalysis {
  const v = variants.get(variant)
  if (!v) throw new Error(variant)
  return analyseCertificateFiles({ files: [text('chain.pem', v.chainPem), text('key.pem', v.keyPem)], trustAnchors: [pki.sercaPem], now: NOW })
}

describe('analyseCertificateFiles (ID-1)', () => {
  it('passes a valid chain with its key and reports the identity', () => {
    const device = pki.devices[0]!
    const analysis = analyseCertificateFiles({ files: [text('chain.pem', device.chainPem), text('key.pem', device.keyPem)], trustAnchors: [pki.sercaPem], now: NOW })
    expect(analysis.checks.map((c) => [c.id, c.status])).toEqual([
      ['files-parsed', 'pass'], ['device-certificate', 'pass'], ['validity', 'pass'], ['key-algorithm', 'pass'], ['private-key', 'pass'],
      ['chain-complete', 'pass'], ['chain-signatures', 'pass'], ['trust-anchor', 'pass'], ['profile-policies', 'pass'], ['profile-hardware-module-name', 'pass'],
    ])
    expect(analysis.verdict).toBe('pass')
    expect(analysis.identity).toMatchObject({ lfdi: device.lfdi, sfdi: device.sfdi, subject: '', issuer: 'CN=Test MICA, O=SEP2 Commissioner Test PKI', notAfter: '9999-12-31T23:59:59.000Z' })
    expect(analysis.identity?.keyAlgorithm).toMatchObject({ type: 'ec', curve: 'P-256' })
    expect(analysis.identity?.hardwareModule?.hwSerialNum).toBe('SIM-DEVICE-0001')
    expect(analysis.chain.map((c) => c.role)).toEqual(['device', 'mica', 'serca'])
    expect(analysis.privateKey).toEqual({ fileName: 'key.pem', matchesCertificate: true })
  })

  it('never puts key material in the result (SEC-2)', () => {
    const device = pki.devices[0]!
    const analysis = analyseCertificateFiles({ files: [text('chain.pem', device.chainPem), text('key.pem', device.keyPem)], trustAnchors: [pki.sercaPem], now: NOW })
    const json = JSON.stringify(analysis)
    const keyBody = device.keyPem.split('\n')[1]!
    expect(json).not.toContain(keyBody)
    expect(json).not.toContain('PRIVATE KEY-----')
  })

  it('expired: fails validity and gives the end date', () => {
    const analysis = analyseVariant('expired')
    expect(failing(analysis)).toEqual(['validity'])
    expect(check(analysis, 'validity').detail).toMatch(/expired on 2025-06-01/)
  })

  it('not yet valid: fails validity and gives the start date', () => {
    const analysis = analyseVariant('not-yet-valid')
    expect(failing(analysis)).toEqual(['validity'])
    expect(check(analysis, 'validity').detail).toMatch(/not valid yet: it becomes valid on 2027-06-01.*in 365 days/)
  })

  it('RSA key: fails the key algorithm and names RSA', () => {
    const analysis = analyseVariant('rsa-key')
    expect(failing(analysis)).toEqual(['key-algorithm'])
    expect(check(analysis, 'key-algorithm').detail).toMatch(/RSA 2048-bit.*requires ECDSA on curve P-256/)
  })

  it('P-384 key: fails the key algorithm and names P-384', () => {
    const analysis = analyseVariant('p384-key')
    expect(failing(analysis)).toEqual(['key-algorithm'])
    expect(check(analysis, 'key-algorithm').detail).toMatch(/ECDSA P-384 \(secp384r1\)/)
  })

  it('key that does not match: fails the private key check', () => {
    const analysis = analyseCertificateFiles({ files: [text('chain.pem', pki.devices[0]!.chainPem), text('other.key.pem', pki.devices[1]!.keyPem)], trustAnchors: [pki.sercaPem], now: NOW })
    expect(failing(analysis)).toEqual(['private-key'])
    expect(check(analysis, 'private-key').detail).toMatch(/"other.key.pem" does not match this certificate/)
    expect(analysis.privateKey).toBeUndefined()
  })

  it('missing MICA: fails chain-complete with its own message and skips the trust anchor', () => {
    const device = pki.devices[0]!
    const analysis = analyseCertificateFiles({ files: [text('device.pem', device.certificatePem + pki.sercaPem), text('key.pem', device.keyPem)], trustAnchors: [pki.sercaPem], now: NOW })
    expect(failing(analysis)).toEqual(['chain-complete'])
    expect(check(analysis, 'chain-complete').detail).toMatch(/The MICA is missing: the device certificate was issued by "CN=Test MICA/)
    expect(check(analysis, 'trust-anchor').status).toBe('skip')
  })

  it('unknown root: fails the trust anchor with its own message', () => {
    const analysis = analyseVariant('unknown-root')
    expect(failing(analysis)).toEqual(['trust-anchor'])
    expect(check(analysis, 'trust-anchor').detail).toMatch(/Unknown root: the chain ends at "CN=Unknown Root CA, O=Somebody Else", which is not a configured SERCA/)
    expect(check(analysis, 'chain-complete').status).toBe('pass')
  })

  it('a garbage file: names the file and says it is neither a certificate nor a key', () => {
    const device = pki.devices[0]!
    const garbage = { name: 'holiday.jpg', bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]) }
    const analysis = analyseCertificateFiles({ files: [text('chain.pem', device.chainPem), text('key.pem', device.keyPem), garbage], trustAnchors: [pki.sercaPem], now: NOW })
    expect(failing(analysis)).toEqual(['files-parsed'])
    expect(check(analysis, 'files-parsed').detail).toMatch(/"holiday.jpg" is neither a certificate nor a private key/)
  })

  it('only a garbage file: no device certificate, the rest skipped', () => {
    const analysis = analyseCertificateFiles({ files: [text('notes.txt', 'hello')], trustAnchors: [pki.sercaPem], now: NOW })
    expect(failing(analysis)).toEqual(['files-parsed', 'device-certificate'])
    expect(check(analysis, 'validity').status).toBe('skip')
  })

  it('a DER certificate and a DER (SEC1) key are read', () => {
    const device = pki.devices[0]!
    const der = new Uint8Array(PemConverter.decodeFirst(device.certificatePem))
    const sec1 = new Uint8Array(createPrivateKey(device.keyPem).export({ format: 'der', type: 'sec1' }))
    const analysis = analyseCertificateFiles({ files: [{ name: 'device.der', bytes: der }, { name: 'key.der', bytes: sec1 }, text('ca.pem', pki.micaPem)], trustAnchors: [pki.sercaPem], now: NOW })
    expect(analysis.verdict).toBe('pass')
    expect(check(analysis, 'files-parsed').detail).toMatch(/device.der \(DER certificate\); key.der \(DER private key\)/)
    expect(analysis.identity?.lfdi).toBe(device.lfdi)
  })

  it('an encrypted key asks for its password, and opens with the right one', () => {
    const device = pki.devices[0]!
    const encrypted = createPrivateKey(device.keyPem).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString()
    const files = [text('chain.pem', device.chainPem), text('key.pem', encrypted)]
    const locked = analyseCertificateFiles({ files, trustAnchors: [pki.sercaPem], now: NOW })
    expect(locked.passwordRequired).toBe(true)
    expect(check(locked, 'private-key').detail).toMatch(/"key.pem" is encrypted. Enter its password/)
    const wrong = analyseCertificateFiles({ files, trustAnchors: [pki.sercaPem], now: NOW, password: 'nope' })
    expect(check(wrong, 'private-key').detail).toMatch(/password does not unlock/)
    const open = analyseCertificateFiles({ files, trustAnchors: [pki.sercaPem], now: NOW, password: 'secret' })
    expect(open.verdict).toBe('pass')
  })

  it('a PKCS#12 bundle is named as one, with how to convert it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p12-'))
    try {
      const device = pki.devices[0]!
      writeFileSync(join(dir, 'cert.pem'), device.certificatePem)
      writeFileSync(join(dir, 'key.pem'), device.keyPem)
      execFileSync('openssl', ['pkcs12', '-export', '-in', 'cert.pem', '-inkey', 'key.pem', '-out', 'b.p12', '-passout', 'pass:pw'], { cwd: dir })
      const analysis = analyseCertificateFiles({ files: [{ name: 'b.p12', bytes: new Uint8Array(readFileSync(join(dir, 'b.p12'))) }], trustAnchors: [], now: NOW })
      expect(check(analysis, 'files-parsed').detail).toMatch(/"b.p12" is a password-protected PKCS#12 bundle.*openssl pkcs12/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a legacy encrypted SEC1 PEM key (Proc-Type: 4,ENCRYPTED) also asks for its password', () => {
    const device = pki.devices[0]!
    const legacy = createPrivateKey(device.keyPem).export({ format: 'pem', type: 'sec1', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString()
    expect(legacy).toContain('Proc-Type: 4,ENCRYPTED')
    const files = [text('chain.pem', device.chainPem), text('key.pem', legacy)]
    expect(analyseCertificateFiles({ files, trustAnchors: [pki.sercaPem], now: NOW }).passwordRequired).toBe(true)
    expect(analyseCertificateFiles({ files, trustAnchors: [pki.sercaPem], now: NOW, password: 'pw' }).verdict).toBe('pass')
  })

  it('a CSR picked by mistake is named as a CSR', () => {
    const analysis = analyseCertificateFiles({ files: [text('request.csr', '-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n')], trustAnchors: [], now: NOW })
    expect(check(analysis, 'files-parsed').detail).toMatch(/certificate signing request \(CSR\), not a certificate/)
  })

  it('completes the chain from the trust anchors when the file lacks the SERCA', () => {
    const device = pki.devices[0]!
    const analysis = analyseCertificateFiles({ files: [text('chain.pem', device.certificatePem + pki.micaPem), text('key.pem', device.keyPem)], trustAnchors: [pki.sercaPem], now: NOW })
    expect(analysis.verdict).toBe('pass')
    expect(check(analysis, 'chain-complete').detail).toMatch(/completed from the configured trust anchors/)
    expect(analysis.chain[2]?.source).toEqual({ kind: 'trust-anchor' })
  })

  it('warns when no trust anchor is configured', () => {
    const device = pki.devices[0]!
    const analysis = analyseCertificateFiles({ files: [text('chain.pem', device.chainPem), text('key.pem', device.keyPem)], trustAnchors: [], now: NOW })
    expect(check(analysis, 'trust-anchor').status).toBe('warn')
  })

  it('reports a certificate altered after signing', () => {
    const device = pki.devices[0]!
    const der = new Uint8Array(PemConverter.decodeFirst(device.certificatePem))
    const tampered = der.slice()
    // flip a bit inside the signature value (the last byte of the certificate)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0x01
    const analysis = analyseCertificateFiles({ files: [{ name: 'device.der', bytes: tampered }, text('ca.pem', pki.micaPem + pki.sercaPem)], trustAnchors: [pki.sercaPem], now: NOW })
    expect(failing(analysis)).toContain('chain-signatures')
    expect(check(analysis, 'chain-signatures').detail).toMatch(/does not verify/)
  })

  it('finds the device certificate among separate files in any order, with a PKCS#8 DER key', () => {
    const device = pki.devices[1]!
    const pkcs8 = new Uint8Array(createPrivateKey(device.keyPem).export({ format: 'der', type: 'pkcs8' }))
    const files = [text('serca.pem', pki.sercaPem), { name: 'key.der', bytes: pkcs8 }, text('mica.pem', pki.micaPem), text('device.pem', device.certificatePem)]
    const analysis = analyseCertificateFiles({ files, trustAnchors: [pki.sercaPem], now: NOW })
    expect(analysis.verdict).toBe('pass')
    expect(analysis.identity?.lfdi).toBe(device.lfdi)
    expect(analysis.chain.map((c) => c.source)).toEqual([{ kind: 'file', fileName: 'device.pem' }, { kind: 'file', fileName: 'mica.pem' }, { kind: 'file', fileName: 'serca.pem' }])
  })

  it('only CA certificates: says the device certificate is missing', () => {
    const analysis = analyseCertificateFiles({ files: [text('cas.pem', pki.micaPem + pki.sercaPem)], trustAnchors: [pki.sercaPem], now: NOW })
    expect(failing(analysis)).toEqual(['device-certificate'])
    expect(check(analysis, 'device-certificate').detail).toMatch(/Only CA certificates were found.*the device certificate itself is missing/)
  })

  it('privateKeyForCertificate hands over the matching key only', () => {
    const device = pki.devices[0]!
    const key = privateKeyForCertificate({ files: [text('chain.pem', device.chainPem), text('a.pem', pki.devices[1]!.keyPem), text('b.pem', device.keyPem)] })
    expect(key?.equals(createPrivateKey(device.keyPem))).toBe(true)
    expect(privateKeyForCertificate({ files: [text('chain.pem', device.chainPem), text('a.pem', pki.devices[1]!.keyPem)] })).toBeUndefined()
  })
})
