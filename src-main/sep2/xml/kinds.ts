import type { Sep2Kind } from './models'
import { CSIPAUS_NS, SEP_NS } from './namespaces'

/** Root element namespace per kind: all 2030.5 except csipaus:ConnectionPoint. */
const ROOT_NS: Record<Sep2Kind, 'sep' | 'csipaus'> = {
  DeviceCapability: 'sep',
  Time: 'sep',
  EndDeviceList: 'sep',
  EndDevice: 'sep',
  Registration: 'sep',
  FunctionSetAssignmentsList: 'sep',
  FunctionSetAssignments: 'sep',
  ConnectionPoint: 'csipaus',
  DERProgramList: 'sep',
  DERProgram: 'sep',
  DefaultDERControl: 'sep',
  DERControlList: 'sep',
  DERControl: 'sep',
  DERControlResponse: 'sep',
  DERList: 'sep',
  DER: 'sep',
  DERStatus: 'sep',
  DERCapability: 'sep',
  DERSettings: 'sep',
  DERAvailability: 'sep',
  MirrorUsagePointList: 'sep',
  MirrorUsagePoint: 'sep',
  MirrorMeterReadingList: 'sep',
  MirrorMeterReading: 'sep',
  UsagePointList: 'sep',
  UsagePoint: 'sep',
  MeterReadingList: 'sep',
  MeterReading: 'sep',
  ReadingSetList: 'sep',
  ReadingSet: 'sep',
  ReadingList: 'sep',
  Reading: 'sep',
  ReadingType: 'sep',
}

export const SEP2_KINDS = Object.keys(ROOT_NS) as Sep2Kind[]

export function rootNamespace(kind: Sep2Kind): 'sep' | 'csipaus' {
  return ROOT_NS[kind]
}

export function rootNamespaceUri(kind: Sep2Kind): string {
  return ROOT_NS[kind] === 'sep' ? SEP_NS : CSIPAUS_NS
}

export function isSep2Kind(name: string): name is Sep2Kind {
  return Object.hasOwn(ROOT_NS, name)
}
