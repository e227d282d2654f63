import type { RejectedControlView } from '../../../src-shared/contract/limits'

/** REL-4: what the last poll refused and why; a refused control is not applied (the previous valid value holds). */
export function RejectedList({ rejected }: { rejected: readonly RejectedControlView[] }) {
  if (rejected.length === 0) return null
  return (
    <div className="card" data-testid="limits-rejected">
      <h3>Refused by the client</h3>
      <p className="muted">
        Not applied: the previous valid control or default holds, else the fixed limits (REL-4). Events that asked for responses were answered 253
        (IEEE 2030.5 “Rejected – invalid event”).
      </p>
      <ul>
        {rejected.map((r) => (
          <li key={`${r.kind}/${r.programId}/${r.mRID}`} className={r.refused ? 'link-lost' : 'muted'}>
            <span className="mono">{r.mRID}</span> ({r.kind === 'default' ? 'default control' : r.kind === 'event' ? 'event' : 'duplicate mRID'}, program {r.programId}): {r.reason}
          </li>
        ))}
      </ul>
    </div>
  )
}
