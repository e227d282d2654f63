import { useStore } from '../store'

/** The last failure, in plain words, with its stable code for support. */
export function Banner() {
  const banner = useStore((s) => s.banner)
  const showError = useStore((s) => s.showError)
  if (!banner) return null
  return (
    <div className="banner banner-error" role="alert">
      <span>
        {banner.message} <code>{banner.code}</code>
      </span>
      <button type="button" className="link" onClick={() => showError(null)}>
        Dismiss
      </button>
    </div>
  )
}
