/**
 * The documents of the Metering Mirror function set (REQUIREMENTS TEL-2, TEL-3; handbook 10.8.3, 10.8.4, Annex D
 * "Send Telemetry"): a MirrorUsagePoint per scope and a MirrorMeterReading per reading per interval.
 */
import { usagePointMrid, USAGE_POINT_ROLE_FLAGS } from '../../src-shared/identity'
import type { Result } from '../../src-shared/result'
import { readingDescription, readingType, type ReadingTypeProfile, type ReadingValue } from '../../src-shared/telemetry'
import type { Scope } from '../../src-shared/telemetry'
import { serialiseSep2, type MirrorMeterReading, type MirrorUsagePoint } from '../sep2/xml'

/** 2030.5 ServiceKind 0 = electricity; UsagePoint status 1 = on. */
const SERVICE_CATEGORY_ELECTRICITY = 0
const USAGE_POINT_STATUS_ON = 1

/** Handbook 10.8.3: the description says whether the readings are for the Site or the DER. */
const SCOPE_DESCRIPTION: Record<Scope, string> = { site: 'Site Readings', der: 'DER Readings' }

export interface UsagePointIdentity {
  lfdi: string
  pen: number
  /** Shown in the description, e.g. "QB12345678 Site Readings" (String32). */
  nmi?: string
}

export function mirrorUsagePoint(scope: Scope, identity: UsagePointIdentity): MirrorUsagePoint {
  const flags = USAGE_POINT_ROLE_FLAGS[scope]
  return {
    mRID: usagePointMrid({ lfdi: identity.lfdi, role: scope, pen: identity.pen }),
    description: identity.nmi ? `${identity.nmi} ${SCOPE_DESCRIPTION[scope]}` : SCOPE_DESCRIPTION[scope],
    // Handbook 10.8.3 prints the flags as two digits (03, 49).
    roleFlags: { value: flags, raw: flags.toString(16).padStart(2, '0') },
    serviceCategoryKind: SERVICE_CATEGORY_ELECTRICITY,
    status: USAGE_POINT_STATUS_ON,
    deviceLFDI: identity.lfdi.toUpperCase(),
  }
}

/**
 * The MirrorUsagePoint to POST. Without `first`, the handbook's two-step form (10.8.3: the usage point, then readings
 * to its Location); with it, the one-step form carrying its first MirrorMeterReading (IEEE 2030.5 allows both; the
 * reference server refuses the empty one).
 */
export function mirrorUsagePointXml(scope: Scope, identity: UsagePointIdentity, first?: MirrorMeterReading): Result<string> {
  const doc = mirrorUsagePoint(scope, identity)
  if (first) doc.MirrorMeterReading = [first]
  return serialiseSep2('MirrorUsagePoint', doc)
}

/**
 * One reading of one interval. lastUpdateTime is the interval's time tag (its end, handbook 10.8.1), nextUpdateTime
 * the next tick; the Reading carries its timePeriod so a reading sent late from the buffer still says when it was.
 */
export function mirrorMeterReading(reading: ReadingValue, options: { mRID: string; profile?: ReadingTypeProfile }): MirrorMeterReading {
  const start = reading.timeTagS - reading.durationS
  return {
    mRID: options.mRID,
    description: readingDescription(reading.key),
    lastUpdateTime: reading.timeTagS,
    nextUpdateTime: reading.timeTagS + reading.durationS,
    version: 0,
    Reading: {
      qualityFlags: { value: reading.qualityFlags },
      timePeriod: { start, duration: reading.durationS },
      value: reading.value.value,
    },
    ReadingType: readingType(reading.key, {
      powerOfTenMultiplier: reading.value.multiplier,
      intervalLengthS: reading.durationS,
      ...(options.profile ? { profile: options.profile } : {}),
    }),
  }
}

export function mirrorMeterReadingXml(reading: ReadingValue, options: { mRID: string; profile?: ReadingTypeProfile }): Result<string> {
  return serialiseSep2('MirrorMeterReading', mirrorMeterReading(reading, options))
}
