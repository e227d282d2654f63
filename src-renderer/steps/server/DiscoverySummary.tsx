import { AWAITING_REGISTRATION_TEXT, type DiscoveryResult, type ProgramView } from '../../../src-shared/contract/server'
import { modesText, timeText } from './format'

function ProgramCard(props: { program: ProgramView }) {
  const p = props.program
  return (
    <div className="program" data-testid="program">
      <h4>
        {p.description ?? p.mRID} <span className="muted">– primacy {p.primacy}</span>
      </h4>
      <p data-testid="default-control">
        <strong>Default control:</strong> {p.defaultControl ? modesText(p.defaultControl.modes) : 'none published'}
        {p.defaultControl?.setGradW !== undefined && <span className="muted"> (setGradW {p.defaultControl.setGradW})</span>}
      </p>
      {p.events.length > 0 ? (
        <table className="der-table events-table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Start</th>
              <th>Duration</th>
              <th>Modes</th>
            </tr>
          </thead>
          <tbody>
            {p.events.map((e) => (
              <tr key={e.mRID}>
                <td>{e.statusName}</td>
                <td>{timeText(e.start)}</td>
                <td>{e.durationS} s</td>
                <td>{modesText(e.modes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No events published.</p>
      )}
    </div>
  )
}

/** What the walk found: TLS, clock, EndDevice, PIN check, FSAs and programs with primacy, defaults and events. */
export function DiscoverySummary(props: { result: DiscoveryResult }) {
  const r = props.result
  const rg = r.registration
  return (
    <div className="card" data-testid="discovery-summary">
      <h3>{r.ok ? 'Connected' : r.awaitingRegistration ? AWAITING_REGISTRATION_TEXT : `Stopped at ${r.stoppedAt ?? 'a failed step'}`}</h3>
      {r.awaitingRegistration && (
        <p className="muted" role="status" data-testid="awaiting-registration">
          The server does not list LFDI {r.ourLfdi} yet. The app looks again at the server&apos;s EndDeviceList rate and carries on by itself once the
          utility has registered it; until then the fixed limits apply (handbook 9, 11.4).
        </p>
      )}
      <dl className="identity">
        <dt>Server</dt>
        <dd className="wrap">{r.dcapUrl}</dd>
        <dt>TLS</dt>
        <dd>{r.tls ? `${r.tls.version}, ${r.tls.cipher} (${r.handshakes} handshake${r.handshakes === 1 ? '' : 's'})` : 'no connection'}</dd>
        <dt>Clock offset</dt>
        <dd>{r.clockOffsetMs === null ? '–' : `${(r.clockOffsetMs / 1000).toFixed(1)} s (server minus this computer)`}</dd>
        <dt>EndDevice</dt>
        <dd data-testid="end-device">
          {r.endDevice ? (
            <>
              LFDI <code>{r.endDevice.lFDI}</code>, SFDI {r.endDevice.sFDI} – {r.endDevice.match ? '✓ matches this site' : '✗ does not match'}
            </>
          ) : (
            `not found for LFDI ${r.ourLfdi}`
          )}
        </dd>
        {r.mode === 'cloud-proxy' && (
          <>
            <dt>EndDevices listed</dt>
            <dd>{r.endDevices.length}</dd>
          </>
        )}
        <dt>Registration PIN</dt>
        <dd data-testid="pin-check">
          {!rg ? '–' : rg.match === null ? `${rg.serverPin} (no PIN entered to compare)` : rg.match ? `✓ ${rg.serverPin} matches` : `✗ the server has ${rg.serverPin}, not ${rg.expectedPin ?? ''}`}
        </dd>
        <dt>Function sets</dt>
        <dd>{r.fsas.length === 0 ? '–' : r.fsas.map((f) => `${f.description ?? f.mRID} (${f.programs.length} program${f.programs.length === 1 ? '' : 's'})`).join(', ')}</dd>
        <dt>DER / mirror points</dt>
        <dd>
          {r.der.length} DER, {r.mirrorUsagePoints.length} MirrorUsagePoint{r.mirrorUsagePoints.length === 1 ? '' : 's'}
        </dd>
        <dt>Total time</dt>
        <dd>{r.totalMs} ms</dd>
      </dl>
      {r.programs.length > 0 && <h3>Programs (lowest primacy wins)</h3>}
      {r.programs.map((p) => (
        <ProgramCard key={p.href} program={p} />
      ))}
    </div>
  )
}
