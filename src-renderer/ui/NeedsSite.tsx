import { useStore } from '../store'

/** A step that belongs to a site, opened before one is chosen: say so, and offer the way there (no dead ends). */
export function NeedsSite({ title, reason }: { title: string; reason: string }) {
  const goTo = useStore((s) => s.goTo)
  return (
    <div className="card">
      <h2>{title}</h2>
      <p>{reason}</p>
      <button type="button" onClick={() => goTo('site')}>
        Go to Site &amp; NMI
      </button>
    </div>
  )
}
