import { useState } from 'react'
import { useStore } from '../../store'
import { Field } from '../../ui/Field'
import { UnitFields } from './UnitFields'
import { DEFAULT_UNIT_VALUES, tcpAddressErrors, unitErrors, unitInput, type UnitValues } from './unit-values'

/** DEV-1: a device (or an RS-485 gateway) on the network, Modbus TCP, usually port 502. */
export function TcpForm() {
  const busy = useStore((s) => s.devicesBusy)
  const addDevice = useStore((s) => s.addDevice)
  const [host, setHost] = useState('')
  const [port, setPort] = useState('502')
  const [unit, setUnit] = useState<UnitValues>(DEFAULT_UNIT_VALUES)
  const [error, setError] = useState<string | null>(null)
  const [tried, setTried] = useState(false)

  const portNumber = Number(port)
  const errors = { ...tcpAddressErrors(host, port), ...unitErrors(unit) }
  const valid = Object.values(errors).every((e) => e === undefined)

  async function submit() {
    setTried(true)
    if (!valid) return
    setError(null)
    const failure = await addDevice({ connection: { kind: 'tcp', host: host.trim(), port: portNumber }, ...unitInput(unit) })
    setError(failure ? failure.message : null)
  }

  return (
    <fieldset>
      <legend>Modbus TCP (Ethernet)</legend>
      <Field id="tcp-host" label="IP address or host" error={tried ? errors.host : undefined}>
        <input id="tcp-host" value={host} placeholder="192.168.1.20" onChange={(e) => setHost(e.target.value)} />
      </Field>
      <Field id="tcp-port" label="Port" error={tried ? errors.port : undefined}>
        <input id="tcp-port" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
      </Field>
      <UnitFields prefix="tcp" values={unit} errors={tried ? unitErrors(unit) : {}} onChange={setUnit} />
      <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
        Add and read
      </button>
      {error && (
        <p className="field-error" role="alert" data-testid="tcp-error">
          {error}
        </p>
      )}
    </fieldset>
  )
}
