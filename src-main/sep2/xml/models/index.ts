import type { ConnectionPoint, DeviceCapability, EndDevice, EndDeviceList, FunctionSetAssignments, FunctionSetAssignmentsList, Registration, Time } from './device'
import type {
  DER,
  DERAvailability,
  DERCapability,
  DERControl,
  DERControlList,
  DERControlResponse,
  DERList,
  DERProgram,
  DERProgramList,
  DERSettings,
  DERStatus,
  DefaultDERControl,
} from './der'
import type {
  MeterReading,
  MeterReadingList,
  MirrorMeterReading,
  MirrorMeterReadingList,
  MirrorUsagePoint,
  MirrorUsagePointList,
  Reading,
  ReadingList,
  ReadingSet,
  ReadingSetList,
  ReadingType,
  UsagePoint,
  UsagePointList,
} from './metering'

export type * from './common'
export type * from './device'
export type * from './der'
export type * from './metering'

/** Every resource the codec reads and writes as a whole document, by root element name. */
export interface Sep2Documents {
  DeviceCapability: DeviceCapability
  Time: Time
  EndDeviceList: EndDeviceList
  EndDevice: EndDevice
  Registration: Registration
  FunctionSetAssignmentsList: FunctionSetAssignmentsList
  FunctionSetAssignments: FunctionSetAssignments
  ConnectionPoint: ConnectionPoint
  DERProgramList: DERProgramList
  DERProgram: DERProgram
  DefaultDERControl: DefaultDERControl
  DERControlList: DERControlList
  DERControl: DERControl
  DERControlResponse: DERControlResponse
  DERList: DERList
  DER: DER
  DERStatus: DERStatus
  DERCapability: DERCapability
  DERSettings: DERSettings
  DERAvailability: DERAvailability
  MirrorUsagePointList: MirrorUsagePointList
  MirrorUsagePoint: MirrorUsagePoint
  MirrorMeterReadingList: MirrorMeterReadingList
  MirrorMeterReading: MirrorMeterReading
  UsagePointList: UsagePointList
  UsagePoint: UsagePoint
  MeterReadingList: MeterReadingList
  MeterReading: MeterReading
  ReadingSetList: ReadingSetList
  ReadingSet: ReadingSet
  ReadingList: ReadingList
  Reading: Reading
  ReadingType: ReadingType
}

export type Sep2Kind = keyof Sep2Documents
