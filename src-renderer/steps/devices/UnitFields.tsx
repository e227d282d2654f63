import { Field } from '../../ui/Field'
import { useStore } from '../../store'

/** The fields every device needs whatever the bus: Modbus unit id, per-request timeout, and a meter profile if not SunSpec. */
export interface UnitValues {
  unitId: string
  timeoutMs: string
  meterProfile: string
}

export const DEFAULT_UNIT_VALUES: UnitValues = { unitId: '1', timeoutMs: '1000', meterProfile: '' }

export function unitErrors(v: UnitValues): Partial<Record<keyof UnitValues, string>> {
  const errors: Partial<Record<keyof UnitValues, string>> = {}
  const unit = Number(v.unitId)
  if (!Number.isInteger(unit) || unit < 1 || unit > 247) errors.unitId = 'A Modbus unit id is a whole number from 1 to 247 (see the device’s Modbus settings).'
  const timeout = Number(v.timeoutMs)
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 10_000) errors.timeoutMs = 'Between 100 and 10000 ms; 1000 suits most devices at 9600 baud.'
  return errors
}

export function UnitFields(props: { prefix: string; values: UnitValues; errors: Partial<Record<keyof UnitValues, string>>; onChange: (v: UnitValues) => void }) {
  const profiles = useStore((s) => s.meterProfileOptions)
  const { prefix, values, errors, onChange } = props
  return (
    <>
      <Field id={`${prefix}-unit`} label="Unit id" error={errors.unitId}>
        <input id={`${prefix}-unit`} inputMode="numeric" value={values.unitId} onChange={(e) => onChange({ ...values, unitId: e.target.value })} />
      </Field>
      <Field id={`${prefix}-timeout`} label="Timeout (ms)" error={errors.timeoutMs}>
        <input id={`${prefix}-timeout`} inputMode="numeric" value={values.timeoutMs} onChange={(e) => onChange({ ...values, timeoutMs: e.target.value })} />
      </Field>
      <Field id={`${prefix}-profile`} label="Register map" hint="SunSpec is found automatically; pick a profile for a meter without SunSpec.">
        <select id={`${prefix}-profile`} value={values.meterProfile} onChange={(e) => onChange({ ...values, meterProfile: e.target.value })}>
          <option value="">SunSpec (automatic)</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  )
}

export function unitInput(v: UnitValues): { unitId: number; timeoutMs: number; meterProfile?: string } {
  return { unitId: Number(v.unitId), timeoutMs: Number(v.timeoutMs), ...(v.meterProfile ? { meterProfile: v.meterProfile } : {}) }
}
