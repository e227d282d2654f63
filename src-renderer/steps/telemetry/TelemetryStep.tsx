import { useEffect } from 'react'
import { useShallow } from 'zustand/shallow'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { TelemetryCharts } from './TelemetryCharts'
import { TelemetryStatusPanel } from './TelemetryStatusPanel'
import { NeedsSite } from '../../ui/NeedsSite'

/** Step "Telemetry" (APP-4): live charts with the limits, the controller's state, the readings posted and the answers. */
export function TelemetryStep() {
  const site = useStore(selectCurrentSite)
  const { status, points, loadTelemetry, goTo } = useStore(
    useShallow((s) => ({ status: s.telemetryStatus, points: s.telemetryPoints, loadTelemetry: s.loadTelemetry, goTo: s.goTo })),
  )

  useEffect(() => {
    void loadTelemetry()
  }, [loadTelemetry, site?.id])

  if (!site) {
    return (
      <NeedsSite title="Telemetry" reason="Choose or create a site first." />
    )
  }

  const link = status?.link.state
  return (
    <div className="stack">
      <div className="card">
        <h2>Telemetry</h2>
        <p className="muted">
          Live readings of the site and its DER with the effective export and import limits, the site controller’s state, and the 5-minute readings
          posted to the utility with the server’s answers. The record keeps every sample; the charts show a smoothed selection.
        </p>
        {link === 'not-live' && (
          <div className="actions" data-testid="telemetry-not-live">
            <p>The site’s devices are not being read, so there is nothing to show or report. Start live readings in the Devices step, then come back.</p>
            <button type="button" className="primary" onClick={() => goTo('devices')}>
              Go to Devices
            </button>
            <button type="button" onClick={() => void loadTelemetry()}>
              Check again
            </button>
          </div>
        )}
        {link === 'not-connected' && (
          <div className="actions" data-testid="telemetry-not-connected">
            <p>Live readings are shown, but the site is not connected to its utility server, so no readings are posted. Connect in the Utility server step.</p>
            <button type="button" className="primary" onClick={() => goTo('server')}>
              Go to Utility server
            </button>
          </div>
        )}
      </div>
      {status && link !== 'not-live' && <TelemetryStatusPanel status={status} />}
      {link !== 'not-live' && (
        <div className="card">
          <TelemetryCharts points={points} />
        </div>
      )}
    </div>
  )
}
