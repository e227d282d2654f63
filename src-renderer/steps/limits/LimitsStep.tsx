import { useCallback, useEffect } from 'react'
import type { LinkView } from '../../../src-shared/contract/limits'
import { AWAITING_REGISTRATION_TEXT } from '../../../src-shared/contract/server'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { Countdown } from './Countdown'
import { EffectiveTable } from './EffectiveTable'
import { EventList } from './EventList'
import { timeOf } from './format'
import { OverlapSetting } from './OverlapSetting'
import { RejectedList } from './RejectedList'
import { TimelineChart } from './TimelineChart'
import './limits.css'
import { NeedsSite } from '../../ui/NeedsSite'

function linkText(link: LinkView, awaitingRegistration: boolean): string {
  switch (link.state) {
    case 'never-polled':
      // issue 20: the server does not list this device yet; the app keeps looking by itself.
      if (awaitingRegistration) return `${AWAITING_REGISTRATION_TEXT}: the fixed limits apply until the utility has registered it (handbook 9, 11.4).`
      return 'Not polled yet: connect in the Utility server step. Until then the fixed limits apply (handbook 11.4).'
    case 'online':
      return `Polling: last update ${timeOf(link.lastPollAt)}.`
    case 'lost':
      return `Loss of communications since ${timeOf(link.since)} (${link.reason}): stored events run until exhausted, then the default, then the fixed limits (handbook 11.1).`
  }
}

/** Step 5 (APP-2): which limit applies to every mode now and why, the next 24 h, the stored events and their responses. */
export function LimitsStep() {
  const site = useStore(selectCurrentSite)
  const view = useStore((s) => s.limitsView)
  const receivedAt = useStore((s) => s.limitsReceivedAt)
  const overlapPending = useStore((s) => s.overlapPending)
  const load = useStore((s) => s.loadLimits)
  const setOverlap = useStore((s) => s.setOverlap)
  const awaitingRegistration = useStore((s) => s.serverResult?.awaitingRegistration === true)
  const siteId = site?.id
  useEffect(() => {
    if (siteId) void load()
  }, [siteId, load])
  const onDue = useCallback(() => void load(), [load])

  if (!site) {
    return (
      <NeedsSite title="Limits" reason="Enter and save the site first." />
    )
  }
  if (!view || view.siteId !== site.id) return <div className="card">Loading the schedule…</div>

  return (
    <div className="stack">
      <div className="card">
        <h2>Limits</h2>
        <p className={view.link.state === 'lost' ? 'link-lost' : 'muted'} data-testid="limits-link">
          {linkText(view.link, awaitingRegistration)}
        </p>
        <EffectiveTable effective={view.effective} />
        <Countdown engineNow={view.now} receivedAt={receivedAt} nextChangeAt={view.nextChangeAt} onDue={onDue} />
      </div>
      <div className="card">
        <h3>Coming limits</h3>
        <TimelineChart points={view.chart} references={view.references} eventEnds={view.events.map((e) => e.effectiveEnd)} />
        <p className="muted">
          Ramps at {view.ramp.setGradW / 100} % per second of {view.ramp.capacityW} W aggregate DER capacity (handbook 11.3).
        </p>
      </div>
      <RejectedList rejected={view.rejected} />
      <div className="card">
        <h3>Stored events</h3>
        <EventList events={view.events} now={view.now} />
      </div>
      <div className="card">
        <OverlapSetting value={view.overlap} pending={overlapPending} onChange={(o) => void setOverlap(o)} />
      </div>
    </div>
  )
}
