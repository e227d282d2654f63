import { useEffect } from 'react'
import type { ServerSettings } from '../../../src-shared/contract/server'
import { qldTime } from '../../../src-shared/time/qld-time'
import { useStore } from '../../store'
import { selectCurrentSite } from '../../store/sites-slice'
import { DiscoverySteps } from './DiscoverySteps'
import { DiscoverySummary } from './DiscoverySummary'
import { ExchangeLog } from './ExchangeLog'
import { ResourceBrowser } from './ResourceBrowser'
import { ServerSettingsForm } from './ServerSettingsForm'
import './server.css'
import { NeedsSite } from '../../ui/NeedsSite'

/** Step 4 (SRV-2 .. SRV-7): connect to the utility server with the site's certificate and see what it publishes. */
export function ServerStep() {
  const site = useStore(selectCurrentSite)
  const status = useStore((s) => s.serverStatus)
  const steps = useStore((s) => s.serverSteps)
  const result = useStore((s) => s.serverResult)
  const link = useStore((s) => s.serverLink)
  const busy = useStore((s) => s.serverBusy)
  const load = useStore((s) => s.loadServer)
  const save = useStore((s) => s.saveServerSettings)
  const connect = useStore((s) => s.connectServer)

  const siteId = site?.id
  useEffect(() => {
    if (siteId) void load()
  }, [siteId, load])

  if (!site) {
    return (
      <NeedsSite title="Utility server" reason="Enter and save the site first, then import its certificate." />
    )
  }

  const onConnect = async (settings: ServerSettings) => {
    if (await save(settings)) await connect()
  }

  return (
    <div className="stack">
      <div className="card">
        <h2>Utility server</h2>
        <p className="muted">
          Connect with this site&apos;s certificate: the app walks the server&apos;s resources as the handbook&apos;s example client does (Annex D) and
          checks that the server knows this device. The Queensland servers only answer Australian IP addresses.
        </p>
        {status && <ServerSettingsForm settings={status.settings} busy={busy} onConnect={(s) => void onConnect(s)} />}
        {link && (
          <p className={link.state === 'ok' ? 'ok-note' : 'link-lost'} role="status" data-testid="link-state">
            {link.state === 'ok' ? 'Polling: communications OK' : `Loss of communications since ${qldTime(link.since)}: ${link.reason ?? ''}`}
          </p>
        )}
        <DiscoverySteps steps={steps} busy={busy} />
      </div>
      {result && <DiscoverySummary result={result} />}
      {result && <ResourceBrowser result={result} />}
      <ExchangeLog />
    </div>
  )
}
