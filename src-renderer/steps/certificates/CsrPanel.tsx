import { useStore } from '../../store'
import { downloadText } from './read-files'

/** ID-5: a new P-256 key (kept encrypted in the app) and a CSR for the utility's application form (Annex A/B). */
export function CsrPanel() {
  const csr = useStore((s) => s.csr)
  const busy = useStore((s) => s.certificateBusy)
  const generateCsr = useStore((s) => s.generateCsr)
  const info = useStore((s) => s.info)

  async function onGenerate() {
    const result = await generateCsr()
    if (result && !result.savedTo && !info?.nativeDialogs) downloadText(result.fileName, result.csrPem)
  }

  return (
    <div className="card">
      <h3>No certificate yet? Generate a key and a CSR</h3>
      <p className="muted">
        The private key is created and kept in this app, encrypted ({info?.keyProtection ?? 'at rest'}); it is never shown or
        sent anywhere. You send only the CSR.
      </p>
      <button type="button" disabled={busy} onClick={() => void onGenerate()}>
        Generate private key and CSR
      </button>
      {csr && (
        <div className="csr-result">
          {csr.savedTo ? <p className="ok-note">Saved to {csr.savedTo}</p> : null}
          <button type="button" className="small" onClick={() => downloadText(csr.fileName, csr.csrPem)}>
            Save CSR as {csr.fileName}
          </button>
          <pre className="pem" data-testid="csr-pem">
            {csr.csrPem}
          </pre>
          <ol className="instructions">
            {csr.instructions.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </div>
      )}
    </div>
  )
}
