/** The views the client keeps of the DERList and the MirrorUsagePointList; shared by the discovery walk and the polls. */
import type { DerLinks, MirrorUsagePointView } from '../../../src-shared/contract/server'
import type { DER, MirrorUsagePoint } from '../xml'

export function derLinksOf(d: DER, listHref: string): DerLinks {
  const links: DerLinks = { href: d.href ?? listHref }
  if (d.DERStatusLink) links.statusHref = d.DERStatusLink.href
  if (d.DERCapabilityLink) links.capabilityHref = d.DERCapabilityLink.href
  if (d.DERSettingsLink) links.settingsHref = d.DERSettingsLink.href
  if (d.DERAvailabilityLink) links.availabilityHref = d.DERAvailabilityLink.href
  return links
}

export function mupViewOf(m: MirrorUsagePoint, listHref: string): MirrorUsagePointView {
  const view: MirrorUsagePointView = { href: m.href ?? listHref, mRID: m.mRID, roleFlags: m.roleFlags.value, deviceLFDI: m.deviceLFDI }
  if (m.description !== undefined) view.description = m.description
  return view
}
