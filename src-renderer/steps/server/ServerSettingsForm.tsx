import { useEffect, useState } from 'react'
import { SERVER_TARGET_LABELS, SERVER_URLS, type ServerSettings, type ServerTarget } from '../../../src-shared/contract/server'
import { Field } from '../../ui/Field'

const TARGETS: ServerTarget[] = ['test', 'production', 'custom', 'simulator']

function describeTarget(target: ServerTarget): string {
  switch (target) {
    case 'test':
      return SERVER_URLS.test
    case 'production':
      return SERVER_URLS.production
    case 'custom':
      return 'A DeviceCapability URL the utility gave you'
    case 'simulator':
      return 'Runs here, with a practice certificate imported for this site (replaces the site certificate)'
  }
}

/** SRV-2: which server, host-name check, and the registration PIN to compare. */
export function ServerSettingsForm(props: { settings: ServerSettings; busy: boolean; onConnect: (settings: ServerSettings) => void }) {
  const [target, setTarget] = useState<ServerTarget>(props.settings.target)
  const [customUrl, setCustomUrl] = useState(props.settings.customUrl ?? '')
  const [checkHostname, setCheckHostname] = useState(props.settings.checkHostname)
  const [pin, setPin] = useState(props.settings.expectedPin === undefined ? '' : String(props.settings.expectedPin))
  const [inBand, setInBand] = useState(props.settings.inBandRegistration === true)
  useEffect(() => {
    setInBand(props.settings.inBandRegistration === true)
    setTarget(props.settings.target)
    setCustomUrl(props.settings.customUrl ?? '')
    setCheckHostname(props.settings.checkHostname)
    setPin(props.settings.expectedPin === undefined ? '' : String(props.settings.expectedPin))
  }, [props.settings])

  // handbook 9: Energex and Ergon register devices out of band; their servers never get a POST /edev.
  const outOfBand = target === 'test' || target === 'production'
  const pinError = pin !== '' && !/^\d{1,9}$/.test(pin) ? 'The PIN is a number (digits only).' : undefined
  const urlError = target === 'custom' && !/^https:\/\/\S+$/.test(customUrl) ? 'Enter an https:// URL, e.g. https://server/api/v2/dcap' : undefined
  const submit = () => {
    if (pinError || urlError) return
    const settings: ServerSettings = { target, checkHostname }
    if (target === 'custom') settings.customUrl = customUrl
    if (pin !== '') settings.expectedPin = Number(pin)
    if (inBand && !outOfBand) settings.inBandRegistration = true
    props.onConnect(settings)
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <fieldset className="server-targets">
        <legend>Server</legend>
        {TARGETS.map((t) => (
          <label key={t} className="server-target">
            <input type="radio" name="server-target" value={t} checked={target === t} onChange={() => setTarget(t)} />
            <span>
              <strong>{SERVER_TARGET_LABELS[t]}</strong>
              <span className="muted"> – {describeTarget(t)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {target === 'custom' && (
        <Field id="server-url" label="DeviceCapability URL" error={urlError}>
          <input id="server-url" type="url" value={customUrl} onChange={(e) => setCustomUrl(e.target.value)} placeholder="https://…/api/v2/dcap" />
        </Field>
      )}
      <Field id="server-pin" label="Registration PIN from the utility" error={pinError} hint="Compared with the PIN the server has registered for this device (handbook 10.1).">
        <input id="server-pin" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value.trim())} />
      </Field>
      {outOfBand ? (
        <p className="muted" data-testid="registration-mode">
          Registration: out of band. Energex and Ergon register this device themselves from the LFDI/SFDI you send them (handbook 9); the app waits until
          it is registered.
        </p>
      ) : (
        <label className="checkbox" data-testid="registration-mode">
          <input type="checkbox" checked={inBand} onChange={(e) => setInBand(e.target.checked)} /> Register this device in band
          <span className="muted"> (POST its EndDevice and the site NMI when the server does not list it, as some other utilities&apos; servers expect; leave off where the utility registers devices itself)</span>
        </label>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={checkHostname} onChange={(e) => setCheckHostname(e.target.checked)} /> Check that the server certificate names the host
        <span className="muted"> (2030.5 server certificates often carry no host name; the chain is always verified)</span>
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {props.busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  )
}
