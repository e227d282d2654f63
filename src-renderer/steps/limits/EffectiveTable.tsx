import type { EffectiveLimit } from '../../../src-shared/contract/limits'
import { LIMIT_MODE_LABELS } from '../../../src-shared/contract/limits'
import { sourceLabel, valueLabel } from './format'

/** APP-2: every mode's effective value now and where it comes from (CTL-3: modes resolve independently). */
export function EffectiveTable({ effective }: { effective: EffectiveLimit[] }) {
  return (
    <table className="der-table limits-table" data-testid="effective-limits">
      <thead>
        <tr>
          <th>Mode</th>
          <th>Value now</th>
          <th>Source</th>
        </tr>
      </thead>
      <tbody>
        {effective.map((e) => (
          <tr key={e.mode} data-testid={`limit-${e.mode}`} data-source={e.source.kind} className={`source-${e.source.kind}`}>
            <td>{LIMIT_MODE_LABELS[e.mode]}</td>
            <td data-testid={`limit-value-${e.mode}`}>{valueLabel(e.value, e.text)}</td>
            <td data-testid={`limit-source-${e.mode}`} title={e.sourceText}>
              <span className={`source-badge source-badge-${e.source.kind}`}>{sourceLabel(e.source)}</span>
              {e.source.kind === 'event' && <span className="muted"> primacy {e.source.primacy}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
