/** Report pages: the site (ID-4, handbook 5.1, 11.4) and its identity (ID-1, ID-2). */
import { derTypeLabel } from '../../der/der-types'
import { PATHWAY_LABELS, usesVirtualLfdi, type Site } from '../../domain/site'
import { formatLfdi } from '../../identity/lfdi'
import { formatPen } from '../../identity/pen'
import type { Section } from '../model/common'
import type { IdentitySection } from '../model/identity-section'
import { badge, facts, formatTime, formatWatts, grid, heading, notDoneBlock, text } from './format'

export function siteHtml(site: Site): string {
  const der = grid(
    ['Type', 'Description', 'Count', 'Rated W', 'Rated VA', 'Storage Wh'],
    site.der.map((d) => [text(`${d.type} – ${derTypeLabel(d.type)}`), text(d.description), text(d.count), text(d.ratedW), text(d.ratedVA), text(d.storageWh)]),
  )
  return [
    heading('Site'),
    facts([
      ['Site name', text(site.name)],
      ['Address', text(site.address)],
      ['NMI', `<span class="mono">${text(site.nmi)}</span>`],
      ['Installer', text(site.installer.name)],
      ['Installer licence', text(site.installer.licence)],
      ['Connection pathway', text(PATHWAY_LABELS[site.pathway])],
      ['Provider PEN', text(formatPen(site.pen))],
      ['Fixed export limit', text(formatWatts(site.fixedLimits.exportW))],
      ['Fixed import limit', text(formatWatts(site.fixedLimits.importW))],
    ]),
    '<h3>DER inventory</h3>',
    der,
  ].join('')
}

function identityFacts(data: IdentitySection, site: Site): string {
  const id = data.identity
  if (id === null) return '<p>No device certificate was found in the imported files.</p>'
  const virtual = usesVirtualLfdi(site.pathway) ? ' (the site is identified by a virtual LFDI, handbook 9.1.2)' : ''
  return facts([
    ['LFDI', `<span class="mono">${text(id.lfdi)}</span><br><span class="mono muted">${text(formatLfdi(id.lfdi))}</span>${virtual === '' ? '' : text(virtual)}`],
    ['SFDI', `<span class="mono">${text(id.sfdi)}</span>`],
    ['Subject', text(id.subject === '' ? '(empty, as IEEE 2030.5 device certificates have)' : id.subject)],
    ['Issuer', text(id.issuer)],
    ['Serial number', `<span class="mono">${text(id.serialNumber)}</span>`],
    ['SHA-256 fingerprint', `<span class="mono">${text(id.fingerprintSha256)}</span>`],
    ['Valid from', text(id.notBefore)],
    ['Valid until', text(id.notAfter.startsWith('9999-') ? `${id.notAfter} (no expiry)` : id.notAfter)],
    ['Key algorithm', text(id.keyAlgorithm.description)],
    ['Private key stored (encrypted)', text(data.keyStored)],
    ['Imported', text(`${formatTime(data.importedAt)} from ${data.fileNames.join(', ')}`)],
  ])
}

export function identityHtml(section: Section<IdentitySection>, site: Site): string {
  if (section.status === 'not-done') return heading('Identity and certificate') + notDoneBlock(section.reason)
  const data = section.data
  const checks = grid(
    ['Check', 'Result', 'Detail'],
    data.checks.map((c) => [text(c.label), c.status === 'skip' ? text('skipped') : badge(c.status), text(c.detail)]),
  )
  const chain = grid(['Role', 'Subject', 'Valid until', 'SHA-256'], data.chain.map((c) => [text(c.role), text(c.subject), text(c.notAfter), `<span class="mono">${text(c.fingerprintSha256)}</span>`]))
  return [heading('Identity and certificate'), `<p>Certificate checks: ${badge(data.verdict)}</p>`, identityFacts(data, site), '<h3>Certificate checks</h3>', checks, '<h3>Chain</h3>', chain].join('')
}
