import { VERIFICATION_MODES, type VerificationMode } from '../../../src-shared/verification/profiles'

export interface CustomRow {
  atS: string
  value: string
  rampTms: string
}

export interface CustomProfileForm {
  name: string
  mode: VerificationMode
  durationS: string
  rows: CustomRow[]
}

const MODE_LABELS: Record<VerificationMode, string> = {
  expLimW: 'Export limit (W)',
  impLimW: 'Import limit (W)',
  genLimW: 'Generation limit (W)',
  loadLimW: 'Load limit (W)',
  connect: 'Connect (on/off)',
  energize: 'Energize (on/off)',
}

/** A custom table of steps: time, value (W, on/off, or "default"), rampTms. The engine checks it row by row. */
export function CustomProfileEditor({ form, onChange }: { form: CustomProfileForm; onChange: (f: CustomProfileForm) => void }) {
  const setRow = (i: number, patch: Partial<CustomRow>) => onChange({ ...form, rows: form.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) })
  return (
    <fieldset>
      <legend>Custom profile</legend>
      <div className="grid-2">
        <label className="inline">
          Name
          <input value={form.name} onChange={(e) => onChange({ ...form, name: e.target.value })} />
        </label>
        <label className="inline">
          Mode
          <select value={form.mode} onChange={(e) => onChange({ ...form, mode: e.target.value as VerificationMode })}>
            {VERIFICATION_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Duration (s)
          <input inputMode="numeric" value={form.durationS} onChange={(e) => onChange({ ...form, durationS: e.target.value })} />
        </label>
      </div>
      <table className="der-table">
        <thead>
          <tr>
            <th>At (s)</th>
            <th>Value (W, on, off or default)</th>
            <th>rampTms (1/100 s, optional)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {form.rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`Step ${i + 1} time`} value={row.atS} onChange={(e) => setRow(i, { atS: e.target.value })} />
              </td>
              <td>
                <input aria-label={`Step ${i + 1} value`} value={row.value} onChange={(e) => setRow(i, { value: e.target.value })} />
              </td>
              <td>
                <input aria-label={`Step ${i + 1} rampTms`} value={row.rampTms} onChange={(e) => setRow(i, { rampTms: e.target.value })} />
              </td>
              <td>
                <button type="button" className="small" onClick={() => onChange({ ...form, rows: form.rows.filter((_, j) => j !== i) })}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={() => onChange({ ...form, rows: [...form.rows, { atS: '', value: '', rampTms: '' }] })}>
        Add step
      </button>
    </fieldset>
  )
}

/** "on"/"off"/"default"/a number, as typed. */
export function parseStepValue(text: string): number | boolean | null {
  const t = text.trim().toLowerCase()
  if (t === 'on' || t === 'true') return true
  if (t === 'off' || t === 'false') return false
  if (t === 'default' || t === '') return null
  return Number(t)
}
