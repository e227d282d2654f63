/** Rebuilds a certificate authority (certificate + signing key) from PEM, e.g. a test PKI written earlier. */
import { crypto } from './keys'
import { EC_P256_KEY } from './profile'
import { PemConverter, X509Certificate } from './x509'
import type { CertificateAuthority } from './issue'

export async function certificateAuthorityFromPem(options: { certificatePem: string; keyPem: string }): Promise<CertificateAuthority> {
  const certificate = new X509Certificate(options.certificatePem)
  const privateKey = await crypto.subtle.importKey('pkcs8', PemConverter.decodeFirst(options.keyPem), EC_P256_KEY, true, ['sign'])
  const publicKey = await certificate.publicKey.export(EC_P256_KEY, ['verify'], crypto)
  return { certificate, keys: { privateKey, publicKey } }
}
