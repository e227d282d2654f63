import { useStore } from '../../store'

const STAGE_WORDS = { connecting: 'Connecting', discovering: 'Reading', done: 'Found', failed: 'Failed' } as const

/** APP-1: long work shows progress – which device is being read, and how far through the list we are. */
export function DiscoveryProgress() {
  const p = useStore((s) => s.deviceProgress)
  const busy = useStore((s) => s.devicesBusy)
  if (!p || (!busy && p.stage === 'done')) return null
  return (
    <div className={`card progress progress-${p.stage}`} role="status" data-testid="discovery-progress">
      {p.total > 1 && <progress max={p.total} value={p.stage === 'done' || p.stage === 'failed' ? p.index : p.index - 1} />}
      <p>
        <strong>
          {STAGE_WORDS[p.stage]} {p.label}
        </strong>
        {p.total > 1 ? ` (${p.index} of ${p.total})` : ''}: {p.detail}
      </p>
    </div>
  )
}
