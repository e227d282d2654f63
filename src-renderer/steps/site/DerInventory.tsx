import { DER_TYPES } from '../../../src-shared/der/der-types'
import { emptyDerRow, type DerRowForm, type FormErrors } from './site-form'

const COLUMNS: { key: keyof DerRowForm; label: string; unit?: string }[] = [
  { key: 'description', label: 'Make / model' },
  { key: 'ratedW', label: 'Rated', unit: 'W' },
  { key: 'ratedVA', label: 'Rated', unit: 'VA' },
  { key: 'storageWh', label: 'Storage', unit: 'Wh' },
  { key: 'count', label: 'Count' },
]

/** The DER inventory (handbook 10.3.2 types) whose sums become DERCapability and DERSettings. */
export function DerInventory(props: { rows: DerRowForm[]; errors: FormErrors; onChange: (rows: DerRowForm[]) => void }) {
  const update = (index: number, patch: Partial<DerRowForm>) => props.onChange(props.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  return (
    <fieldset>
      <legend>DER inventory</legend>
      <table className="der-table">
        <thead>
          <tr>
            <th>Type</th>
            {COLUMNS.map((c) => (
              <th key={c.key}>
                {c.label}
                {c.unit ? ` (${c.unit})` : ''}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) => (
            <tr key={index}>
              <td>
                <select aria-label={`DER ${index + 1} type`} value={row.type} onChange={(e) => update(index, { type: e.target.value })}>
                  {DER_TYPES.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.code} – {t.label}
                    </option>
                  ))}
                </select>
              </td>
              {COLUMNS.map((c) => {
                const error = props.errors[`der.${index}.${c.key}`]
                return (
                  <td key={c.key}>
                    <input
                      aria-label={`DER ${index + 1} ${c.label}${c.unit ? ` ${c.unit}` : ''}`}
                      value={row[c.key]}
                      inputMode={c.key === 'description' ? 'text' : 'numeric'}
                      aria-invalid={Boolean(error)}
                      title={error}
                      onChange={(e) => update(index, { [c.key]: e.target.value })}
                    />
                    {error && <span className="cell-error">{error}</span>}
                  </td>
                )
              })}
              <td>
                <button type="button" className="small" onClick={() => props.onChange(props.rows.filter((_, i) => i !== index))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={() => props.onChange([...props.rows, emptyDerRow()])}>
        Add DER
      </button>
    </fieldset>
  )
}
