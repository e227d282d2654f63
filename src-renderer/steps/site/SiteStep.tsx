import { useEffect, useState } from 'react'
import { PATHWAYS, PATHWAY_LABELS, type Pathway } from '../../../src-shared/domain/site'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { Field } from '../../ui/Field'
import { DerInventory } from './DerInventory'
import { NmiField } from './NmiField'
import { emptySiteForm, formFromSite, validateSiteForm, type FormErrors, type SiteForm } from './site-form'

/** Step 1 (ID-4): installer, address, NMI, connection pathway, PEN, fixed limits, DER inventory. */
export function SiteStep() {
  const site = useStore(selectCurrentSite)
  const saveSite = useStore((s) => s.saveSite)
  const deleteSite = useStore((s) => s.deleteSite)
  const goTo = useStore((s) => s.goTo)
  const [form, setForm] = useState<SiteForm>(() => (site ? formFromSite(site) : emptySiteForm()))
  const [errors, setErrors] = useState<FormErrors>({})
  const [submitted, setSubmitted] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)

  useEffect(() => {
    setForm(site ? formFromSite(site) : emptySiteForm())
    setErrors({})
    setSubmitted(false)
  }, [site])

  const set = <K extends keyof SiteForm>(key: K, value: SiteForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setSaved(null)
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault()
    setSubmitted(true)
    const { input, errors: found } = validateSiteForm(form)
    setErrors(found)
    if (!input) return
    const failure = await saveSite(input)
    if (failure) setErrors({ form: failure.message })
    else setSaved('Site saved.')
  }

  const text = (key: keyof SiteForm, id: string, label: string, errorKey: string, hint?: string) => (
    <Field id={id} label={label} error={errors[errorKey]} hint={hint}>
      <input id={id} value={String(form[key])} onChange={(e) => set(key, e.target.value as never)} aria-invalid={Boolean(errors[errorKey])} />
    </Field>
  )

  return (
    <form className="card site-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2>{site ? `Site: ${site.name}` : 'New site'}</h2>
      <div className="grid-2">
        {text('name', 'site-name', 'Site name', 'name')}
        {text('address', 'site-address', 'Site address', 'address')}
        {text('installerName', 'installer-name', 'Installer name', 'installer.name')}
        {text('installerLicence', 'installer-licence', 'Electrical licence number', 'installer.licence')}
        <NmiField value={form.nmi} onChange={(v) => set('nmi', v)} submitted={submitted} />
        <Field id="site-pathway" label="Connection pathway (handbook 5.1)">
          <select id="site-pathway" value={form.pathway} onChange={(e) => set('pathway', e.target.value as Pathway)}>
            {PATHWAYS.map((p) => (
              <option key={p} value={p}>
                {PATHWAY_LABELS[p]}
              </option>
            ))}
          </select>
        </Field>
        {text('pen', 'site-pen', 'Provider PEN (IANA Private Enterprise Number)', 'pen', 'The last 8 digits of every mRID and virtual LFDI.')}
      </div>
      <fieldset>
        <legend>Fixed limits from the connection agreement (handbook 11.4)</legend>
        <div className="grid-2">
          {text('exportW', 'fixed-export', 'Export limit (W)', 'fixedLimits.exportW')}
          {text('importW', 'fixed-import', 'Import limit (W)', 'fixedLimits.importW')}
        </div>
      </fieldset>
      <DerInventory rows={form.der} errors={errors} onChange={(rows) => set('der', rows)} />
      {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
      {saved && <p className="ok-note" role="status">{saved}</p>}
      <div className="actions">
        <button type="submit" className="primary">
          Save site
        </button>
        {site && (
          <>
            <button type="button" onClick={() => goTo('certificates')}>
              Next: Certificates &amp; identity
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (window.confirm(`Delete site “${site.name}” and everything recorded for it?`)) void deleteSite(site.id)
              }}
            >
              Delete site
            </button>
          </>
        )}
      </div>
    </form>
  )
}
