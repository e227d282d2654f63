/**
 * In-band registration (issue 20 item 2, cactus ALL-02/ALL-03), for servers that expect a client to register itself.
 * Energex and Ergon register devices out of band (handbook 9): this runs only when the server setting asks for it.
 * POST our EndDevice (lFDI, sFDI, changedTime) to the EndDeviceList, read it back at its Location, and where the
 * server has the CSIP-AUS extension (a ConnectionPointLink) PUT the site's NMI as its csipaus:ConnectionPoint.
 */
import { sfdiFromLfdi } from '../../../src-shared/identity'
import type { EndDevice } from '../xml'
import { serialiseSep2 } from '../xml'
import { readResource } from './read-resource'
import type { StepError } from './step-errors'
import type { Walk } from './walk'
import { failStep, fullUrl, record, stepRead } from './walk'

export const IN_BAND_CODES = { refused: 'SEP2_REGISTRATION_REFUSED', noLocation: 'SEP2_REGISTRATION_NO_LOCATION' } as const

/** The EndDevice a client sends to register itself (IEEE 2030.5 EndDevice: sFDI and changedTime are required). */
export function endDeviceForRegistration(lfdi: string, nowMs: number): EndDevice {
  const lFDI = lfdi.toUpperCase()
  return { lFDI, sFDI: Number(sfdiFromLfdi(lFDI)), changedTime: Math.floor(nowMs / 1000) }
}

/** Our EndDevice as the server now has it, or undefined (the failed step says why). */
export async function registerInBand(walk: Walk, ctx: { listHref: string; lfdi: string; nmi?: string }): Promise<EndDevice | undefined> {
  const body = serialiseSep2('EndDevice', endDeviceForRegistration(ctx.lfdi, walk.clock.now()))
  if (!body.ok) throw new Error(`EndDevice does not serialise: ${body.error.message}`)
  const started = walk.clock.monotonic()
  const res = await walk.transport.post(ctx.listHref, body.value, { signal: walk.signal })
  const durationMs = Math.round(walk.clock.monotonic() - started)
  const status = res.ok ? res.value.status : undefined
  const location = res.ok ? res.value.location : undefined
  if (!res.ok || status === undefined || status < 200 || status > 299 || !location) {
    const error = refused(res.ok ? `HTTP ${status ?? '?'}${location ? '' : ' without a Location'}` : res.error.message, res.ok && !location && status !== undefined && status < 300)
    record(walk, { name: 'EndDeviceRegistration', url: fullUrl(walk, ctx.listHref), status: 'failed', durationMs, detail: error.meaning, error })
    return undefined
  }
  record(walk, { name: 'EndDeviceRegistration', url: fullUrl(walk, ctx.listHref), status: 'ok', durationMs, detail: `registered in band: POST EndDevice -> ${status}, Location ${location}` })
  // handbook FAQ: right after a create the server may answer 404 for a few seconds (justCreated retries it).
  const device = await stepRead(walk, {
    name: 'EndDevice',
    href: location,
    read: () => readResource(walk.transport, 'EndDevice', location, { signal: walk.signal, justCreated: true }),
    detail: (d) => `LFDI ${(d.lFDI ?? '').toUpperCase()}, SFDI ${d.sFDI} (registered in band)`,
  })
  if (device && ctx.nmi && device.ConnectionPointLink) await putConnectionPoint(walk, device.ConnectionPointLink.href, ctx.nmi)
  return device ? { ...device, href: device.href ?? location } : undefined
}

/** cactus ALL-03: the NMI as csipaus:ConnectionPoint.connectionPointId, PUT to the EndDevice's ConnectionPointLink. */
async function putConnectionPoint(walk: Walk, href: string, nmi: string): Promise<void> {
  const body = serialiseSep2('ConnectionPoint', { connectionPointId: nmi })
  if (!body.ok) throw new Error(`ConnectionPoint does not serialise: ${body.error.message}`)
  const started = walk.clock.monotonic()
  const res = await walk.transport.put(href, body.value, { signal: walk.signal })
  const durationMs = Math.round(walk.clock.monotonic() - started)
  if (res.ok && res.value.status >= 200 && res.value.status < 300) {
    record(walk, { name: 'ConnectionPoint', url: fullUrl(walk, href), status: 'ok', durationMs, detail: `NMI ${nmi} sent as the ConnectionPoint` })
    return
  }
  // The registration itself worked; a server that refuses the NMI is shown, not fatal.
  failStep(walk, { name: 'ConnectionPoint', href, status: 'warning', error: refused(res.ok ? `HTTP ${res.value.status}` : res.error.message, false) })
}

function refused(why: string, noLocation: boolean): StepError {
  return {
    code: noLocation ? IN_BAND_CODES.noLocation : IN_BAND_CODES.refused,
    meaning: `The server did not take this device's registration (${why}).`,
    whatToDo: 'Check with the utility that this server registers devices in band; Energex and Ergon register them out of band (handbook 9): turn in-band registration off for them.',
  }
}
