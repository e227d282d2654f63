import { describe, expect, it } from 'vitest'
import type { Site } from '../../../src-shared/domain/site'
import { emptySiteForm, formFromSite, validateSiteForm, type SiteForm } from './site-form'

/** The demo site as the form holds it: every field a string, as typed. */
const FILLED: SiteForm = {
  name: 'Demo site – 12 Example Street',
  installerName: 'Demo Installer',
  installerLicence: 'DEMO-000000',
  address: '12 Example Street, Newstead QLD 4006',
  nmi: 'QCDWW000102',
  pathway: 'gateway',
  pen: '57269',
  exportW: '1500',
  importW: '1500',
  der: [
    { type: '4', description: 'PV inverter', ratedW: '5000', ratedVA: '5000', storageWh: '', count: '1' },
    { type: '80', description: 'Battery', ratedW: '5000', ratedVA: '5000', storageWh: '10000', count: '1' },
  ],
}

describe('site form validation (APP-1: errors at the field)', () => {
  it('a complete form becomes the engine input: numbers converted, an empty storage left out', () => {
    const { input, errors } = validateSiteForm(FILLED)
    expect(errors).toEqual({})
    expect(input).toMatchObject({
      installer: { name: 'Demo Installer', licence: 'DEMO-000000' },
      pen: 57269,
      fixedLimits: { exportW: 1500, importW: 1500 },
      der: [
        { type: 4, ratedW: 5000, ratedVA: 5000, count: 1 },
        { type: 80, storageWh: 10000, count: 1 },
      ],
    })
    expect(input?.der[0]).not.toHaveProperty('storageWh')
  })

  it('an empty form names every missing field by its path', () => {
    const { input, errors } = validateSiteForm(emptySiteForm())
    expect(input).toBeNull()
    expect(errors).toMatchObject({
      name: 'Give the site a name',
      'installer.name': 'Installer name is required',
      'installer.licence': 'Licence number is required',
      address: 'Site address is required',
      pen: 'Enter a number',
      'der.0.ratedW': 'Enter a number',
      'der.0.ratedVA': 'Enter a number',
    })
    expect(errors.nmi).toEqual(expect.any(String))
    // The defaults the form starts with are valid on their own.
    expect(errors).not.toHaveProperty('fixedLimits.exportW')
    expect(errors).not.toHaveProperty('der.0.type')
  })

  it('a wrong NMI checksum, a text in a number field and an unknown DER type are each reported at their field', () => {
    const { errors } = validateSiteForm({ ...FILLED, nmi: 'QCDWW000109', exportW: 'lots', der: [{ ...FILLED.der[0]!, type: '99' }] })
    expect(Object.keys(errors).sort()).toEqual(['der.0.type', 'fixedLimits.exportW', 'nmi'])
    expect(errors['fixedLimits.exportW']).toBe('Enter a number')
    expect(errors['der.0.type']).toBe('Not a DER type of handbook 10.3.2')
  })

  it('a saved site opens in the form as it was typed, and validates back to the same input', () => {
    const site: Site = { id: 's1', ...validateSiteForm(FILLED).input!, nmi: 'QCDWW00010', createdAt: 1, updatedAt: 2 }
    const form = formFromSite(site)
    expect(form).toEqual({ ...FILLED, id: 's1', nmi: 'QCDWW00010', der: FILLED.der.map((d) => ({ ...d })) })
    expect(validateSiteForm(form).input).toMatchObject({ id: 's1', pen: 57269, der: [{ type: 4 }, { type: 80, storageWh: 10000 }] })
  })
})
