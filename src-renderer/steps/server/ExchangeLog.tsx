import { useEffect, useState } from 'react'
import type { ExchangeFilter } from '../../../src-shared/contract/server'
import { qldTime, utcDateTime } from '../../../src-shared/time/qld-time'
import { useStore } from '../../store'
import { downloadText } from '../devices/download'

/** SRV-7: every HTTP exchange with the server, filtered; export as JSON or CSV (keys never appear). */
export function ExchangeLog() {
  const records = useStore((s) => s.exchangeLog)
  const load = useStore((s) => s.loadExchangeLog)
  const exportLog = useStore((s) => s.exportExchangeLog)
  const siteId = useStore((s) => s.currentSiteId)
  const [method, setMethod] = useState('')
  const [status, setStatus] = useState('')
  const [text, setText] = useState('')
  const [open, setOpen] = useState<number | null>(null)

  const filter = (): ExchangeFilter => {
    const f: ExchangeFilter = {}
    if (method === 'GET' || method === 'POST' || method === 'PUT' || method === 'DELETE') f.method = method
    if (/^(\d{3}|[1-5]xx|error)$/.test(status)) f.status = status
    if (text.trim()) f.text = text.trim()
    return f
  }
  useEffect(() => {
    if (siteId) void load({})
  }, [siteId, load])

  const download = async (format: 'json' | 'csv') => {
    const file = await exportLog(format, filter())
    if (file) downloadText(file)
  }

  return (
    <div className="card">
      <h3>Exchange log</h3>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault()
          void load(filter())
        }}
      >
        <label className="inline">
          Method
          <select value={method} onChange={(e) => setMethod(e.target.value)}>
            <option value="">any</option>
            <option>GET</option>
            <option>POST</option>
            <option>PUT</option>
            <option>DELETE</option>
          </select>
        </label>
        <label className="inline">
          Status (200, 4xx, error)
          <input value={status} onChange={(e) => setStatus(e.target.value.trim())} size={8} />
        </label>
        <label className="inline">
          Text in URL or body
          <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">Filter</button>
        <button type="button" onClick={() => void download('json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => void download('csv')}>
          Export CSV
        </button>
      </form>
      <table className="der-table exchange-table" data-testid="exchange-log">
        <thead>
          <tr>
            <th>Time</th>
            <th>Method</th>
            <th>URL</th>
            <th>Status</th>
            <th>ms</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <ExchangeRow key={r.id} record={r} open={open === r.id} onToggle={() => setOpen(open === r.id ? null : r.id)} />
          ))}
        </tbody>
      </table>
      {records.length === 0 && <p className="muted">No exchanges yet.</p>}
    </div>
  )
}

function ExchangeRow(props: { record: ReturnType<typeof useStore.getState>['exchangeLog'][number]; open: boolean; onToggle: () => void }) {
  const r = props.record
  return (
    <>
      <tr className="exchange-row" onClick={props.onToggle}>
        <td title={utcDateTime(r.startedAt)}>{qldTime(r.startedAt)}</td>
        <td>{r.method}</td>
        <td className="wrap">{r.url}</td>
        <td>{r.status ?? r.errorCode ?? '–'}</td>
        <td>{r.durationMs}</td>
      </tr>
      {props.open && (
        <tr>
          <td colSpan={5}>
            <p className="muted">
              attempt {r.attempt} · {r.tlsVersion ?? 'no TLS'} {r.tlsCipher ?? ''} {r.errorCode ? `· ${r.errorCode}` : ''}
            </p>
            {r.requestBody && <pre className="pem xml-view">{r.requestBody}</pre>}
            {r.responseBody && <pre className="pem xml-view">{r.responseBody}</pre>}
          </td>
        </tr>
      )}
    </>
  )
}
