import type { TelemetryStatus } from '../../../src-shared/contract/telemetry'
import { qldTime } from '../../../src-shared/time/qld-time'

const time = qldTime

const CONTROLLER_CLASS: Record<NonNullable<TelemetryStatus['controller']>['kind'], string> = {
  following: 'status-done',
  limited: 'status-in-progress',
  'fail-safe': 'status-failed',
  manual: 'status-in-progress',
}

/** The controller's state in words (SITE-2), the buffer (TEL-5), the posts and answers (TEL-2..4), the DER PUTs (TEL-1). */
export function TelemetryStatusPanel({ status }: { status: TelemetryStatus }) {
  const link = status.link
  return (
    <div className="card" data-testid="telemetry-status">
      <h3>Site controller and reporting</h3>
      {status.controller && (
        <p data-testid="controller-state" data-kind={status.controller.kind}>
          <span className={`status ${CONTROLLER_CLASS[status.controller.kind]}`}>{status.controller.kind}</span> {status.controller.text}{' '}
          <span className="muted">since {time(status.controller.sinceMs)}</span>
        </p>
      )}
      <p>
        {link.state === 'reporting' ? `Reporting to the utility server every ${link.postRateS} s.` : 'Not reporting to the utility server.'} Readings waiting in the
        buffer: <strong data-testid="buffer-depth">{status.buffer.readings}</strong>
        {status.buffer.oldestEndMs !== null && <span className="muted"> (oldest interval ending {time(status.buffer.oldestEndMs)})</span>}
      </p>
      {status.lastFailure && <p className="field-error">{status.lastFailure}</p>}
      {(status.mirrorUsagePoints ?? []).map((m) => (
        <p key={m.scope} data-testid="mirror-usage-point" data-form={m.form ?? ''} className={m.blocking ? 'field-error' : 'muted'}>
          {m.text}
        </p>
      ))}
      <h4>Last readings posted</h4>
      {status.recent.length === 0 ? (
        <p className="muted">None yet: readings go out just after each 5-minute real-time-clock tick (handbook 13.1).</p>
      ) : (
        <table className="der-table" data-testid="posted-readings">
          <thead>
            <tr>
              <th>Interval ending</th>
              <th>Reading</th>
              <th>Server’s answer</th>
            </tr>
          </thead>
          <tbody>
            {status.recent.map((r) => (
              <tr key={`${r.intervalEndMs}-${r.readingKey}-${r.at}`} data-outcome={r.outcome}>
                <td>{time(r.intervalEndMs)}</td>
                <td>{r.readingKey}</td>
                <td className={r.outcome === 'rejected' ? 'field-error' : ''}>{r.answer}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {status.der.length > 0 && (
        <>
          <h4>DER status, capability and settings</h4>
          <ul>
            {status.der.map((d) => (
              <li key={d.resource} className={d.ok ? '' : 'field-error'}>
                {d.text} <span className="muted">at {time(d.at)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
