/**
 * Certificate import analysis (REQUIREMENTS ID-1, ID-2): reads the installer's files, finds the device certificate,
 * its chain and key, and reports an ordered list of checks plus the device identity (LFDI, SFDI, ...).
 * The result holds no key material (SEC-2).
 */
import type { KeyObject } from 'node:crypto'
import { verdictOf, type CertificateAnalysis, type CertificateCheck, type CertificateCheckId, type CertificateIdentity } from '../../src-shared/identity'
import { identifiersOfCertificate } from './certificate-lfdi'
import { buildChain, chainEntries, type ChainLink } from './chain'
import { chainCompleteCheck, chainSignaturesCheck, trustAnchorCheck } from './chain-checks'
import { filesParsedCheck, keyAlgorithmCheck, privateKeyCheck, selectDeviceCertificate, validityCheck } from './certificate-checks'
import { describeKey } from './key-algorithm'
import { hardwareModuleCheck, hardwareModuleOf, policiesCheck, policiesOf } from './profile-checks'
import { readInputFiles, type InputFile, type ReadCertificate } from './read-files'

export type TrustAnchorInput = string | Uint8Array

export interface AnalyseOptions {
  files: InputFile[]
  /** The configured SERCA certificates (PEM text, possibly several, or DER). */
  trustAnchors: TrustAnchorInput[]
  now: Date
  /** For an encrypted PKCS#8 key. */
  password?: string
}

const LATER_CHECKS: [CertificateCheckId, string][] = [
  ['validity', 'Validity period'],
  ['key-algorithm', 'Key algorithm'],
  ['private-key', 'Private key'],
  ['chain-complete', 'Certificate chain'],
  ['chain-signatures', 'Chain signatures'],
  ['trust-anchor', 'Trusted root (SERCA)'],
  ['profile-policies', 'IEEE 2030.5 certificate policies'],
  ['profile-hardware-module-name', 'Hardware module name'],
]

export function analyseCertificateFiles(options: AnalyseOptions): CertificateAnalysis {
  const read = readInputFiles(options.files, options.password)
  const checks: CertificateCheck[] = [filesParsedCheck(read)]
  const selected = selectDeviceCertificate(read)
  checks.push(selected.check)
  const device = selected.device
  if (!device) {
    const skipped = LATER_CHECKS.map(([id, label]): CertificateCheck => ({ id, label, status: 'skip', detail: 'No device certificate to check.' }))
    return { verdict: 'fail', checks: [...checks, ...skipped], chain: [], passwordRequired: read.keys.some((k) => k.state === 'encrypted') }
  }
  const identity = identityOf(device)
  const key = privateKeyCheck(device, read.keys)
  const anchors = readTrustAnchors(options.trustAnchors)
  const pool: ChainLink[] = [
    ...read.certificates.filter((c) => c !== device).map((c): ChainLink => ({ certificate: c, source: { kind: 'file', fileName: c.fileName } })),
    ...anchors.map((c): ChainLink => ({ certificate: c, source: { kind: 'trust-anchor' } })),
  ]
  const chain = buildChain({ certificate: device, source: { kind: 'file', fileName: device.fileName } }, pool)
  checks.push(
    validityCheck(device, options.now),
    keyAlgorithmCheck(identity.keyAlgorithm),
    key.check,
    chainCompleteCheck(chain),
    chainSignaturesCheck(chain, options.now),
    trustAnchorCheck(chain, anchors),
    policiesCheck(device),
    hardwareModuleCheck(device),
  )
  return {
    verdict: verdictOf(checks),
    checks,
    identity,
    chain: chainEntries(chain),
    passwordRequired: key.passwordRequired,
    ...(key.matched ? { privateKey: { fileName: key.matched.fileName, matchesCertificate: true } } : {}),
  }
}

/** The identity of one certificate (also used by the `identity` CLI command). */
export function identityOf(certificate: ReadCertificate): CertificateIdentity {
  const hardwareModule = hardwareModuleOf(certificate)
  return {
    ...identifiersOfCertificate(certificate.der),
    subject: certificate.x509.subject,
    issuer: certificate.x509.issuer,
    serialNumber: certificate.x509.serialNumber.toUpperCase(),
    notBefore: certificate.x509.notBefore.toISOString(),
    notAfter: certificate.x509.notAfter.toISOString(),
    fingerprintSha256: certificate.node.fingerprint256,
    keyAlgorithm: describeKey(certificate.node.publicKey),
    ...(hardwareModule ? { hardwareModule } : {}),
    policies: policiesOf(certificate)?.policies ?? [],
  }
}

function readTrustAnchors(anchors: TrustAnchorInput[]): ReadCertificate[] {
  const files = anchors.map((anchor, i) => ({
    name: `trust anchor ${i + 1}`,
    bytes: typeof anchor === 'string' ? new TextEncoder().encode(anchor) : anchor,
  }))
  return readInputFiles(files).certificates
}

/**
 * The private key that belongs to the device certificate in `files`, for handing to the key store right after a
 * successful import. Undefined when there is none (or it is locked).
 */
export function privateKeyForCertificate(options: { files: InputFile[]; password?: string }): KeyObject | undefined {
  const read = readInputFiles(options.files, options.password)
  const device = selectDeviceCertificate(read).device
  return device ? privateKeyCheck(device, read.keys).matched?.key : undefined
}
