import { useEffect } from 'react'
import { useShallow } from 'zustand/shallow'
import { REPORT_FORMATS, type ReportFile, type ReportFormat } from '../../../src-shared/contract/report'
import { qldDateTime } from '../../../src-shared/time/qld-time'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { ReportPreviewFrame } from './ReportPreviewFrame'
import { NeedsSite } from '../../ui/NeedsSite'

const FORMAT_LABELS: Record<ReportFormat, string> = {
  pdf: 'PDF',
  json: 'JSON',
  html: 'HTML',
  'csv-samples': 'CSV: samples',
  'csv-events': 'CSV: events',
  'csv-responses': 'CSV: responses',
}

const OUTCOME_TEXT = { pass: 'All checks passed', fail: 'Some checks failed', incomplete: 'Incomplete' } as const

function download(file: ReportFile) {
  if (!file.dataBase64) return
  const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Step "Report" (APP-5, APP-7): preview, export, and the reports exported before. */
export function ReportStep() {
  const site = useStore(selectCurrentSite)
  const { preview, history, busy, rpeq } = useStore(useShallow((s) => ({ preview: s.reportPreview, history: s.reportHistory, busy: s.reportBusy, rpeq: s.rpeq })))
  const { loadReport, exportReport, openReport, deleteReport, setRpeq } = useStore(
    useShallow((s) => ({ loadReport: s.loadReport, exportReport: s.exportReport, openReport: s.openReport, deleteReport: s.deleteReport, setRpeq: s.setRpeq })),
  )

  useEffect(() => {
    void loadReport()
  }, [loadReport, site?.id])

  if (!site) {
    return (
      <NeedsSite title="Report" reason="Choose or create a site first." />
    )
  }

  return (
    <div className="stack">
      <div className="card">
        <h2>Commissioning report</h2>
        <p className="muted">
          Everything recorded for this site: identity, utility server, devices, limits, test runs with plots and verdicts,
          telemetry and the exchange log. Sections not done yet say so. The RPEQ fields are optional (handbook 7).
        </p>
        <div className="grid-2">
          <label className="inline">
            RPEQ name
            <input value={rpeq.name} onChange={(e) => setRpeq({ ...rpeq, name: e.target.value })} />
          </label>
          <label className="inline">
            RPEQ position title
            <input value={rpeq.positionTitle} onChange={(e) => setRpeq({ ...rpeq, positionTitle: e.target.value })} />
          </label>
          <label className="inline">
            RPEQ registration number
            <input value={rpeq.registrationNumber} onChange={(e) => setRpeq({ ...rpeq, registrationNumber: e.target.value })} />
          </label>
        </div>
        <div className="actions">
          <button type="button" disabled={busy !== null} onClick={() => void loadReport()}>
            Refresh preview
          </button>
          {REPORT_FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              className={format === 'pdf' ? 'primary' : ''}
              disabled={busy !== null}
              data-format={format}
              onClick={() => void exportReport(format).then((file) => file && download(file))}
            >
              Export {FORMAT_LABELS[format]}
            </button>
          ))}
        </div>
        {busy && <p role="status">{busy}</p>}
        {preview && (
          <p className={preview.summary.outcome === 'pass' ? 'ok-note' : 'field-error'} data-testid="report-outcome">
            {OUTCOME_TEXT[preview.summary.outcome]} – generated {qldDateTime(Date.parse(preview.generatedAt))}
          </p>
        )}
      </div>
      {preview && (
        <div className="card">
          <ReportPreviewFrame bodyHtml={preview.bodyHtml} />
        </div>
      )}
      <div className="card">
        <h3>Reports exported for this site</h3>
        {history.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul className="runs" data-testid="report-history">
            {history.map((r) => (
              <li key={r.id}>
                {qldDateTime(r.createdAt)} · {r.fileName} · {OUTCOME_TEXT[r.outcome]}{' '}
                <button type="button" className="small" onClick={() => void openReport(r.id)}>
                  Open
                </button>{' '}
                <button
                  type="button"
                  className="small danger"
                  onClick={() => {
                    if (window.confirm(`Delete ${r.fileName} from the history? Files already saved stay where they are.`)) void deleteReport(r.id)
                  }}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
