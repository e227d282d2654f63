import type { LiveSample } from '../../../src-shared/contract/devices'
import { useStore } from '../../store'
import { flowWords, reading as fmt } from './live-format'
import { OrientationCheck } from './OrientationCheck'

function SiteTable({ site }: { site: NonNullable<LiveSample['site']> }) {
  return (
    <table className="der-table live-table" data-testid="live-site">
      <thead>
        <tr>
          <th>Site meter</th>
          <th>A</th>
          <th>B</th>
          <th>C</th>
          <th>Total</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>Power</td>
          <td>{fmt(site.phases.A.W, 'W')}</td>
          <td>{fmt(site.phases.B.W, 'W')}</td>
          <td>{fmt(site.phases.C.W, 'W')}</td>
          <td data-testid="live-site-w">{fmt(site.W, 'W')}</td>
        </tr>
        <tr>
          <td>Voltage</td>
          <td>{fmt(site.phases.A.V, 'V', 1)}</td>
          <td>{fmt(site.phases.B.V, 'V', 1)}</td>
          <td>{fmt(site.phases.C.V, 'V', 1)}</td>
          <td data-testid="live-site-hz">{fmt(site.Hz, 'Hz', 2)}</td>
        </tr>
      </tbody>
    </table>
  )
}

/** DEV-5: live readings from the site meter and the inverters while sampling runs (pushed up to 5 times a second). */
export function LiveReadings() {
  const live = useStore((s) => s.live)
  const sampling = useStore((s) => s.sampling)
  const devices = useStore((s) => s.devices)
  const busy = useStore((s) => s.devicesBusy)
  const start = useStore((s) => s.startSampling)
  const stop = useStore((s) => s.stopSampling)
  const running = sampling.state === 'running'
  const names = new Map(devices.map((d) => [d.id, `${d.roleLabel} (${d.name})`]))

  return (
    <div className="card" data-testid="live-readings">
      <h3>Live readings</h3>
      <div className="actions">
        {running ? (
          <button type="button" data-testid="sampling-stop" onClick={() => void stop()}>
            Stop live readings
          </button>
        ) : (
          <button type="button" className="primary" data-testid="sampling-start" disabled={busy} onClick={() => void start()}>
            Start live readings
          </button>
        )}
        <span className="muted" data-testid="sampling-status">
          {running ? `Sampling every ${sampling.periodMs} ms${sampling.note ? ` – ${sampling.note}` : ''}` : 'Stopped. Readings are saved with the site while sampling runs.'}
        </span>
      </div>
      {running && live && (
        <>
          {live.site ? <SiteTable site={live.site} /> : <p className="warn-note">No site meter reading: give one device the role “Site meter”.</p>}
          <p data-testid="live-flow">
            Site: <strong>{flowWords(live.site?.W ?? null)}</strong>. Inverters: <strong data-testid="live-der-w">{fmt(live.der.W, 'W')}</strong>
            {live.der.reporting > 0 && ` from ${live.der.reporting} device${live.der.reporting === 1 ? '' : 's'}`}
            {live.der.V !== null && `, ${live.der.V.toFixed(1)} V`}
            {live.der.Hz !== null && `, ${live.der.Hz.toFixed(2)} Hz`}.
          </p>
          <ul className="live-devices">
            {live.devices.map((d) => (
              <li key={d.deviceId} className={d.ok ? '' : 'field-error'}>
                {names.get(d.deviceId) ?? d.deviceId}: {d.ok ? fmt(d.W, 'W') : `not answering – ${d.error ?? ''}`}
              </li>
            ))}
          </ul>
          {live.gap && (
            <p className="warn-note" role="status">
              Gap in the readings{live.gap.intervalMs !== null ? ` (${Math.round(live.gap.intervalMs)} ms since the last sample)` : ''}
              {live.gap.missing.length ? `; no answer from ${live.gap.missing.map((id) => names.get(id) ?? id).join(', ')}` : ''}.
            </p>
          )}
          <OrientationCheck orientation={live.orientation} />
        </>
      )}
    </div>
  )
}
