import { useState } from 'react'
import { BAUD_RATES, DEFAULT_BAUD_RATE } from '../../../src-shared/contract/devices'
import { useStore } from '../../store'
import { Field } from '../../ui/Field'
import { UnitFields } from './UnitFields'
import { DEFAULT_UNIT_VALUES, unitErrors, unitInput, type UnitValues } from './unit-values'

type Parity = 'none' | 'even' | 'odd'

/** DEV-1: a USB-RS485 adapter on the meter's or inverter's RS-485 terminals, Modbus RTU (typically 9600 8N1). */
export function SerialForm() {
  const busy = useStore((s) => s.devicesBusy)
  const ports = useStore((s) => s.serialPorts)
  const listPorts = useStore((s) => s.listSerialPorts)
  const addDevice = useStore((s) => s.addDevice)
  const [path, setPath] = useState('')
  const [baudRate, setBaudRate] = useState(DEFAULT_BAUD_RATE)
  const [parity, setParity] = useState<Parity>('none')
  const [stopBits, setStopBits] = useState<1 | 2>(1)
  const [unit, setUnit] = useState<UnitValues>(DEFAULT_UNIT_VALUES)
  const [error, setError] = useState<string | null>(null)
  const [tried, setTried] = useState(false)

  const errors = { path: path.trim() ? undefined : 'Pick a port from the list, or type its path (e.g. /dev/ttyUSB0 or COM3).', ...unitErrors(unit) }
  const valid = Object.values(errors).every((e) => e === undefined)

  async function submit() {
    setTried(true)
    if (!valid) return
    setError(null)
    const failure = await addDevice({ connection: { kind: 'rtu', path: path.trim(), baudRate, parity, stopBits }, ...unitInput(unit) })
    setError(failure ? failure.message : null)
  }

  return (
    <fieldset>
      <legend>USB-RS485 adapter (Modbus RTU)</legend>
      <div className="actions">
        <button type="button" data-testid="list-ports" onClick={() => void listPorts()}>
          Find serial ports
        </button>
      </div>
      {ports && ports.length === 0 && (
        <p className="warn-note" role="status" data-testid="no-ports">
          No serial ports found – plug in the USB-RS485 adapter and press Find again, type the port path, or add a TCP device.
        </p>
      )}
      {ports && ports.length > 0 && (
        <ul className="port-list">
          {ports.map((p) => (
            <li key={p.path}>
              <label>
                <input type="radio" name="serial-port" checked={path === p.path} onChange={() => setPath(p.path)} /> {p.description}
              </label>
            </li>
          ))}
        </ul>
      )}
      <Field id="rtu-path" label="Port" error={tried ? errors.path : undefined}>
        <input id="rtu-path" value={path} placeholder="/dev/ttyUSB0" onChange={(e) => setPath(e.target.value)} />
      </Field>
      <div className="grid-3">
        <Field id="rtu-baud" label="Baud">
          <select id="rtu-baud" value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))}>
            {BAUD_RATES.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rtu-parity" label="Parity">
          <select id="rtu-parity" value={parity} onChange={(e) => setParity(e.target.value as Parity)}>
            <option value="none">None</option>
            <option value="even">Even</option>
            <option value="odd">Odd</option>
          </select>
        </Field>
        <Field id="rtu-stop" label="Stop bits">
          <select id="rtu-stop" value={stopBits} onChange={(e) => setStopBits(e.target.value === '2' ? 2 : 1)}>
            <option value="1">1</option>
            <option value="2">2</option>
          </select>
        </Field>
      </div>
      <UnitFields prefix="rtu" values={unit} errors={tried ? unitErrors(unit) : {}} onChange={setUnit} />
      <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
        Add and read
      </button>
      {error && (
        <p className="field-error" role="alert" data-testid="rtu-error">
          {error}
        </p>
      )}
    </fieldset>
  )
}
