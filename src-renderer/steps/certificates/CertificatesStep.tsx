import { useState } from 'react'
import { certificateFilesProblem } from '../../../src-shared/contract/message-limits'
import { usesVirtualLfdi } from '../../../src-shared/domain/site'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { CheckList } from './CheckList'
import { CsrPanel } from './CsrPanel'
import { IdentityCard } from './IdentityCard'
import { readPickedFiles } from './read-files'
import { VirtualLfdiPanel } from './VirtualLfdiPanel'
import { NeedsSite } from '../../ui/NeedsSite'

/** Step 2 (ID-1, ID-2, ID-3, ID-5): import the device certificate, chain and key; see the site's identity. */
export function CertificatesStep() {
  const site = useStore(selectCurrentSite)
  const info = useStore((s) => s.info)
  const report = useStore((s) => s.certificate)
  const busy = useStore((s) => s.certificateBusy)
  const importFiles = useStore((s) => s.importCertificateFiles)
  const importWithDialog = useStore((s) => s.importCertificateWithDialog)
  const importDemo = useStore((s) => s.importDemoCertificates)
  const [password, setPassword] = useState('')
  // Checked at the field, before anything is read or sent: a 7 MB "certificate" is the wrong file (issue 15 item 2).
  const [sizeProblem, setSizeProblem] = useState<string | undefined>(undefined)

  if (!site) {
    return (
      <NeedsSite title="Certificates &amp; identity" reason="Enter and save the site first: the certificate belongs to a site." />
    )
  }

  return (
    <div className="stack">
      <div className="card">
        <h2>Certificates &amp; identity</h2>
        <p className="muted">
          Pick the device certificate, its chain (MICA and SERCA) and its private key – PEM or DER, in one file or several.
        </p>
        <div className="actions">
          {info?.nativeDialogs ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void importWithDialog()}>
              Choose certificate files…
            </button>
          ) : (
            <label className="file-button">
              Choose certificate files…
              <input
                type="file"
                multiple
                data-testid="certificate-files"
                disabled={busy}
                onChange={(e) => {
                  const files = e.target.files
                  const problem = files?.length ? certificateFilesProblem(Array.from(files)) : undefined
                  setSizeProblem(problem)
                  if (files?.length && !problem) void readPickedFiles(files).then((picked) => importFiles(picked, password || undefined))
                  e.target.value = ''
                }}
              />
            </label>
          )}
          {info?.demo && (
            <button type="button" disabled={busy} onClick={() => void importDemo()}>
              Use the demo certificates
            </button>
          )}
          <label className="inline">
            Key password (only for an encrypted key)
            <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        </div>
        {sizeProblem && (
          <p className="field-error" role="alert" data-testid="certificate-size-problem">
            {sizeProblem}
          </p>
        )}
        {busy && <p role="status">Checking the files…</p>}
        {report && (
          <>
            <p className={report.ok ? 'ok-note' : 'field-error'} role="status" data-testid="certificate-verdict">
              {report.ok ? 'The certificate set is ready to use.' : 'The certificate set has problems – see the failed checks below.'}
            </p>
            <CheckList checks={report.checks} />
            {report.identity && <IdentityCard identity={report.identity} />}
          </>
        )}
      </div>
      {usesVirtualLfdi(site.pathway) && <VirtualLfdiPanel site={site} />}
      <CsrPanel />
    </div>
  )
}
