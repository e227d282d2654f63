import { Field } from '../../ui/Field'
import { useStore } from '../../store'
import type { UnitValues } from './unit-values'

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
