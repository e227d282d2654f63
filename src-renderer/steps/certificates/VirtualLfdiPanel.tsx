import { useEffect, useState } from 'react'
import type { VirtualLfdi } from '../../../src-shared/api'
import type { Site } from '../../../src-shared/domain/site'
import { call } from '../../store/call'
import { CopyButton } from '../../ui/CopyButton'

/** ID-3 / handbook 9.1.2: cloud-proxy sites are known by a virtual LFDI from the NMI and the provider's PEN. */
export function VirtualLfdiPanel({ site }: { site: Site }) {
  const [value, setValue] = useState<VirtualLfdi | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void call('identity.virtualLfdi', { nmi: site.nmi, pen: site.pen }).then((r) => {
      if (r.ok) setValue(r.value)
      else setError(r.error.message)
    })
  }, [site.nmi, site.pen])
  return (
    <div className="card">
      <h3>Virtual LFDI (cloud proxy, handbook 9.1.2)</h3>
      <p className="muted">
        SHA-256 of NMI {site.nmi}, first 32 hex digits, then PEN {site.pen} as 8 digits. Give this to the utility with the
        connection application.
      </p>
      {error && <p className="field-error">{error}</p>}
      {value && (
        <dl className="identity">
          <dt>Virtual LFDI</dt>
          <dd>
            <code data-testid="virtual-lfdi">{value.lfdi}</code> <CopyButton text={value.lfdi} label="virtual LFDI" />
          </dd>
          <dt>Virtual SFDI</dt>
          <dd>
            <code data-testid="virtual-sfdi">{value.sfdi}</code> <CopyButton text={value.sfdi} label="virtual SFDI" />
          </dd>
        </dl>
      )}
    </div>
  )
}
