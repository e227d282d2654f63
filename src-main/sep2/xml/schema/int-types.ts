/**
 * The IEEE 2030.5-2018 simple integer types (sep.xsd UInt8..UInt64, Int8..Int64 and the restricted types built on
 * them) as data, so the decoder checks every integer against its width and meaning (REL-4, issue 15 item 4).
 */
import type { IntType } from './spec-types'

const unsigned = (bits: number): IntType => ({ name: `UInt${bits}`, min: 0n, max: 2n ** BigInt(bits) - 1n })
const signed = (bits: number): IntType => ({ name: `Int${bits}`, min: -(2n ** BigInt(bits - 1)), max: 2n ** BigInt(bits - 1) - 1n })

export const UINT8 = unsigned(8)
export const UINT16 = unsigned(16)
export const UINT32 = unsigned(32)
/** SFDIType. */
export const UINT40 = unsigned(40)
export const UINT48 = unsigned(48)
export const UINT64 = unsigned(64)
export const INT8 = signed(8)
export const INT16 = signed(16)
export const INT32 = signed(32)
export const INT48 = signed(48)
export const INT64 = signed(64)

/** PowerOfTenMultiplierType: Int8 restricted to -9..9. */
export const POWER_OF_TEN_MULTIPLIER: IntType = { name: 'PowerOfTenMultiplierType', min: -9n, max: 9n }
/** PerCent: UInt16 hundredths of a percent, at most 10000 (100 %). */
export const PER_CENT: IntType = { name: 'PerCent', min: 0n, max: 10_000n }
/** SignedPerCent: Int16 hundredths of a percent, -10000..10000. */
export const SIGNED_PER_CENT: IntType = { name: 'SignedPerCent', min: -10_000n, max: 10_000n }
/** OneHourRangeType (randomizeStart / randomizeDuration): Int16, -3600..3600 s. */
export const ONE_HOUR_RANGE: IntType = { name: 'OneHourRangeType', min: -3600n, max: 3600n }
/**
 * TimeType is an Int64 of seconds since 1970, but a time this client cannot hold as a date (beyond +-8.64e12 s, the
 * ECMAScript Date range) cannot be scheduled or shown: refused here rather than failing later ("Invalid time value").
 */
export const TIME_TYPE: IntType = { name: 'TimeType (seconds within the representable date range)', min: -8_640_000_000_000n, max: 8_640_000_000_000n }
/** TimeOffsetType (tzOffset, dstOffset): Int32 seconds. */
export const TIME_OFFSET = INT32
