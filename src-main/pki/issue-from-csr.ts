/**
 * Issues a device certificate for a CSR, as the utility does after an Annex A application (handbook Annex B), so the
 * app's CSR flow can be tested end to end against the simulated utility PKI.
 */
import { AppError } from '../errors'
import { createEndEntityCertificate, type CertificateAuthority } from './issue'
import { Pkcs10CertificateRequest, X509Certificate } from './x509'
import { crypto } from './keys'

export class CsrRejectedError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('PKI_CSR_REJECTED', message, { hint: 'Generate a new key and CSR and try again.', ...(cause === undefined ? {} : { cause }) })
  }
}

export interface IssueFromCsrOptions {
  csrPem: string
  issuer: CertificateAuthority
  now: Date
  hwSerialNum: string
  hwType?: string
}

/** Verifies the CSR's self-signature, then issues a 2030.5 device certificate (empty subject) for its public key. */
export async function issueDeviceCertificateFromCsr(options: IssueFromCsrOptions): Promise<X509Certificate> {
  let csr: Pkcs10CertificateRequest
  try {
    csr = new Pkcs10CertificateRequest(options.csrPem)
  } catch (error) {
    throw new CsrRejectedError('The text is not a certificate signing request (PKCS#10).', error)
  }
  if (!(await csr.verify(crypto))) throw new CsrRejectedError('The CSR signature does not verify: it was not signed by the key it carries.')
  return createEndEntityCertificate({
    issuer: options.issuer,
    publicKey: csr.publicKey,
    notBefore: options.now,
    hwSerialNum: options.hwSerialNum,
    ...(options.hwType === undefined ? {} : { hwType: options.hwType }),
  })
}
