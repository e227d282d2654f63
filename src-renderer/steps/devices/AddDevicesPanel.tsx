import { useStore } from '../../store'
import { SerialForm } from './SerialForm'
import { TcpForm } from './TcpForm'

/** DEV-1: add devices from a serial port (USB-RS485), over Modbus TCP, or from the built-in simulator (APP-6). */
export function AddDevicesPanel() {
  const busy = useStore((s) => s.devicesBusy)
  const addSimulated = useStore((s) => s.addSimulatedDevices)
  return (
    <div className="card">
      <h3>Add devices</h3>
      <div className="grid-2 add-devices">
        <SerialForm />
        <TcpForm />
      </div>
      <div className="actions">
        <button type="button" data-testid="add-simulated" disabled={busy} onClick={() => void addSimulated()}>
          Add simulated devices
        </button>
        <span className="muted">No hardware here? The built-in simulator serves two inverters, a battery and two meters.</span>
      </div>
    </div>
  )
}
