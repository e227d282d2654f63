import { useState } from 'react'
import type { DiscoveryResult } from '../../../src-shared/contract/server'
import { useStore } from '../../store'

/** Every resource the walk linked to, by name. */
function linksOf(r: DiscoveryResult): { label: string; href: string }[] {
  const out: { label: string; href: string }[] = [{ label: 'DeviceCapability', href: r.links.dcap }]
  const add = (label: string, href: string | undefined) => href && out.push({ label, href })
  add('Time', r.links.time)
  add('EndDeviceList', r.links.endDeviceList)
  add('EndDevice', r.endDevice?.href)
  add('Registration', r.registration?.href)
  add('FunctionSetAssignmentsList', r.links.fsaList)
  for (const p of r.programs) {
    add(`${p.description ?? p.mRID}: DERProgram`, p.href)
    add(`${p.description ?? p.mRID}: DefaultDERControl`, p.defaultControl?.href)
    add(`${p.description ?? p.mRID}: DERControlList`, p.derControlListHref)
  }
  add('DERList', r.links.derList)
  for (const d of r.der) {
    add('DERStatus', d.statusHref)
    add('DERCapability', d.capabilityHref)
    add('DERSettings', d.settingsHref)
    add('DERAvailability', d.availabilityHref)
  }
  add('MirrorUsagePointList', r.links.mupList)
  return out
}

/** The raw XML of any resource on the server, fetched now over the site's connection. */
export function ResourceBrowser(props: { result: DiscoveryResult }) {
  const view = useStore((s) => s.resourceView)
  const browse = useStore((s) => s.browseResource)
  const [href, setHref] = useState('')
  return (
    <div className="card">
      <h3>Resource browser</h3>
      <div className="resource-links">
        {linksOf(props.result).map((l) => (
          <button type="button" key={`${l.label}-${l.href}`} className="link-button" onClick={() => void browse(l.href)}>
            {l.label}
          </button>
        ))}
      </div>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault()
          if (href.trim()) void browse(href.trim())
        }}
      >
        <label className="inline">
          Other href on this server
          <input value={href} onChange={(e) => setHref(e.target.value)} placeholder="/api/v2/…" />
        </label>
        <button type="submit">Fetch</button>
      </form>
      {view && (
        <>
          <p className="muted">
            {view.href} – HTTP {view.status}
          </p>
          <pre className="pem xml-view" data-testid="resource-xml">
            {view.xml}
          </pre>
        </>
      )}
    </div>
  )
}
