import tls from 'node:tls'
import { describe, expect, it } from 'vitest'
import { originOf } from './connector'
import { SEP2_CCM8_CIPHER, defaultCipherList, describeAnchors, runtimeHasCipher, trustStore, weakPeerKey } from './tls-options'

describe('cipher preference (DESIGN.md: CCM-8 where the runtime has it)', () => {
  it('puts ECDHE-ECDSA-AES128-CCM8 first, then ECDHE-ECDSA-AES128-GCM-SHA256', () => {
    const list = defaultCipherList(true).split(':')
    expect(list.slice(0, 2)).toEqual([SEP2_CCM8_CIPHER, 'ECDHE-ECDSA-AES128-GCM-SHA256'])
    expect(list).toContain('TLS_AES_128_GCM_SHA256')
    // OpenSSL >= 3.2 negotiates CCM-8 only at security level 0 (transport-tls.integration.test.ts proves it is used).
    expect(list.at(-1)).toBe('@SECLEVEL=0')
  })

  it('leaves CCM-8 out where the runtime lacks it (Electron BoringSSL)', () => {
    const list = defaultCipherList(false).split(':')
    expect(list[0]).toBe('ECDHE-ECDSA-AES128-GCM-SHA256')
    expect(list).not.toContain(SEP2_CCM8_CIPHER)
    expect(list).not.toContain('@SECLEVEL=0')
  })

  it('detects CCM-8 in this Node runtime (OpenSSL has it) and rejects a made-up suite', () => {
    expect(runtimeHasCipher(SEP2_CCM8_CIPHER)).toBe(true)
    expect(runtimeHasCipher('NOT-A-REAL-CIPHER')).toBe(false)
    expect(defaultCipherList().split(':')[0]).toBe(SEP2_CCM8_CIPHER)
  })
})

describe('trust store (SRV-1: system CAs plus configured anchors)', () => {
  it('keeps every system root and adds the anchors', () => {
    const store = trustStore(['ANCHOR'])
    expect(store).toHaveLength(tls.rootCertificates.length + 1)
    expect(store.at(-1)).toBe('ANCHOR')
  })

  it('names unreadable anchors instead of failing', () => {
    expect(describeAnchors(['not a certificate'])).toEqual(['(unreadable certificate)'])
  })
})

describe('origin keys match URL.origin', () => {
  it.each([
    ['https://sep2-test.energyq.com.au/api/v2/dcap', { protocol: 'https:', hostname: 'sep2-test.energyq.com.au', port: '' }],
    ['https://127.0.0.1:8443/x', { protocol: 'https:', hostname: '127.0.0.1', port: '8443' }],
    ['https://[::1]:8443/x', { protocol: 'https:', hostname: '::1', port: '8443' }],
    ['https://example.com/x', { protocol: 'https:', hostname: 'example.com', port: '443' }],
  ])('%s', (url, params) => {
    expect(originOf(params)).toBe(new URL(url).origin)
  })
})

describe('weakPeerKey (what security level 0 for CCM-8 no longer checks)', () => {
  const ec = (bits: number, issuer?: object) => ({ bits, asn1Curve: bits === 256 ? 'prime256v1' : 'secp-other', ...(issuer ? { issuerCertificate: issuer } : {}) })
  const rsa = (bits: number, issuer?: object) => ({ bits, modulus: 'AB'.repeat(bits / 16), ...(issuer ? { issuerCertificate: issuer } : {}) })

  it('accepts the 2030.5 profile (P-256 throughout) and RSA 2048 from a system CA', () => {
    expect(weakPeerKey(ec(256, ec(256, ec(256))))).toBeUndefined()
    expect(weakPeerKey(rsa(2048, rsa(4096)))).toBeUndefined()
  })

  it('refuses a weak key anywhere in the presented chain, naming it', () => {
    expect(weakPeerKey(ec(192))).toBe('the server presented a 192-bit EC key (at least 256 bits are accepted)')
    expect(weakPeerKey(ec(256, rsa(1024)))).toBe('the server presented a 1024-bit RSA key (at least 2048 bits are accepted)')
  })

  it('ends on a self-signed root that names itself as issuer', () => {
    const root: { bits: number; asn1Curve: string; issuerCertificate?: object } = { bits: 256, asn1Curve: 'prime256v1' }
    root.issuerCertificate = root
    expect(weakPeerKey(ec(256, root))).toBeUndefined()
  })
})
