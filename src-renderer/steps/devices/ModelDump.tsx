import { useState } from 'react'
import type { DeviceView } from '../../../src-shared/contract/devices'
import { useStore } from '../../store'
import { downloadText } from './download'

/** DEV-2: what the device really reports, point by point – collapsible, and exportable for support as text or JSON. */
export function ModelDump({ device }: { device: DeviceView }) {
  const fetchDump = useStore((s) => s.fetchDump)
  const [text, setText] = useState<string | null>(null)

  async function exportAs(format: 'text' | 'json') {
    const dump = await fetchDump(device.id, format)
    if (dump) downloadText(dump)
  }

  return (
    <details
      className="model-dump"
      onToggle={(e) => {
        if (e.currentTarget.open && text === null) void fetchDump(device.id, 'text').then((d) => setText(d?.content ?? ''))
      }}
    >
      <summary>Model dump</summary>
      <div className="actions">
        <button type="button" className="small" onClick={() => void exportAs('text')}>
          Export as text
        </button>
        <button type="button" className="small" onClick={() => void exportAs('json')}>
          Export as JSON
        </button>
      </div>
      {text === null ? <p className="muted">Loading…</p> : <pre className="pem dump" data-testid="model-dump">{text}</pre>}
    </details>
  )
}
