import { IDENTIFIED, LIST_ATTRS, RESOURCE_ATTRS, SUBSCRIBABLE_ATTRS } from './common'
import { type ElementSpec, type TypeSpec, bool, complex, el, hex, hexText, link, listLink, many, num, req } from './spec-types'

/** UsagePointBase: IdentifiedObject + roleFlags, serviceCategoryKind, status. */
const USAGE_POINT_BASE: readonly ElementSpec[] = [
  ...IDENTIFIED,
  req('roleFlags', hex(2)),
  req('serviceCategoryKind', num),
  req('status', num),
]

const interval = (name: string, required = false): ElementSpec =>
  required ? req(name, complex('DateTimeInterval')) : el(name, complex('DateTimeInterval'))

export const METERING_TYPES: Record<string, TypeSpec> = {
  Reading: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      el('consumptionBlock', num),
      el('qualityFlags', hex(2)),
      interval('timePeriod'),
      el('touTier', num),
      el('value', num),
      el('localID', hexText),
    ],
  },
  ReadingList: { attrs: LIST_ATTRS, elements: [many('Reading', 'Reading')] },
  ReadingType: {
    attrs: RESOURCE_ATTRS,
    elements: [
      el('accumulationBehaviour', num),
      el('calorificValue', complex('UnitValue')),
      el('commodity', num),
      el('conversionFactor', complex('UnitValue')),
      el('dataQualifier', num),
      el('flowDirection', num),
      el('intervalLength', num),
      el('kind', num),
      el('maxNumberOfIntervals', num),
      el('numberOfConsumptionBlocks', num),
      el('numberOfTouTiers', num),
      el('phase', num),
      el('powerOfTenMultiplier', num),
      el('subIntervalLength', num),
      el('supplyLimit', num),
      el('tieredConsumptionBlocks', bool),
      el('uom', num),
    ],
  },
  MirrorReadingSet: { attrs: RESOURCE_ATTRS, elements: [...IDENTIFIED, interval('timePeriod', true), many('Reading', 'Reading')] },
  MirrorMeterReading: {
    attrs: RESOURCE_ATTRS,
    elements: [
      ...IDENTIFIED,
      el('lastUpdateTime', num),
      many('MirrorReadingSet', 'MirrorReadingSet'),
      el('nextUpdateTime', num),
      el('Reading', complex('Reading')),
      el('ReadingType', complex('ReadingType')),
    ],
  },
  MirrorMeterReadingList: { attrs: LIST_ATTRS, elements: [many('MirrorMeterReading', 'MirrorMeterReading')] },
  MirrorUsagePoint: {
    attrs: RESOURCE_ATTRS,
    elements: [...USAGE_POINT_BASE, req('deviceLFDI', hexText), many('MirrorMeterReading', 'MirrorMeterReading'), el('postRate', num)],
  },
  MirrorUsagePointList: { attrs: LIST_ATTRS, elements: [many('MirrorUsagePoint', 'MirrorUsagePoint')] },
  UsagePoint: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [...USAGE_POINT_BASE, el('deviceLFDI', hexText), listLink('MeterReadingListLink')],
  },
  UsagePointList: { attrs: [...LIST_ATTRS], elements: [many('UsagePoint', 'UsagePoint')] },
  MeterReading: {
    attrs: RESOURCE_ATTRS,
    elements: [
      ...IDENTIFIED,
      listLink('RateComponentListLink'),
      link('ReadingLink'),
      listLink('ReadingSetListLink'),
      el('ReadingTypeLink', complex('Link'), { schemaRequired: true }),
    ],
  },
  MeterReadingList: { attrs: LIST_ATTRS, elements: [many('MeterReading', 'MeterReading')] },
  ReadingSet: { attrs: RESOURCE_ATTRS, elements: [...IDENTIFIED, interval('timePeriod', true), listLink('ReadingListLink')] },
  ReadingSetList: { attrs: LIST_ATTRS, elements: [many('ReadingSet', 'ReadingSet')] },
}

