import { type AttrSpec, type ElementSpec, type TypeSpec, complex, el, hex, hexText, num, req, str } from './spec-types'

// Attribute groups of the 2030.5 base types (Resource, SubscribableResource, List, SubscribableList...).
export const HREF: AttrSpec = { name: 'href', type: str }
export const SUBSCRIBABLE: AttrSpec = { name: 'subscribable', type: num }
export const POLL_RATE: AttrSpec = { name: 'pollRate', type: num }
export const RESOURCE_ATTRS: readonly AttrSpec[] = [HREF]
export const SUBSCRIBABLE_ATTRS: readonly AttrSpec[] = [HREF, SUBSCRIBABLE]
/** List/SubscribableList (+ pollRate, which most 2030.5 function-set lists carry). */
export const LIST_ATTRS: readonly AttrSpec[] = [
  { name: 'all', type: num },
  HREF,
  { name: 'results', type: num },
  SUBSCRIBABLE,
  POLL_RATE,
]
/** RespondableResource: replyTo + responseRequired (HexBinary8). */
export const RESPONDABLE_ATTRS: readonly AttrSpec[] = [
  { name: 'replyTo', type: str },
  { name: 'responseRequired', type: hex(1) },
]

/** IdentifiedObject: mRID, description, version. */
export const IDENTIFIED: readonly ElementSpec[] = [req('mRID', hexText), el('description', str), el('version', num)]

/** A value with a power-of-ten multiplier (ActivePower, ReactivePower, ApparentPower, VoltageRMS, CurrentRMS, WattHour...). */
const SCALED: TypeSpec = { attrs: [], elements: [req('multiplier', num), req('value', num)] }

export const COMMON_TYPES: Record<string, TypeSpec> = {
  Link: { attrs: [{ name: 'href', type: str, required: true }], elements: [] },
  ListLink: { attrs: [{ name: 'all', type: num }, { name: 'href', type: str, required: true }], elements: [] },
  Scaled: SCALED,
  DateTimeInterval: { attrs: [], elements: [req('duration', num), req('start', num)] },
  UnitValue: { attrs: [], elements: [req('multiplier', num), req('unit', num), req('value', num)] },
  Time: {
    attrs: [HREF, POLL_RATE],
    elements: [
      req('currentTime', num),
      req('dstEndTime', num),
      req('dstOffset', num),
      req('dstStartTime', num),
      el('localTime', num),
      req('quality', num),
      req('tzOffset', num),
    ],
  },
  Registration: { attrs: [HREF, POLL_RATE], elements: [req('dateTimeRegistered', num), req('pIN', num)] },
  DERControlResponse: {
    attrs: RESOURCE_ATTRS,
    elements: [el('createdDateTime', num), req('endDeviceLFDI', hexText), el('status', num), req('subject', hexText)],
  },
}

export const scaled = (name: string): ElementSpec => el(name, complex('Scaled'))
