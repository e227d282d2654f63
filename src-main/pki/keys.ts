/** Key pairs for the test PKI, generated with Node's WebCrypto, and their PKCS#8 PEM form. */
import { webcrypto } from 'node:crypto'
import { PemConverter } from './x509'
import { EC_P256_KEY } from './profile'

/** p256 is the only kind IEEE 2030.5 allows; the others exist so tests can show how a wrong key is reported. */
export type KeyKind = 'p256' | 'p384' | 'rsa2048'

export type CryptoKey = webcrypto.CryptoKey
export type CryptoKeyPair = webcrypto.CryptoKeyPair
export const crypto: webcrypto.Crypto = webcrypto

const KEY_USAGES: webcrypto.KeyUsage[] = ['sign', 'verify']

export async function generateKeyPair(kind: KeyKind = 'p256'): Promise<CryptoKeyPair> {
  switch (kind) {
    case 'p256':
      return crypto.subtle.generateKey(EC_P256_KEY, true, KEY_USAGES)
    case 'p384':
      return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, KEY_USAGES)
    case 'rsa2048':
      return crypto.subtle.generateKey(
        { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        true,
        KEY_USAGES,
      )
  }
}

/** The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
export async function privateKeyPem(keys: CryptoKeyPair): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', keys.privateKey)
  return PemConverter.encode(der, 'PRIVATE KEY')
}
