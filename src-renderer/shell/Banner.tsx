import { useStore } from '../store'
import { errorHelp } from './error-help'

/** The last failure, in plain words, what to do about it, and its stable code for support. */
export function Banner() {
  const banner = useStore((s) => s.banner)
  const showError = useStore((s) => s.showError)
  if (!banner) return null
  const help = errorHelp(banner)
  return (
    <div className="banner banner-error" role="alert">
      <span>
        {help.message} <code>{help.code}</code>
        {help.whatToDo ? <span className="banner-what-to-do"> What to do: {help.whatToDo}</span> : null}
      </span>
      <button type="button" className="link" onClick={() => showError(null)}>
        Dismiss
      </button>
    </div>
  )
}
