/**
 * Issues certificates of the IEEE 2030.5 profile (profile.ts): a self-signed SERCA, a MICA under it, and device and
 * server certificates under the MICA. All signatures are ecdsa-with-SHA256 by the issuer's P-256 key.
 */
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  CertificatePolicyExtension,
  Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
  Name,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
  type PublicKeyType,
} from './x509'
import { subjectAltNameExtension } from './hardware-module-name'
import { crypto, generateKeyPair, type CryptoKey, type CryptoKeyPair, type KeyKind } from './keys'
import { ECDSA_SHA256, NEVER_EXPIRES, SEP2_POLICY, TEST_HW_TYPE_OID } from './profile'

export interface CertificateAuthority {
  certificate: X509Certificate
  keys: CryptoKeyPair
}

export interface Validity {
  notBefore: Date
  notAfter?: Date
}

const CA_POLICIES = [SEP2_POLICY.device, SEP2_POLICY.mobile, SEP2_POLICY.postManufacture, SEP2_POLICY.test]
const DEVICE_POLICIES = [SEP2_POLICY.device, SEP2_POLICY.test]

/** A self-signed root (SERCA) with basicConstraints cA and keyCertSign; valid until 9999 like a 2030.5 root. */
export async function createRootCa(options: Validity & { name: string }): Promise<CertificateAuthority> {
  const keys = await generateKeyPair('p256')
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      name: new Name(options.name),
      keys,
      notBefore: options.notBefore,
      notAfter: options.notAfter ?? NEVER_EXPIRES,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [...(await caExtensions(keys.publicKey, undefined)), new CertificatePolicyExtension(CA_POLICIES, true)],
    },
    crypto,
  )
  return { certificate, keys }
}

/** An intermediate (MICA) signed by `issuer`, limited to issuing end-entity certificates (pathLen 0). */
export async function createIntermediateCa(options: Validity & { name: string; issuer: CertificateAuthority }): Promise<CertificateAuthority> {
  const keys = await generateKeyPair('p256')
  const certificate = await X509CertificateGenerator.create(
    {
      subject: new Name(options.name),
      issuer: options.issuer.certificate.subjectName,
      publicKey: keys.publicKey,
      signingKey: options.issuer.keys.privateKey,
      notBefore: options.notBefore,
      notAfter: options.notAfter ?? NEVER_EXPIRES,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [...(await caExtensions(keys.publicKey, options.issuer)), new CertificatePolicyExtension(CA_POLICIES, true)],
    },
    crypto,
  )
  return { certificate, keys }
}

async function caExtensions(publicKey: CryptoKey, issuer: CertificateAuthority | undefined): Promise<Extension[]> {
  const extensions: Extension[] = [
    new BasicConstraintsExtension(true, issuer ? 0 : undefined, true),
    new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
    await SubjectKeyIdentifierExtension.create(publicKey, false, crypto),
  ]
  if (issuer) extensions.push(await AuthorityKeyIdentifierExtension.create(issuer.certificate, false, crypto))
  return extensions
}

export interface EndEntityOptions extends Validity {
  issuer: CertificateAuthority
  publicKey: PublicKeyType
  /** hwSerialNum of the hardwareModuleName; the test hwType is used unless `hwType` is given. */
  hwSerialNum: string
  hwType?: string
  /** Empty (the 2030.5 device profile) unless given, e.g. `CN=localhost` for a server certificate. */
  subject?: string
  dnsNames?: string[]
  ipAddresses?: string[]
}

/**
 * A device (or server) certificate: empty subject, critical subjectAltName with hardwareModuleName, critical
 * certificatePolicies, keyUsage digitalSignature + keyAgreement, notAfter 9999-12-31T23:59:59Z unless given.
 */
export async function createEndEntityCertificate(options: EndEntityOptions): Promise<X509Certificate> {
  const emptySubject = options.subject === undefined
  const extensions: Extension[] = [
    new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyAgreement, true),
    subjectAltNameExtension({
      hardwareModule: { hwType: options.hwType ?? TEST_HW_TYPE_OID, hwSerialNum: options.hwSerialNum },
      dnsNames: options.dnsNames ?? [],
      ipAddresses: options.ipAddresses ?? [],
      // RFC 5280 4.2.1.6: with an empty subject the subjectAltName must be critical.
      critical: emptySubject,
    }),
    new CertificatePolicyExtension(DEVICE_POLICIES, true),
    await AuthorityKeyIdentifierExtension.create(options.issuer.certificate, false, crypto),
  ]
  return X509CertificateGenerator.create(
    {
      ...(emptySubject ? {} : { subject: new Name(options.subject ?? '') }),
      issuer: options.issuer.certificate.subjectName,
      publicKey: options.publicKey,
      signingKey: options.issuer.keys.privateKey,
      notBefore: options.notBefore,
      notAfter: options.notAfter ?? NEVER_EXPIRES,
      signingAlgorithm: ECDSA_SHA256,
      extensions,
    },
    crypto,
  )
}

export interface IssuedKeyAndCertificate {
  certificate: X509Certificate
  keys: CryptoKeyPair
}

/** Generates a key of `keyKind` and a device certificate for it. */
export async function createDevice(
  options: Omit<EndEntityOptions, 'publicKey'> & { keyKind?: KeyKind },
): Promise<IssuedKeyAndCertificate> {
  const keys = await generateKeyPair(options.keyKind ?? 'p256')
  const certificate = await createEndEntityCertificate({ ...options, publicKey: keys.publicKey })
  return { certificate, keys }
}
