/**
 * TLS settings for the SEP2 client: cipher preference, trust store and what we say about trust anchors.
 * DESIGN.md: Electron's BoringSSL lacks AES-128-CCM-8 (the IEEE 2030.5 suite) while Node's OpenSSL has it, so the list
 * is built from what the runtime offers and stays configurable.
 */
import { X509Certificate } from 'node:crypto'
import tls from 'node:tls'

/** The IEEE 2030.5 mandatory suite (TLS 1.2). */
export const SEP2_CCM8_CIPHER = 'ECDHE-ECDSA-AES128-CCM8'

const TLS12_FALLBACKS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
]
const TLS13_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']

/** True when this runtime's TLS library can use the named cipher. */
export function runtimeHasCipher(name: string): boolean {
  if (tls.getCiphers().includes(name.toLowerCase())) return true
  try {
    tls.createSecureContext({ ciphers: name })
    return true
  } catch {
    return false
  }
}

/**
 * OpenSSL >= 3.2 (Node >= 22) puts the CCM-8 suites at security level 0 (their 64-bit tag), so at the default level
 * they are silently never negotiated. The list names only strong suites; level 0 is what lets CCM-8 be offered.
 */
export const CCM8_SECURITY_LEVEL = '@SECLEVEL=0'

/** Smallest peer keys accepted: P-256 (the IEEE 2030.5 certificate profile) and RSA 2048 (system-CA servers). */
export const MIN_PEER_KEY_BITS = { EC: 256, RSA: 2048 } as const

type PeerKey = { bits?: number; asn1Curve?: string; modulus?: string; issuerCertificate?: PeerKey; subject?: unknown }

/**
 * Security level 0 (needed for CCM-8 above) would also let OpenSSL accept weak keys in the server's chain, so the
 * client checks them itself: every certificate the server presented must carry an EC key of >= 256 bits or an RSA key
 * of >= 2048 bits. Returns the reason to refuse, or undefined.
 */
export function weakPeerKey(cert: PeerKey): string | undefined {
  const seen = new Set<PeerKey>()
  for (let c: PeerKey | undefined = cert; c && !seen.has(c); c = c.issuerCertificate) {
    seen.add(c)
    const kind = c.asn1Curve !== undefined ? 'EC' : c.modulus !== undefined ? 'RSA' : undefined
    if (kind === undefined || c.bits === undefined) continue
    if (c.bits < MIN_PEER_KEY_BITS[kind]) return `the server presented a ${c.bits}-bit ${kind} key (at least ${MIN_PEER_KEY_BITS[kind]} bits are accepted)`
  }
  return undefined
}

/** Default cipher string: CCM-8 first where available, then ECDSA GCM, then other TLS 1.2 / 1.3 suites. */
export function defaultCipherList(hasCcm8: boolean = runtimeHasCipher(SEP2_CCM8_CIPHER)): string {
  return [...(hasCcm8 ? [SEP2_CCM8_CIPHER] : []), ...TLS12_FALLBACKS, ...TLS13_SUITES, ...(hasCcm8 ? [CCM8_SECURITY_LEVEL] : [])].join(':')
}

/** System CAs plus the configured trust anchors (Node's `ca` option replaces the system store, so both are listed). */
export function trustStore(trustAnchors: readonly string[]): string[] {
  return [...tls.rootCertificates, ...trustAnchors]
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** Subjects of the configured anchors, for "expected anchor" messages. Unreadable entries are named as such. */
export function describeAnchors(trustAnchors: readonly string[]): string[] {
  const blocks = trustAnchors.flatMap((pem) => pem.match(PEM_BLOCK) ?? [pem])
  return blocks.map((pem) => {
    try {
      return flattenName(new X509Certificate(pem).subject)
    } catch {
      return '(unreadable certificate)'
    }
  })
}

/** Node prints X.509 names one attribute per line; show them on one line. */
export function flattenName(name: string): string {
  return name.split('\n').filter((p) => p.length > 0).join(', ')
}
