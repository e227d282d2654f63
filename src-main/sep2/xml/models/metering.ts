import type { DateTimeInterval, HexValue, IdentifiedObject, Link, ListLink, ListResource, Resource, SubscribableResource, UnitValue } from './common'

export interface Reading extends SubscribableResource {
  consumptionBlock?: number
  /** HexBinary16 bitmap (handbook 10.8.4: 0001 valid). */
  qualityFlags?: HexValue
  timePeriod?: DateTimeInterval
  touTier?: number
  value?: number
  localID?: string
}

export interface ReadingList extends ListResource {
  Reading?: Reading[]
}

export interface ReadingType extends Resource {
  accumulationBehaviour?: number
  calorificValue?: UnitValue
  commodity?: number
  conversionFactor?: UnitValue
  dataQualifier?: number
  flowDirection?: number
  intervalLength?: number
  kind?: number
  maxNumberOfIntervals?: number
  numberOfConsumptionBlocks?: number
  numberOfTouTiers?: number
  phase?: number
  powerOfTenMultiplier?: number
  subIntervalLength?: number
  supplyLimit?: number
  tieredConsumptionBlocks?: boolean
  uom?: number
}

export interface MirrorReadingSet extends Resource, IdentifiedObject {
  timePeriod: DateTimeInterval
  Reading?: Reading[]
}

export interface MirrorMeterReading extends Resource, IdentifiedObject {
  lastUpdateTime?: number
  MirrorReadingSet?: MirrorReadingSet[]
  nextUpdateTime?: number
  Reading?: Reading
  ReadingType?: ReadingType
}

export interface MirrorMeterReadingList extends ListResource {
  MirrorMeterReading?: MirrorMeterReading[]
}

export interface UsagePointBase extends IdentifiedObject {
  /** HexBinary16 bitmap; handbook 10.8.3: 03 site, 49 DER. */
  roleFlags: HexValue
  serviceCategoryKind: number
  status: number
}

export interface MirrorUsagePoint extends Resource, UsagePointBase {
  deviceLFDI: string
  MirrorMeterReading?: MirrorMeterReading[]
  postRate?: number
}

export interface MirrorUsagePointList extends ListResource {
  MirrorUsagePoint?: MirrorUsagePoint[]
}

export interface UsagePoint extends SubscribableResource, UsagePointBase {
  deviceLFDI?: string
  MeterReadingListLink?: ListLink
}

export interface UsagePointList extends ListResource {
  UsagePoint?: UsagePoint[]
}

export interface MeterReading extends Resource, IdentifiedObject {
  RateComponentListLink?: ListLink
  ReadingLink?: Link
  ReadingSetListLink?: ListLink
  ReadingTypeLink?: Link
}

export interface MeterReadingList extends ListResource {
  MeterReading?: MeterReading[]
}

export interface ReadingSet extends Resource, IdentifiedObject {
  timePeriod: DateTimeInterval
  ReadingListLink?: ListLink
}

export interface ReadingSetList extends ListResource {
  ReadingSet?: ReadingSet[]
}
