import { validateNmi } from '../../../src-shared/identity/nmi'
import { Field } from '../../ui/Field'

/** ID-4: the NMI is checked as it is typed, with the AEMO checksum; a wrong checksum names the expected one. */
export function NmiField({ value, onChange, submitted }: { value: string; onChange: (v: string) => void; submitted: boolean }) {
  const check = validateNmi(value)
  const showError = (submitted || value.trim().length >= 10) && !check.valid
  const hint = check.valid
    ? `Valid NMI ${check.normalised} (checksum ${check.expectedChecksum ?? ''})`
    : '10 characters, A–Z and 0–9 without I or O; the 11th (checksum) character is optional.'
  return (
    <Field id="site-nmi" label="NMI" error={showError ? check.error?.message : undefined} hint={hint}>
      <input
        id="site-nmi"
        name="nmi"
        autoComplete="off"
        spellCheck={false}
        maxLength={14}
        value={value}
        aria-invalid={showError}
        aria-describedby={showError ? 'site-nmi-error' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  )
}
