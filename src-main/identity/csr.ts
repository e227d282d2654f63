/**
 * A new P-256 key and a CSR for the utility's application form (REQUIREMENTS ID-5; handbook Annex A and B). The
 * subject matches what Annex B's `openssl req ... -subj "/CN= /O= "` produces: CN and O each one space (UTF8String),
 * since SEP2 certificates carry no names. Signature ecdsa-with-SHA256.
 */
import { crypto, generateKeyPair, privateKeyPem } from '../pki/keys'
import { ECDSA_SHA256 } from '../pki/profile'
import { Name, Pkcs10CertificateRequestGenerator } from '../pki/x509'

export interface KeyAndCsr {
  /** PKCS#8 PEM. Secret: store it through the key store, never log it (SEC-2). */
  keyPem: string
  csrPem: string
}

/** `/CN= /O= ` as OpenSSL encodes it. */
const BLANK_SUBJECT = new Name([{ CN: [{ utf8String: ' ' }] }, { O: [{ utf8String: ' ' }] }])

export async function generateKeyAndCsr(): Promise<KeyAndCsr> {
  const keys = await generateKeyPair('p256')
  const csr = await Pkcs10CertificateRequestGenerator.create({ name: BLANK_SUBJECT, keys, signingAlgorithm: ECDSA_SHA256 }, crypto)
  return { keyPem: await privateKeyPem(keys), csrPem: `${csr.toString('pem')}\n` }
}
