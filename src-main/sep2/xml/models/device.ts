import type { Extensible, HexValue, IdentifiedObject, Link, ListLink, ListResource, Resource, SubscribableResource } from './common'

/** FunctionSetAssignmentsBase links. */
export interface FunctionSetAssignmentsBase {
  CustomerAccountListLink?: ListLink
  DemandResponseProgramListLink?: ListLink
  DERProgramListLink?: ListLink
  FileListLink?: ListLink
  MessagingProgramListLink?: ListLink
  PrepaymentListLink?: ListLink
  ResponseSetListLink?: ListLink
  TariffProfileListLink?: ListLink
  TimeLink?: Link
  UsagePointListLink?: ListLink
}

export interface DeviceCapability extends Resource, FunctionSetAssignmentsBase {
  pollRate?: number
  EndDeviceListLink?: ListLink
  MirrorUsagePointListLink?: ListLink
  SelfDeviceLink?: Link
}

export interface Time extends Resource {
  pollRate?: number
  /** Server time, Unix seconds. */
  currentTime: number
  dstEndTime: number
  dstOffset: number
  dstStartTime: number
  localTime?: number
  quality: number
  tzOffset: number
}

export interface EndDevice extends SubscribableResource {
  ConfigurationLink?: Link
  DERListLink?: ListLink
  deviceCategory?: HexValue
  DeviceInformationLink?: Link
  DeviceStatusLink?: Link
  FileStatusLink?: Link
  IPInterfaceListLink?: ListLink
  /** Long-form device identifier (HexBinary160 text). */
  lFDI?: string
  LoadShedAvailabilityListLink?: ListLink
  LogEventListLink?: ListLink
  PowerStatusLink?: Link
  /** Short-form device identifier, with check digit. */
  sFDI: number
  changedTime: number
  enabled?: boolean
  FlowReservationRequestListLink?: ListLink
  FlowReservationResponseListLink?: ListLink
  FunctionSetAssignmentsListLink?: ListLink
  postRate?: number
  RegistrationLink?: Link
  SubscriptionListLink?: ListLink
  /** csipaus extension. */
  ConnectionPointLink?: Link
}

export interface EndDeviceList extends ListResource {
  EndDevice?: EndDevice[]
}

export interface Registration extends Resource {
  pollRate?: number
  dateTimeRegistered: number
  pIN: number
}

export interface FunctionSetAssignments extends SubscribableResource, FunctionSetAssignmentsBase, IdentifiedObject {}

export interface FunctionSetAssignmentsList extends ListResource {
  FunctionSetAssignments?: FunctionSetAssignments[]
}

/** csipaus:ConnectionPoint (the NMI of the site). */
export interface ConnectionPoint extends Resource, Extensible {
  connectionPointId: string
}
