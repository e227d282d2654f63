/**
 * `sep2-commissioner discover --dcap URL --cert F --key F --ca F [--pin N] [--lfdi L] [--register-in-band [--nmi N]]
 * [--no-hostname-check] [--json]`: the discovery walk against a utility server (or the simulator), printed step by step
 * with every retry; a failed step prints its code, meaning and what to do, and exits 1 (only once the transport's
 * retries are spent, handbook 13.2). A device the utility has not registered yet is waited for (issue 20), with a line
 * at each look, until it is registered or Ctrl+C.
 */
import { createSystemClock } from '../../engine/system-clock'
import { describeResult, describeRetry, describeStep, describeWait, discoverWhenRegistered } from '../../sep2/client'
import { createSep2Transport, type Sep2RetryNotice } from '../../sep2/transport'
import { connectionArgs } from '../args'
import { CliUsageError, type CliCommand, type CliInput } from '../types'


function optionalPin(input: CliInput): number | undefined {
  const v = input.values.pin
  if (v === undefined) return undefined
  const pin = Number(v)
  if (!Number.isInteger(pin) || pin < 0) throw new CliUsageError('--pin must be a whole number.')
  return pin
}

export const discoverCommand: CliCommand = {
  name: 'discover',
  summary: 'Connect to a utility server with a device certificate and walk its resources (handbook Annex D)',
  usage: '--dcap <url> --cert <chain.pem> --key <key.pem> --ca <serca.pem> [--pin N] [--lfdi L] [--register-in-band [--nmi N]] [--no-hostname-check] [--json]',
  options: {
    dcap: { type: 'string', description: 'DeviceCapability URL, e.g. https://sep2-test.energyq.com.au/api/v2/dcap' },
    cert: { type: 'string', description: 'Device certificate followed by its chain (PEM)' },
    key: { type: 'string', description: 'The private key of the device certificate (PEM); used for TLS only, never printed' },
    ca: { type: 'string', multiple: true, description: 'Trust anchor(s) for the server certificate, e.g. the SERCA (PEM)' },
    pin: { type: 'string', description: 'Registration PIN from the utility, compared with the server\'s' },
    lfdi: { type: 'string', description: 'Cloud proxy: the site virtual LFDI to look for (default: the certificate\'s LFDI)' },
    'register-in-band': { type: 'boolean', description: 'POST this EndDevice when the server does not list it (cactus ALL-02/03; not for Energex/Ergon, which register out of band)' },
    nmi: { type: 'string', description: 'With --register-in-band: the site NMI, sent as the csipaus:ConnectionPoint' },
    'no-hostname-check': { type: 'boolean', description: 'Do not check the server certificate names the host (the chain is still verified)' },
  },
  async run(input, io) {
    const conn = connectionArgs(input, io)
    const clock = io.clock ?? createSystemClock()
    const onRetry = (n: Sep2RetryNotice): void => io.info(describeRetry(n))
    const transport = createSep2Transport({ baseUrl: conn.dcap, clientCert: conn.chain, clientKey: conn.key, trustAnchors: conn.trustAnchors, checkHostname: conn.checkHostname, clock, onRetry })
    try {
      const result = await discoverWhenRegistered({
        transport,
        dcapUrl: conn.dcap,
        clock,
        ourLfdi: conn.lfdi,
        mode: conn.cloudProxy ? 'cloud-proxy' : 'device',
        expectedPin: optionalPin(input),
        inBandRegistration: input.values['register-in-band'] === true,
        ...(typeof input.values.nmi === 'string' ? { nmi: input.values.nmi } : {}),
        signal: io.signal,
        onWaiting: (w) => io.info(describeWait(w)),
        onStep: input.json ? undefined : (s) => describeStep(s).forEach((l) => io.info(l)),
      })
      io.print(describeResult(result, { steps: input.json }), result)
      return result.ok ? 0 : 1
    } finally {
      await transport.close()
    }
  },
}
