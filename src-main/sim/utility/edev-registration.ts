/**
 * In-band registration on the simulated server (cactus ALL-02/ALL-03, for utilities other than Energex/Ergon, which
 * register out of band – handbook 9): POST an EndDevice to the EndDeviceList (201 + Location), and PUT the
 * csipaus:ConnectionPoint (the site's NMI) to the EndDevice's ConnectionPointLink. Only when the simulator is started
 * with `inBandRegistration`; otherwise a POST to /edev is refused as on the Queensland servers.
 */
import { parseSep2 } from '../../sep2/xml'
import type { SimRequest, SimResponse } from './core'
import { API, type SimDevice } from './documents'
import { NOT_FOUND, deviceFor, xml, type TreeState } from './tree-state'

const badRequest = (why: string): SimResponse => ({ status: 400, headers: { 'content-type': 'text/plain' }, body: `Bad request: ${why}` })

export const edevPost = (state: TreeState, req: SimRequest): SimResponse => {
  if (!state.inBandRegistration) return { status: 405, headers: { 'content-type': 'text/plain', allow: 'GET' }, body: 'Method not allowed' }
  const parsed = parseSep2(req.body, 'EndDevice')
  if (!parsed.ok) return badRequest(parsed.error.message)
  const doc = parsed.value.doc
  const lfdi = (doc.lFDI ?? '').toUpperCase()
  // A device registers itself only: its lFDI is its certificate's.
  if (lfdi !== req.clientLfdi) return badRequest(`lFDI ${lfdi || '(none)'} is not the client certificate's`)
  const known = state.devices.find((d) => d.lfdi === lfdi && d.owner === req.clientLfdi)
  const device: SimDevice = known ?? { id: `_EDEV${state.nextId++}`, lfdi, sfdi: doc.sFDI, pin: state.defaultPin ?? 0, owner: req.clientLfdi, registeredAt: state.clock.now(), connectionPoint: true }
  if (!known) state.devices.push(device)
  const location = `${API}/edev/${device.id}`
  state.received.push({ method: 'POST', path: req.path, kind: 'EndDevice', clientLfdi: req.clientLfdi, at: state.clock.now(), xml: req.body, location })
  return { status: 201, headers: { location } }
}

export const connectionPointPut = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  if (!device?.connectionPoint) return NOT_FOUND
  const parsed = parseSep2(req.body, 'ConnectionPoint')
  if (!parsed.ok) return badRequest(parsed.error.message)
  state.stored.set(req.path, { kind: 'ConnectionPoint', xml: req.body, owner: req.clientLfdi })
  state.received.push({ method: 'PUT', path: req.path, kind: 'ConnectionPoint', clientLfdi: req.clientLfdi, at: state.clock.now(), xml: req.body })
  return { status: 204 }
}

export const connectionPointGet = (state: TreeState, req: SimRequest, m: RegExpMatchArray): SimResponse => {
  const device = deviceFor(state, req, m[1])
  const stored = device?.connectionPoint ? state.stored.get(req.path) : undefined
  if (!stored) return NOT_FOUND
  const parsed = parseSep2(stored.xml, 'ConnectionPoint')
  return parsed.ok ? xml('ConnectionPoint', { ...parsed.value.doc, href: req.path }) : NOT_FOUND
}
