import type { SentResponse, StoredEventView } from '../../../src-shared/contract/limits'
import { dateTimeOf, shortMrid, timeOf } from './format'

function ResponseChip({ r }: { r: SentResponse }) {
  const title = [r.location ? `Location ${r.location}` : '', r.lastError ?? '', `${r.attempts} attempt(s)`].filter(Boolean).join(' · ')
  return (
    <span className={`response-chip response-${r.state}`} title={title} data-testid={`response-${r.status}`}>
      {r.status} {r.kind} {r.state === 'accepted' ? '✓' : r.state === 'abandoned' ? '✗' : '…'}
    </span>
  )
}

/** APP-2 / CTL-2 / CTL-4: the stored events with status, randomised start and the responses sent. */
export function EventList({ events, now }: { events: StoredEventView[]; now: number }) {
  if (events.length === 0) return <p className="muted">No stored events: the default control or the fixed limits apply.</p>
  return (
    <table className="der-table events-table" data-testid="event-list">
      <thead>
        <tr>
          <th>Event</th>
          <th>Program</th>
          <th>Status</th>
          <th>Start (randomised)</th>
          <th>End</th>
          <th>Modes</th>
          <th>Responses</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.mRID} data-testid={`event-${e.mRID}`} className={`fate-${e.fate}`}>
            <td title={e.mRID}>{e.description ?? shortMrid(e.mRID)}</td>
            <td>
              {e.programId} <span className="muted">(primacy {e.primacy})</span>
            </td>
            <td>
              {e.statusName}
              {e.effectiveEnd <= now && <span className="muted"> · ended</span>}
              {e.missingSince !== undefined && <span className="muted"> · withdrawn {timeOf(e.missingSince)}</span>}
            </td>
            <td title={dateTimeOf(e.start)}>
              {timeOf(e.effectiveStart)}
              {e.randomizeStartS !== undefined && e.randomizeStartS !== 0 && <span className="muted"> ({e.drawStartS >= 0 ? '+' : ''}{e.drawStartS} s of ±{Math.abs(e.randomizeStartS)} s)</span>}
            </td>
            <td>{timeOf(e.effectiveEnd)}</td>
            <td>{e.modesText}</td>
            <td>{e.responses.length === 0 ? <span className="muted">{e.responseRequired === 0 ? 'none asked' : 'none yet'}</span> : e.responses.map((r) => <ResponseChip key={r.status} r={r} />)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
