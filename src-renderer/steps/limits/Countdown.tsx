import { useEffect, useState } from 'react'
import { countdownText, timeOf } from './format'

/** Countdown to the next change (APP-2), from the engine's time plus what has passed since the view arrived. */
export function Countdown({ engineNow, receivedAt, nextChangeAt, onDue }: { engineNow: number; receivedAt: number; nextChangeAt: number | undefined; onDue: () => void }) {
  const [elapsed, setElapsed] = useState(0)
  useEffect(() => {
    setElapsed(performance.now() - receivedAt)
    const id = window.setInterval(() => setElapsed(performance.now() - receivedAt), 1000)
    return () => window.clearInterval(id)
  }, [receivedAt])
  const remaining = nextChangeAt === undefined ? undefined : nextChangeAt - (engineNow + elapsed)
  const due = remaining !== undefined && remaining <= 0
  useEffect(() => {
    if (due) onDue()
  }, [due, onDue])
  if (nextChangeAt === undefined || remaining === undefined) return <p data-testid="next-change">No change within the next 24 h.</p>
  return (
    <p data-testid="next-change">
      Next change in <strong>{countdownText(remaining)}</strong> (at {timeOf(nextChangeAt)})
    </p>
  )
}
