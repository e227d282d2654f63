/** The checks on the device certificate and its key (REQUIREMENTS ID-1). Each returns plain words for the installer. */
import type { CertificateCheck, KeyAlgorithmSummary } from '../../src-shared/identity'
import { formatDate, nameOf, neverExpires } from './format'
import { isP256 } from './key-algorithm'
import type { ReadCertificate, ReadFiles, ReadKey } from './read-files'

const DAY_MS = 86_400_000

export function filesParsedCheck(read: ReadFiles): CertificateCheck {
  const label = 'Files read'
  if (read.problems.length > 0) {
    const lines = read.problems.map((p) => `"${p.fileName}" ${p.problem}`)
    return { id: 'files-parsed', label, status: 'fail', detail: `${lines.join('. ')}. Remove it or pick the right file.` }
  }
  return { id: 'files-parsed', label, status: 'pass', detail: `Read ${read.summaries.join('; ')}.` }
}

export function selectDeviceCertificate(read: ReadFiles): { device?: ReadCertificate; check: CertificateCheck } {
  const label = 'Device certificate'
  const endEntities = unique(read.certificates.filter((c) => !c.node.ca))
  if (read.certificates.length === 0) {
    return { check: { id: 'device-certificate', label, status: 'fail', detail: 'No certificate was found in the files. Pick the device certificate the utility sent (PEM or DER).' } }
  }
  const withKey = endEntities.find((c) => read.keys.some((k) => k.state === 'ready' && matches(c, k)))
  const device = withKey ?? endEntities[0]
  if (!device) {
    const names = unique(read.certificates).map(nameOf).join(', ')
    const detail = `Only CA certificates were found (${names}): the device certificate itself is missing. Add the certificate the utility issued for this device.`
    return { check: { id: 'device-certificate', label, status: 'fail', detail } }
  }
  const others = endEntities.length > 1 ? ` The files hold ${endEntities.length} device certificates; this one was chosen${withKey ? ' because the key belongs to it' : ' (the first)'}.` : ''
  const detail = `Found the device certificate ${nameOf(device)} in "${device.fileName}", issued by "${device.x509.issuer}".${others}`
  return { device, check: { id: 'device-certificate', label, status: 'pass', detail } }
}

export function validityCheck(device: ReadCertificate, now: Date): CertificateCheck {
  const label = 'Validity period'
  const { notBefore, notAfter } = device.x509
  if (now < notBefore) {
    const days = Math.ceil((notBefore.getTime() - now.getTime()) / DAY_MS)
    const detail = `The certificate is not valid yet: it becomes valid on ${formatDate(notBefore)} (in ${days} day${days === 1 ? '' : 's'}). Check that this computer's date and time are right; if they are, wait or ask the utility for a certificate valid now.`
    return { id: 'validity', label, status: 'fail', detail }
  }
  if (now > notAfter) {
    const detail = `The certificate expired on ${formatDate(notAfter)} (valid from ${formatDate(notBefore)}). The utility server will refuse it: ask the utility for a new certificate.`
    return { id: 'validity', label, status: 'fail', detail }
  }
  const until = neverExpires(notAfter) ? 'with no expiry (9999-12-31, as IEEE 2030.5 device certificates have)' : `until ${formatDate(notAfter)}`
  return { id: 'validity', label, status: 'pass', detail: `Valid from ${formatDate(notBefore)} ${until}.` }
}

export function keyAlgorithmCheck(summary: KeyAlgorithmSummary): CertificateCheck {
  const label = 'Key algorithm'
  if (isP256(summary)) return { id: 'key-algorithm', label, status: 'pass', detail: `${summary.description}, as IEEE 2030.5 requires.` }
  const detail = `The certificate's key is ${summary.description}, but IEEE 2030.5 requires ECDSA on curve P-256 (secp256r1 / prime256v1) (handbook Annex B). The utility server will not accept it: generate a P-256 key and CSR and ask for a new certificate.`
  return { id: 'key-algorithm', label, status: 'fail', detail }
}

export interface KeyCheckResult {
  check: CertificateCheck
  matched?: Extract<ReadKey, { state: 'ready' }>
  passwordRequired: boolean
}

export function privateKeyCheck(device: ReadCertificate, keys: ReadKey[]): KeyCheckResult {
  const label = 'Private key'
  const ready = keys.filter((k): k is Extract<ReadKey, { state: 'ready' }> => k.state === 'ready')
  const matched = ready.find((k) => matches(device, k))
  if (matched) {
    return { matched, passwordRequired: false, check: { id: 'private-key', label, status: 'pass', detail: `The private key in "${matched.fileName}" belongs to this certificate.` } }
  }
  const locked = keys.find((k) => k.state === 'encrypted')
  if (locked) {
    const detail = `The private key in "${locked.fileName}" is encrypted. Enter its password so the key can be checked against the certificate.`
    return { passwordRequired: true, check: { id: 'private-key', label, status: 'fail', detail } }
  }
  const wrongPassword = keys.find((k) => k.state === 'wrong-password')
  if (wrongPassword) {
    const detail = `The password does not unlock the private key in "${wrongPassword.fileName}". Check the password and try again.`
    return { passwordRequired: true, check: { id: 'private-key', label, status: 'fail', detail } }
  }
  const first = ready[0]
  if (first) {
    const detail = `The private key in "${first.fileName}" does not match this certificate (its public key is different). Pick the key that was generated together with the CSR for this certificate.`
    return { passwordRequired: false, check: { id: 'private-key', label, status: 'fail', detail } }
  }
  const detail = 'No private key was among the files. The app needs the key that belongs to this certificate to connect: add the key file (PEM or DER, PKCS#8 or SEC1).'
  return { passwordRequired: false, check: { id: 'private-key', label, status: 'warn', detail } }
}

function matches(certificate: ReadCertificate, key: Extract<ReadKey, { state: 'ready' }>): boolean {
  try {
    return certificate.node.checkPrivateKey(key.key)
  } catch {
    return false
  }
}

function unique(certificates: ReadCertificate[]): ReadCertificate[] {
  return certificates.filter((c, i) => certificates.findIndex((o) => o.node.fingerprint256 === c.node.fingerprint256) === i)
}
