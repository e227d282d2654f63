import { DEVICE_ROLE_LABELS, DEVICE_ROLES, type DeviceRole, type DeviceView } from '../../../src-shared/contract/devices'
import { useStore } from '../../store'
import { ModelDump } from './ModelDump'

const show = (v: string | null) => v ?? 'not reported'
const watts = (v: number | null) => (v === null ? 'not reported' : `${Math.round(v)} W`)

/** One device: what it is (make, model, serial, firmware, ratings), its role on the site, and what went wrong, if anything. */
export function DeviceCard({ device }: { device: DeviceView }) {
  const busy = useStore((s) => s.devicesBusy)
  const setRole = useStore((s) => s.setDeviceRole)
  const rediscover = useStore((s) => s.rediscoverDevice)
  const remove = useStore((s) => s.removeDevice)
  const d = device.discovery
  return (
    <div className="card device-card" data-testid="device-card" data-role={device.role} data-unit={device.unitId}>
      <div className="device-head">
        <h3>
          {device.name} <span className="muted">– {device.roleLabel}</span>
        </h3>
        <label className="inline">
          Role
          <select aria-label={`Role of ${device.name}`} value={device.role} onChange={(e) => void setRole(device.id, e.target.value as DeviceRole)}>
            {DEVICE_ROLES.map((r) => (
              <option key={r} value={r}>
                {DEVICE_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">{device.where}</p>
      {device.lastError && (
        <div className="device-error" role="alert">
          <p className="field-error">
            <strong>{device.lastError.code}</strong>: {device.lastError.message}
          </p>
        </div>
      )}
      {d && (
        <dl className="identity" data-testid="device-identity">
          <dt>Make</dt>
          <dd>{show(d.identity.manufacturer)}</dd>
          <dt>Model</dt>
          <dd>{show(d.identity.model)}</dd>
          <dt>Serial</dt>
          <dd data-testid="device-serial">{show(d.identity.serial)}</dd>
          <dt>Firmware</dt>
          <dd>{show(d.identity.firmware)}</dd>
          {d.kind === 'sunspec' && (
            <>
              <dt>Rated power</dt>
              <dd>{watts(d.ratings.WRtg)}</dd>
              {d.ratings.WChaMax !== null && (
                <>
                  <dt>Charge rating</dt>
                  <dd>{watts(d.ratings.WChaMax)}</dd>
                </>
              )}
              <dt>SunSpec models</dt>
              <dd>{d.models.map((m) => m.id).join(', ')}</dd>
            </>
          )}
          <dt>Control</dt>
          <dd>{d.control}</dd>
        </dl>
      )}
      {!d && !device.lastError && <p>Not read yet.</p>}
      <div className="actions">
        <button type="button" className="small" disabled={busy} onClick={() => void rediscover(device.id)}>
          {device.lastError ? 'Try again' : 'Read again'}
        </button>
        <button type="button" className="small danger" disabled={busy} onClick={() => void remove(device.id)}>
          Remove
        </button>
      </div>
      {d && <ModelDump device={device} />}
    </div>
  )
}
