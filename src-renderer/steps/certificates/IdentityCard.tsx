import type { CertificateIdentity } from '../../../src-shared/domain/certificate'
import { CopyButton } from '../../ui/CopyButton'

/** ID-2: what the utility will know this site by. */
export function IdentityCard({ identity }: { identity: CertificateIdentity }) {
  return (
    <dl className="identity">
      <dt>LFDI</dt>
      <dd>
        <code data-testid="lfdi">{identity.lfdi}</code> <CopyButton text={identity.lfdi} label="LFDI" />
      </dd>
      <dt>SFDI</dt>
      <dd>
        <code data-testid="sfdi">{identity.sfdi}</code> <CopyButton text={identity.sfdi} label="SFDI" />
      </dd>
      <dt>Subject</dt>
      <dd>{identity.subject || '(empty, as the 2030.5 profile requires)'}</dd>
      <dt>Issuer</dt>
      <dd>{identity.issuer}</dd>
      <dt>Valid</dt>
      <dd>
        {identity.notBefore} to {identity.notAfter}
      </dd>
      <dt>Key</dt>
      <dd>{identity.keyAlgorithm.description}</dd>
      {identity.hardwareModule && (
        <>
          <dt>Hardware module</dt>
          <dd>
            {identity.hardwareModule.hwSerialNum} <span className="muted">(type {identity.hardwareModule.hwType})</span>
          </dd>
        </>
      )}
      <dt>Serial</dt>
      <dd>
        <code>{identity.serialNumber}</code>
      </dd>
      <dt>SHA-256 fingerprint</dt>
      <dd>
        <code className="wrap">{identity.fingerprintSha256}</code>
      </dd>
    </dl>
  )
}
