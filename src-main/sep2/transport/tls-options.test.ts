import tls from 'node:tls'
import { describe, expect, it } from 'vitest'
import { originOf } from './connector'
import { SEP2_CCM8_CIPHER, defaultCipherList, describeAnchors, runtimeHasCipher, trustStore } from './tls-options'

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
