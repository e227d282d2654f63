import { INT16, POWER_OF_TEN_MULTIPLIER, TIME_OFFSET, TIME_TYPE, UINT16, UINT32, UINT8 } from './int-types'
import { type AttrSpec, type ElementSpec, type TypeSpec, complex, el, hex, hexId, int, num, req, str } from './spec-types'

const time = int(TIME_TYPE)
/** mRIDType is HexBinary128; LFDI is HexBinary160. */
export const MRID = hexId(16)
export const LFDI = hexId(20)

// Attribute groups of the 2030.5 base types (Resource, SubscribableResource, List, SubscribableList...).
export const HREF: AttrSpec = { name: 'href', type: str }
export const SUBSCRIBABLE: AttrSpec = { name: 'subscribable', type: int(UINT8) }
export const POLL_RATE: AttrSpec = { name: 'pollRate', type: int(UINT32) }
export const RESOURCE_ATTRS: readonly AttrSpec[] = [HREF]
export const SUBSCRIBABLE_ATTRS: readonly AttrSpec[] = [HREF, SUBSCRIBABLE]
/** List/SubscribableList (+ pollRate, which most 2030.5 function-set lists carry). */
export const LIST_ATTRS: readonly AttrSpec[] = [
  { name: 'all', type: int(UINT32) },
  HREF,
  { name: 'results', type: int(UINT32) },
  SUBSCRIBABLE,
  POLL_RATE,
]
/** RespondableResource: replyTo + responseRequired (HexBinary8). */
export const RESPONDABLE_ATTRS: readonly AttrSpec[] = [
  { name: 'replyTo', type: str },
  { name: 'responseRequired', type: hex(1) },
]

/** IdentifiedObject: mRID, description, version. */
export const IDENTIFIED: readonly ElementSpec[] = [req('mRID', MRID), el('description', str), el('version', int(UINT16))]

/** A value with a power-of-ten multiplier (ActivePower, ReactivePower, ApparentPower, VoltageRMS, CurrentRMS, WattHour...). */
const SCALED: TypeSpec = { attrs: [], elements: [req('multiplier', int(POWER_OF_TEN_MULTIPLIER)), req('value', num)] }
/** ActivePower: Int16 value x 10^PowerOfTenMultiplierType W (the control limits: an Int16 2^40 is refused). */
const ACTIVE_POWER: TypeSpec = { attrs: [], elements: [req('multiplier', int(POWER_OF_TEN_MULTIPLIER)), req('value', int(INT16))] }

export const COMMON_TYPES: Record<string, TypeSpec> = {
  Link: { attrs: [{ name: 'href', type: str, required: true }], elements: [] },
  ListLink: { attrs: [{ name: 'all', type: int(UINT32) }, { name: 'href', type: str, required: true }], elements: [] },
  Scaled: SCALED,
  ActivePower: ACTIVE_POWER,
  DateTimeInterval: { attrs: [], elements: [req('duration', int(UINT32)), req('start', time)] },
  UnitValue: { attrs: [], elements: [req('multiplier', int(POWER_OF_TEN_MULTIPLIER)), req('unit', int(UINT8)), req('value', num)] },
  Time: {
    attrs: [HREF, POLL_RATE],
    elements: [
      req('currentTime', time),
      req('dstEndTime', time),
      req('dstOffset', int(TIME_OFFSET)),
      req('dstStartTime', time),
      el('localTime', time),
      req('quality', int(UINT8)),
      req('tzOffset', int(TIME_OFFSET)),
    ],
  },
  Registration: { attrs: [HREF, POLL_RATE], elements: [req('dateTimeRegistered', time), req('pIN', int(UINT32))] },
  DERControlResponse: {
    attrs: RESOURCE_ATTRS,
    elements: [el('createdDateTime', time), req('endDeviceLFDI', LFDI), el('status', int(UINT8)), req('subject', MRID)],
  },
}

export const scaled = (name: string): ElementSpec => el(name, complex('Scaled'))
export const activePower = (name: string): ElementSpec => el(name, complex('ActivePower'))
