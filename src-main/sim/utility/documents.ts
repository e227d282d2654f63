/** The simulator's 2030.5 documents (handbook Annex D shapes), built from the scenario state at a given time. */
import type { DERControl, DERControlBase, DERProgram, DefaultDERControl, EndDevice, ScaledValue } from '../../sep2/xml'
import { toScaled } from '../../sep2/xml'
import type { ScenarioModes, ScenarioProgram } from './scenario-schema'
import type { ServedControl } from './scenario-runtime'

export const API = '/api/v2'
/** handbook 10.2 table 2 defaults; Annex D serves 300 / 301. */
export const SIM_POLL_RATE_S = 300

export interface SimDevice {
  id: string
  /** Upper-case hex. */
  lfdi: string
  sfdi: number
  pin: number
  /** The client certificate LFDI allowed to see this device (itself, or the cloud proxy). */
  owner: string
  registeredAt: number
  /** Registered in band: its EndDevice has a csipaus:ConnectionPointLink for the NMI (cactus ALL-03). */
  connectionPoint?: boolean
  /** false: the EndDevice has no RegistrationLink (and its /rg is 404) – a scenario's edit-registration toggles it. */
  registrationLink?: boolean
}

/**
 * W as ActivePower. Like Annex D, whole hundreds of 1 kW and more are sent with a multiplier (1500 W -> 15 x 10^2),
 * so clients must apply it.
 */
export function activePower(watts: number): ScaledValue {
  if (watts >= 1000 && watts % 100 === 0) {
    let value = watts
    let multiplier = 0
    while (value % 10 === 0 && value >= 100) {
      value /= 10
      multiplier++
    }
    return { value, multiplier }
  }
  return toScaled(watts)
}

export function controlBase(modes: ScenarioModes, rampTms?: number): DERControlBase {
  const base: DERControlBase = {}
  if (modes.opModConnect !== undefined) base.opModConnect = modes.opModConnect
  if (modes.opModEnergize !== undefined) base.opModEnergize = modes.opModEnergize
  if (modes.opModFixedW !== undefined) base.opModFixedW = Math.round(modes.opModFixedW * 100)
  if (modes.opModMaxLimW !== undefined) base.opModMaxLimW = Math.round(modes.opModMaxLimW * 100)
  if (rampTms !== undefined) base.rampTms = rampTms
  if (modes.opModImpLimW !== undefined) base.opModImpLimW = activePower(modes.opModImpLimW)
  if (modes.opModExpLimW !== undefined) base.opModExpLimW = activePower(modes.opModExpLimW)
  if (modes.opModGenLimW !== undefined) base.opModGenLimW = activePower(modes.opModGenLimW)
  if (modes.opModLoadLimW !== undefined) base.opModLoadLimW = activePower(modes.opModLoadLimW)
  return base
}

export function endDeviceDoc(device: SimDevice, fsaCount: number): EndDevice {
  const href = `${API}/edev/${device.id}`
  return {
    href,
    subscribable: 0,
    DERListLink: { href: `${href}/der`, all: 1 },
    lFDI: device.lfdi,
    sFDI: device.sfdi,
    changedTime: Math.floor(device.registeredAt / 1000),
    enabled: true,
    FunctionSetAssignmentsListLink: { href: `${href}/fsa`, all: fsaCount },
    ...(device.registrationLink === false ? {} : { RegistrationLink: { href: `${href}/rg` } }),
    ...(device.connectionPoint ? { ConnectionPointLink: { href: `${href}/cp` } } : {}),
  }
}

export function programDoc(program: ScenarioProgram, ctx: { mRID: string; defaultServed: boolean; eventCount: number }): DERProgram {
  const href = `${API}/derp/${program.id}`
  const doc: DERProgram = { href, subscribable: 0, mRID: ctx.mRID, description: program.description, version: 1, primacy: program.primacy }
  if (ctx.defaultServed) doc.DefaultDERControlLink = { href: `${href}/dderc` }
  doc.DERControlListLink = { href: `${href}/derc`, all: ctx.eventCount }
  return doc
}

export function defaultDoc(program: ScenarioProgram, mRID: string): DefaultDERControl | undefined {
  const d = program.default
  if (!d) return undefined
  const doc: DefaultDERControl = { href: `${API}/derp/${program.id}/dderc`, subscribable: 0, mRID, version: 0, DERControlBase: controlBase(d.modes) }
  if (d.setGradW !== undefined) doc.setGradW = d.setGradW
  return doc
}

export function controlDoc(program: ScenarioProgram, served: ServedControl): DERControl {
  const c = served.control
  const doc: DERControl = {
    href: `${API}/derp/${program.id}/derc/${served.mRID}`,
    subscribable: 0,
    replyTo: `${API}/rsps/res-ms/rsp`,
    mRID: served.mRID,
    version: 0,
    creationTime: served.creationTime,
    EventStatus: { currentStatus: served.status, dateTime: served.statusTime, potentiallySuperseded: false },
    interval: { duration: served.durationS, start: served.start },
    DERControlBase: controlBase(c.modes, c.rampTms),
  }
  if (served.description !== undefined) doc.description = served.description
  if (c.responseRequired !== undefined) doc.responseRequired = { value: c.responseRequired }
  if (c.randomizeStart !== undefined) doc.randomizeStart = c.randomizeStart
  if (c.randomizeDuration !== undefined) doc.randomizeDuration = c.randomizeDuration
  return doc
}

/**
 * IEEE 2030.5 list paging: `s` start index, `l` limit (we give all when absent). A server may return fewer than asked
 * (`pageLimit`), so clients must follow `all`.
 */
export function page<T>(items: T[], query: Record<string, string>, pageLimit = Number.POSITIVE_INFINITY): T[] {
  const s = Math.max(0, Number.parseInt(query['s'] ?? '0', 10) || 0)
  const lText = query['l']
  const l = lText === undefined ? items.length : Math.max(0, Number.parseInt(lText, 10) || 0)
  return items.slice(s, s + Math.min(l, pageLimit))
}
