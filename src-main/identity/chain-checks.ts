/** Chain checks (REQUIREMENTS ID-1): MICA present, every signature and CA valid, ends at a configured SERCA. */
import type { CertificateCheck } from '../../src-shared/identity'
import { isSelfSigned, roleOf, sameCertificate, type BuiltChain } from './chain'
import { formatDate, issuerOf, nameOf } from './format'
import type { ReadCertificate } from './read-files'

export function chainCompleteCheck(chain: BuiltChain): CertificateCheck {
  const label = 'Certificate chain'
  const [device, second] = chain.links
  if (!device) throw new Error('A chain always starts with the device certificate.')
  if (!second) {
    if (chain.end === 'root') {
      return { id: 'chain-complete', label, status: 'fail', detail: 'The device certificate is self-signed: it was not issued by the utility\'s PKI, and the utility server will refuse it.' }
    }
    const detail = `The MICA is missing: the device certificate was issued by ${issuerOf(device.certificate)}, but that certificate is neither in the files nor among the configured trust anchors. Add the MICA certificate: the utility sends it with the device certificate, and the chain file should hold the device certificate, the MICA and the SERCA (handbook Annex B).`
    return { id: 'chain-complete', label, status: 'fail', detail }
  }
  const top = chain.links[chain.links.length - 1] ?? second
  if (chain.end === 'missing-issuer') {
    const detail = `The chain stops at ${nameOf(top.certificate)}: the SERCA that issued it (${issuerOf(top.certificate)}) is neither in the files nor among the configured trust anchors. Add the SERCA certificate (handbook Annex B: the file should include the MICA and SERCA).`
    return { id: 'chain-complete', label, status: 'warn', detail }
  }
  const path = chain.links.map((link, i) => `${roleOf(i, link).toUpperCase()} ${nameOf(link.certificate)}`).join(' -> ')
  const fromAnchors = chain.links.some((l) => l.source.kind === 'trust-anchor') ? ' (completed from the configured trust anchors)' : ''
  const direct = chain.links.length === 2 ? ' The device certificate was issued directly by the root; no MICA is needed.' : ''
  return { id: 'chain-complete', label, status: 'pass', detail: `${path}${fromAnchors}.${direct}` }
}

export function chainSignaturesCheck(chain: BuiltChain, now: Date): CertificateCheck {
  const label = 'Chain signatures'
  if (chain.links.length < 2) return { id: 'chain-signatures', label, status: 'skip', detail: 'No issuing certificate to check the signature against.' }
  const problems: string[] = []
  chain.links.forEach((link, i) => {
    const parent = chain.links[i + 1]
    if (parent) problems.push(...linkProblems(link.certificate, parent.certificate, now))
  })
  if (problems.length > 0) {
    return { id: 'chain-signatures', label, status: 'fail', detail: `${problems.join(' ')} The utility server will refuse this chain.` }
  }
  return { id: 'chain-signatures', label, status: 'pass', detail: 'Every certificate is signed by the next one up, and every CA certificate is valid now and allowed to issue certificates.' }
}

function linkProblems(child: ReadCertificate, parent: ReadCertificate, now: Date): string[] {
  const problems: string[] = []
  if (!child.node.verify(parent.node.publicKey)) {
    problems.push(`The signature on ${nameOf(child)} does not verify with the key of ${nameOf(parent)}: the certificate was altered or not issued by it.`)
  }
  if (!parent.node.ca) problems.push(`${nameOf(parent)} is not a CA certificate, so it may not issue certificates.`)
  if (now > parent.x509.notAfter) problems.push(`The CA certificate ${nameOf(parent)} expired on ${formatDate(parent.x509.notAfter)}.`)
  if (now < parent.x509.notBefore) problems.push(`The CA certificate ${nameOf(parent)} is not valid until ${formatDate(parent.x509.notBefore)}.`)
  return problems
}

export function trustAnchorCheck(chain: BuiltChain, anchors: ReadCertificate[]): CertificateCheck {
  const label = 'Trusted root (SERCA)'
  if (chain.links.length === 1 && chain.end === 'missing-issuer') {
    return { id: 'trust-anchor', label, status: 'skip', detail: 'Cannot be checked until the MICA is added.' }
  }
  if (anchors.length === 0) {
    return { id: 'trust-anchor', label, status: 'warn', detail: 'No SERCA trust anchor is configured, so the chain cannot be checked against the utility\'s root. Add the utility\'s SERCA certificate in the server settings.' }
  }
  const anchored = chain.links.find((link) => anchors.some((a) => sameCertificate(a, link.certificate) || sameKeyAndName(a, link.certificate)))
  if (anchored) {
    return { id: 'trust-anchor', label, status: 'pass', detail: `The chain reaches ${nameOf(anchored.certificate)}, a configured SERCA trust anchor.` }
  }
  const top = chain.links[chain.links.length - 1]
  if (top && isSelfSigned(top.certificate)) {
    const detail = `Unknown root: the chain ends at ${nameOf(top.certificate)}, which is not a configured SERCA trust anchor. The certificate comes from a different PKI (another utility's, a test PKI or a self-made one) and the utility server will refuse it. Use the certificate the utility issued; if ${nameOf(top.certificate)} is the utility's SERCA, add it as a trust anchor.`
    return { id: 'trust-anchor', label, status: 'fail', detail }
  }
  const stop = top ? nameOf(top.certificate) : 'the device certificate'
  const detail = `The chain cannot be followed to a configured SERCA trust anchor: it stops at ${stop}. Add the missing SERCA certificate, or check that the right trust anchor is configured.`
  return { id: 'trust-anchor', label, status: 'fail', detail }
}

/** The same root re-encoded (or re-issued with the same key and name) is still the same trust anchor. */
function sameKeyAndName(a: ReadCertificate, b: ReadCertificate): boolean {
  if (a.x509.subject !== b.x509.subject) return false
  const spki = (c: ReadCertificate): string => c.node.publicKey.export({ type: 'spki', format: 'der' }).toString('hex')
  return spki(a) === spki(b)
}
