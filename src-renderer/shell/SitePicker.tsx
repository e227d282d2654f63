import { useStore } from '../store'

/** Several sites: pick one to work on, or start a new one. */
export function SitePicker() {
  const sites = useStore((s) => s.sites)
  const currentSiteId = useStore((s) => s.currentSiteId)
  const selectSite = useStore((s) => s.selectSite)
  const goTo = useStore((s) => s.goTo)
  return (
    <div className="site-picker">
      <label htmlFor="site-select">Site</label>
      <select
        id="site-select"
        value={currentSiteId ?? ''}
        onChange={(e) => {
          void selectSite(e.target.value || null)
          goTo('site')
        }}
      >
        <option value="">New site…</option>
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name} · {site.nmi}
          </option>
        ))}
      </select>
    </div>
  )
}
