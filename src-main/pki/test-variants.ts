/**
 * Faulty device certificates for tests of the certificate import (REQUIREMENTS ID-1): each variant breaks one rule
 * so its check can be seen to fail on its own.
 */
import { createDevice, createIntermediateCa, createRootCa, type CertificateAuthority } from './issue'
import { privateKeyPem, type KeyKind } from './keys'
import { toPem, type TestPki } from './test-pki'

export type CertificateVariant = 'expired' | 'not-yet-valid' | 'rsa-key' | 'p384-key' | 'unknown-root'

export interface VariantCertificate {
  certificatePem: string
  keyPem: string
  /** Device, MICA and SERCA of the chain that issued it. */
  chainPem: string
  micaPem: string
  sercaPem: string
}

const YEAR_MS = 365 * 86_400_000

export async function generateCertificateVariant(options: { pki: TestPki; variant: CertificateVariant; now: Date }): Promise<VariantCertificate> {
  const { variant, now } = options
  const authorities = variant === 'unknown-root' ? await strangerAuthorities(now) : options.pki.authorities
  const window = validityFor(variant, now)
  const keyKind: KeyKind = variant === 'rsa-key' ? 'rsa2048' : variant === 'p384-key' ? 'p384' : 'p256'
  const device = await createDevice({ issuer: authorities.mica, keyKind, hwSerialNum: `SIM-${variant.toUpperCase()}`, ...window })
  const micaPem = toPem(authorities.mica.certificate)
  const sercaPem = toPem(authorities.serca.certificate)
  const certificatePem = toPem(device.certificate)
  return { certificatePem, keyPem: await privateKeyPem(device.keys), chainPem: `${certificatePem}${micaPem}${sercaPem}`, micaPem, sercaPem }
}

function validityFor(variant: CertificateVariant, now: Date): { notBefore: Date; notAfter?: Date } {
  switch (variant) {
    case 'expired':
      return { notBefore: new Date(now.getTime() - 2 * YEAR_MS), notAfter: new Date(now.getTime() - YEAR_MS) }
    case 'not-yet-valid':
      return { notBefore: new Date(now.getTime() + YEAR_MS) }
    case 'rsa-key':
    case 'p384-key':
    case 'unknown-root':
      return { notBefore: new Date(now.getTime() - 86_400_000) }
  }
}

/** A SERCA and MICA that nobody configured as a trust anchor. */
async function strangerAuthorities(now: Date): Promise<{ serca: CertificateAuthority; mica: CertificateAuthority }> {
  const notBefore = new Date(now.getTime() - 86_400_000)
  const serca = await createRootCa({ name: 'CN=Unknown Root CA, O=Somebody Else', notBefore })
  const mica = await createIntermediateCa({ name: 'CN=Unknown MICA, O=Somebody Else', notBefore, issuer: serca })
  return { serca, mica }
}
