import type { DerItem, Pathway, Site, SiteInput } from '../../../src-shared/domain/site'
import { siteInputSchema } from '../../../src-shared/domain/site'

/** The Site form's editable state: strings as typed, converted on save. */
export interface SiteForm {
  id?: string | undefined
  name: string
  installerName: string
  installerLicence: string
  address: string
  nmi: string
  pathway: Pathway
  pen: string
  exportW: string
  importW: string
  der: DerRowForm[]
}

export interface DerRowForm {
  type: string
  description: string
  ratedW: string
  ratedVA: string
  storageWh: string
  count: string
}

export const emptyDerRow = (): DerRowForm => ({ type: '4', description: '', ratedW: '', ratedVA: '', storageWh: '', count: '1' })

export const emptySiteForm = (): SiteForm => ({
  name: '',
  installerName: '',
  installerLicence: '',
  address: '',
  nmi: '',
  pathway: 'gateway',
  pen: '',
  exportW: '1500',
  importW: '1500',
  der: [emptyDerRow()],
})

export function formFromSite(site: Site): SiteForm {
  return {
    id: site.id,
    name: site.name,
    installerName: site.installer.name,
    installerLicence: site.installer.licence,
    address: site.address,
    nmi: site.nmi,
    pathway: site.pathway,
    pen: String(site.pen),
    exportW: String(site.fixedLimits.exportW),
    importW: String(site.fixedLimits.importW),
    der: site.der.map((d) => ({
      type: String(d.type),
      description: d.description,
      ratedW: String(d.ratedW),
      ratedVA: String(d.ratedVA),
      storageWh: d.storageWh === undefined ? '' : String(d.storageWh),
      count: String(d.count),
    })),
  }
}

const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

function derFromRow(row: DerRowForm): DerItem {
  return {
    type: num(row.type),
    description: row.description,
    ratedW: num(row.ratedW),
    ratedVA: num(row.ratedVA),
    ...(row.storageWh.trim() ? { storageWh: num(row.storageWh) } : {}),
    count: num(row.count),
  }
}

export type FormErrors = Partial<Record<string, string>>

/** Validate with the same schema the engine uses; errors keyed by field path (e.g. `installer.name`, `der.0.ratedW`). */
export function validateSiteForm(form: SiteForm): { input: SiteInput | null; errors: FormErrors } {
  const candidate = {
    ...(form.id ? { id: form.id } : {}),
    name: form.name,
    installer: { name: form.installerName, licence: form.installerLicence },
    address: form.address,
    nmi: form.nmi,
    pathway: form.pathway,
    pen: num(form.pen),
    fixedLimits: { exportW: num(form.exportW), importW: num(form.importW) },
    der: form.der.map(derFromRow),
  }
  const parsed = siteInputSchema.safeParse(candidate)
  if (parsed.success) return { input: parsed.data, errors: {} }
  const errors: FormErrors = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.')
    errors[key] ??= issue.code === 'invalid_type' ? 'Enter a number' : issue.message
  }
  return { input: null, errors }
}
