import { useStore } from '../../store'
import { SerialForm } from './SerialForm'
import { TcpForm } from './TcpForm'

/** DEV-1: add devices from a serial port (USB-RS485), over Modbus TCP, or from the built-in simulator (APP-6). */
export function AddDevicesPanel() {
  const busy = useStore((s) => s.devicesBusy)
  const demo = useStore((s) => s.info?.demo ?? false)
  const addSimulated = useStore((s) => s.addSimulatedDevices)
  const simulator = (
    <div className="actions">
      <button type="button" className={demo ? 'primary' : ''} data-testid="add-simulated" disabled={busy} onClick={() => void addSimulated()}>
        Add simulated devices
      </button>
      <span className="muted">
        {demo ? 'Demo mode: ' : 'No hardware here? '}the built-in simulator serves two inverters, a battery and two meters over Modbus TCP.
      </span>
    </div>
  )
  return (
    <div className="card">
      <h3>Add devices</h3>
      {demo && simulator}
      <div className="grid-2 add-devices">
        <SerialForm />
        <TcpForm />
      </div>
      {!demo && simulator}
    </div>
  )
}
