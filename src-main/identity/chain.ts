/**
 * Follows the device certificate up through the supplied certificates and the configured trust anchors (REQUIREMENTS
 * ID-1): device -> MICA -> SERCA. Issuers are matched by name and key identifier (OpenSSL's check_issued); the
 * signatures are verified separately so a forged link is reported as such, not as a missing one.
 */
import type { ChainEntry, ChainRole } from '../../src-shared/identity'
import type { ReadCertificate } from './read-files'

export interface ChainLink {
  certificate: ReadCertificate
  source: ChainEntry['source']
}

export interface BuiltChain {
  links: ChainLink[]
  /** `root`: ends at a self-signed certificate; `missing-issuer`: the last link's issuer was nowhere to be found. */
  end: 'root' | 'missing-issuer'
}

/** 2030.5 chains are device -> MICA -> SERCA; a few more levels are tolerated, loops are not. */
const MAX_CHAIN_LENGTH = 6

export function isSelfSigned(certificate: ReadCertificate): boolean {
  const node = certificate.node
  return node.checkIssued(node) && node.verify(node.publicKey)
}

export function buildChain(device: ChainLink, pool: ChainLink[]): BuiltChain {
  const links = [device]
  let current = device
  while (links.length < MAX_CHAIN_LENGTH) {
    if (isSelfSigned(current.certificate)) return { links, end: 'root' }
    const issuer = findIssuer(current, pool, links)
    if (!issuer) return { links, end: 'missing-issuer' }
    links.push(issuer)
    current = issuer
  }
  return { links, end: 'missing-issuer' }
}

function findIssuer(child: ChainLink, pool: ChainLink[], used: ChainLink[]): ChainLink | undefined {
  const candidates = pool.filter(
    (link) => !used.some((u) => sameCertificate(u.certificate, link.certificate)) && child.certificate.node.checkIssued(link.certificate.node),
  )
  // Prefer the one that really signed the child, then the installer's own files over the trust anchors.
  const signers = candidates.filter((link) => child.certificate.node.verify(link.certificate.node.publicKey))
  return signers.find((l) => l.source.kind === 'file') ?? signers[0] ?? candidates[0]
}

export function sameCertificate(a: ReadCertificate, b: ReadCertificate): boolean {
  return a.node.fingerprint256 === b.node.fingerprint256
}

export function roleOf(index: number, link: ChainLink): ChainRole {
  if (index === 0) return 'device'
  if (isSelfSigned(link.certificate)) return 'serca'
  return index === 1 ? 'mica' : 'ca'
}

export function chainEntries(chain: BuiltChain): ChainEntry[] {
  return chain.links.map((link, index) => ({
    role: roleOf(index, link),
    subject: link.certificate.x509.subject,
    issuer: link.certificate.x509.issuer,
    notAfter: link.certificate.x509.notAfter.toISOString(),
    fingerprintSha256: link.certificate.node.fingerprint256,
    source: link.source,
  }))
}
