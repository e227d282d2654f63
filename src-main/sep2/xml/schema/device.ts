import { IDENTIFIED, LFDI, LIST_ATTRS, POLL_RATE, RESOURCE_ATTRS, SUBSCRIBABLE_ATTRS, HREF } from './common'
import { TIME_TYPE, UINT32, UINT40 } from './int-types'
import { type ElementSpec, type TypeSpec, bool, csip, el, hex, int, link, listLink, many, req, str } from './spec-types'

/** FunctionSetAssignmentsBase sequence (shared by DeviceCapability and FunctionSetAssignments). */
const FSA_BASE: readonly ElementSpec[] = [
  listLink('CustomerAccountListLink'),
  listLink('DemandResponseProgramListLink'),
  listLink('DERProgramListLink'),
  listLink('FileListLink'),
  listLink('MessagingProgramListLink'),
  listLink('PrepaymentListLink'),
  listLink('ResponseSetListLink'),
  listLink('TariffProfileListLink'),
  link('TimeLink'),
  listLink('UsagePointListLink'),
]

/** AbstractDevice sequence. */
const ABSTRACT_DEVICE: readonly ElementSpec[] = [
  link('ConfigurationLink'),
  listLink('DERListLink'),
  el('deviceCategory', hex(4)),
  link('DeviceInformationLink'),
  link('DeviceStatusLink'),
  link('FileStatusLink'),
  listLink('IPInterfaceListLink'),
  el('lFDI', LFDI),
  listLink('LoadShedAvailabilityListLink'),
  listLink('LogEventListLink'),
  link('PowerStatusLink'),
  req('sFDI', int(UINT40)),
]

export const DEVICE_TYPES: Record<string, TypeSpec> = {
  DeviceCapability: {
    attrs: [HREF, POLL_RATE],
    elements: [...FSA_BASE, listLink('EndDeviceListLink'), listLink('MirrorUsagePointListLink'), link('SelfDeviceLink')],
  },
  EndDevice: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      ...ABSTRACT_DEVICE,
      req('changedTime', int(TIME_TYPE)),
      el('enabled', bool),
      listLink('FlowReservationRequestListLink'),
      listLink('FlowReservationResponseListLink'),
      listLink('FunctionSetAssignmentsListLink'),
      el('postRate', int(UINT32)),
      link('RegistrationLink'),
      listLink('SubscriptionListLink'),
      // csipaus-core.xsd: EndDevice extension, after the 2030.5 sequence.
      csip('ConnectionPointLink', { kind: 'complex', type: 'Link' }),
    ],
  },
  EndDeviceList: { attrs: LIST_ATTRS, elements: [many('EndDevice', 'EndDevice')] },
  FunctionSetAssignments: { attrs: SUBSCRIBABLE_ATTRS, elements: [...FSA_BASE, ...IDENTIFIED] },
  FunctionSetAssignmentsList: { attrs: LIST_ATTRS, elements: [many('FunctionSetAssignments', 'FunctionSetAssignments')] },
  /** csipaus-ext.xsd ConnectionPointType: root and child are in the CSIP-AUS namespace. */
  ConnectionPoint: { attrs: RESOURCE_ATTRS, elements: [{ ...csip('connectionPointId', str), required: true }] },
}
