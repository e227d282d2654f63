/**
 * DERCapability bitmaps and DER type (REQUIREMENTS TEL-1; handbook 10.3.2; IEEE 2030.5-2018 DERControlType;
 * CSIP-AUS DOEControlType).
 *
 * modesSupported is a 2030.5 DERControlType (HexBinary32). Bit positions, from the 2030.5 schema:
 *    0 charge mode                       14 opModHVRTMustTrip
 *    1 discharge mode                    15 opModLFRTMayTrip
 *    2 opModConnect                      16 opModLFRTMustTrip
 *    3 opModEnergize                     17 opModLVRTMayTrip
 *    4 opModFixedPFAbsorbW               18 opModLVRTMomentaryCessation
 *    5 opModFixedPFInjectW               19 opModLVRTMustTrip
 *    6 opModFixedVar                     20 opModMaxLimW
 *    7 opModFixedW                       21 opModTargetVar
 *    8 opModFreqDroop                    22 opModTargetW
 *    9 opModFreqWatt                     23 opModVoltVar
 *   10 opModHFRTMayTrip                  24 opModVoltWatt
 *   11 opModHFRTMustTrip                 25 opModWattPF
 *   12 opModHVRTMayTrip                  26 opModWattVar
 *   13 opModHVRTMomentaryCessation
 * Check against handbook 10.3.2: opModEnergize (3), opModFixedW (7), opModMaxLimW (20), opModTargetW (22) ->
 * 0x8 + 0x80 + 0x100000 + 0x400000 = 0x00500088 = 5243016, as printed.
 *
 * csipaus:doeModesSupported is a DOEControlType (HexBinary8): 0 opModExpLimW, 1 opModImpLimW, 2 opModGenLimW,
 * 3 opModLoadLimW; all four -> 0x0F (handbook 10.3.2). The schema allows one byte, "0F"; the handbook and Annex D
 * print "0000000F", which a strict validator rejects – `formatDoeModesSupported` offers both, schema by default.
 */
import { DER_TYPES } from './der-types'
import { bitmapOf, bitsOf, formatHexBinary } from './hex-binary'

export const DER_CONTROL_MODES = [
  'charge',
  'discharge',
  'opModConnect',
  'opModEnergize',
  'opModFixedPFAbsorbW',
  'opModFixedPFInjectW',
  'opModFixedVar',
  'opModFixedW',
  'opModFreqDroop',
  'opModFreqWatt',
  'opModHFRTMayTrip',
  'opModHFRTMustTrip',
  'opModHVRTMayTrip',
  'opModHVRTMomentaryCessation',
  'opModHVRTMustTrip',
  'opModLFRTMayTrip',
  'opModLFRTMustTrip',
  'opModLVRTMayTrip',
  'opModLVRTMomentaryCessation',
  'opModLVRTMustTrip',
  'opModMaxLimW',
  'opModTargetVar',
  'opModTargetW',
  'opModVoltVar',
  'opModVoltWatt',
  'opModWattPF',
  'opModWattVar',
] as const
export type DerControlMode = (typeof DER_CONTROL_MODES)[number]

export const DOE_MODES = ['opModExpLimW', 'opModImpLimW', 'opModGenLimW', 'opModLoadLimW'] as const
export type DoeMode = (typeof DOE_MODES)[number]

/** The DERControlType bitmap of `modes` (bit = index in DER_CONTROL_MODES). */
export function modesSupportedBitmap(modes: readonly DerControlMode[]): number {
  return bitmapOf(modes.map((m) => DER_CONTROL_MODES.indexOf(m)))
}

/** The modes a DERControlType bitmap names; bits beyond 26 (reserved) are ignored. */
export function modesFromBitmap(bitmap: number): DerControlMode[] {
  return bitsOf(bitmap).flatMap((bit) => {
    const mode = DER_CONTROL_MODES[bit]
    return mode ? [mode] : []
  })
}

/** modesSupported / modesEnabled as sent: 8 upper-case hex digits, e.g. "00500088". */
export function formatModesSupported(modes: readonly DerControlMode[]): string {
  return formatHexBinary(modesSupportedBitmap(modes), 4)
}

export function doeModesSupportedBitmap(modes: readonly DoeMode[]): number {
  return bitmapOf(modes.map((m) => DOE_MODES.indexOf(m)))
}

export function doeModesFromBitmap(bitmap: number): DoeMode[] {
  return bitsOf(bitmap).flatMap((bit) => {
    const mode = DOE_MODES[bit]
    return mode ? [mode] : []
  })
}

/** 'schema' -> "0F" (HexBinary8, the CSIP-AUS XSD); 'handbook' -> "0000000F" (handbook 10.3.2 / Annex D). */
export function formatDoeModesSupported(modes: readonly DoeMode[], style: 'schema' | 'handbook' = 'schema'): string {
  return formatHexBinary(doeModesSupportedBitmap(modes), style === 'schema' ? 1 : 4)
}

/** Handbook 10.3.2 type codes used in the site-level DERCapability. */
export const DER_TYPE = {
  unknown: 0,
  virtualOrMixed: 1,
  photovoltaic: 4,
  otherStorage: 80,
  combinedPvAndStorage: 83,
} as const

const PV_OR_STORAGE: ReadonlySet<number> = new Set([DER_TYPE.photovoltaic, DER_TYPE.otherStorage, DER_TYPE.combinedPvAndStorage])

/**
 * One `type` for the whole site (handbook 10.3.2: the posted values describe the site's controllable DER): the common
 * type when all agree; PV and storage together -> 83 combined PV and storage; any other mix -> 1 virtual or mixed.
 */
export function siteDerType(types: readonly number[]): number {
  const distinct = new Set(types)
  if (distinct.size === 0) return DER_TYPE.unknown
  const [only] = distinct
  if (distinct.size === 1 && only !== undefined) return only
  if ([...distinct].every((t) => PV_OR_STORAGE.has(t))) return DER_TYPE.combinedPvAndStorage
  return DER_TYPE.virtualOrMixed
}

export { DER_TYPES }
