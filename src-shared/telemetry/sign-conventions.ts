/**
 * Sign conventions (REQUIREMENTS TEL-4; handbook 10.8.2 "Flow Direction").
 *
 * What the utility expects on the wire:
 * - Site readings: negative for export / generation, positive for consumption (import).
 * - DER readings: positive for generation, negative for consumption (e.g. a battery charging).
 * Reactive power follows the same rule: site var positive when the premises absorb var from the grid, DER var positive
 * when the DER delivers var.
 *
 * The app's internal convention (what the device layer puts into TelemetrySample):
 * - site W / var: IMPORT positive – power flowing from the grid into the premises at the connection point (the SunSpec
 *   meter models' convention);
 * - DER W / var: GENERATION positive – power delivered by the DER (inverter output, battery discharge).
 * So internal values pass through unchanged; the functions below exist so that sources with the opposite convention
 * (an export-positive meter, a charge-positive battery) are converted in one tested place, and so the rule is written
 * down where the posting code can cite it.
 */
import { PHASE_KEYS, type MeterSample, type PhaseValues, type Scope } from './telemetry-types'

/** How a source signs active and reactive power. */
export type SignConvention =
  /** Site meter: + = import from the grid (consumption). The internal site convention. */
  | 'site-import-positive'
  /** Site meter: + = export to the grid (generation). */
  | 'site-export-positive'
  /** DER: + = delivered by the DER (generation, battery discharge). The internal DER convention. */
  | 'der-generation-positive'
  /** DER: + = taken by the DER (consumption, battery charging). */
  | 'der-consumption-positive'

/** The internal convention of each scope (see the header). */
export const INTERNAL_CONVENTION: Record<Scope, SignConvention> = {
  site: 'site-import-positive',
  der: 'der-generation-positive',
}

/** Multiply by this to go from `convention` to the handbook 10.8.2 sign of `scope`. */
export function signFactor(convention: SignConvention, scope: Scope): 1 | -1 {
  switch (convention) {
    case 'site-import-positive':
      return scope === 'site' ? 1 : -1
    case 'site-export-positive':
      return scope === 'site' ? -1 : 1
    case 'der-generation-positive':
      return scope === 'der' ? 1 : -1
    case 'der-consumption-positive':
      return scope === 'der' ? -1 : 1
    default: {
      const unknown: never = convention
      throw new Error(`Unknown sign convention ${String(unknown)}`)
    }
  }
}

/** A W or var value from `from` in the handbook 10.8.2 sign of `scope`. Never returns -0. */
export function toReadingSign(value: number, options: { from: SignConvention; scope: Scope }): number {
  const converted = value * signFactor(options.from, options.scope)
  return converted === 0 ? 0 : converted
}

/** Site reading from an import-positive meter value (identity, written out for the posting code). */
export function siteReadingFromImportW(importW: number): number {
  return toReadingSign(importW, { from: 'site-import-positive', scope: 'site' })
}

/** Site reading from an export-positive value: 3000 W exported -> -3000. */
export function siteReadingFromExportW(exportW: number): number {
  return toReadingSign(exportW, { from: 'site-export-positive', scope: 'site' })
}

/** DER reading from a generation-positive value (identity, written out for the posting code). */
export function derReadingFromGenerationW(generationW: number): number {
  return toReadingSign(generationW, { from: 'der-generation-positive', scope: 'der' })
}

/** DER reading from a charge-positive battery value: charging at 2000 W -> -2000. */
export function derReadingFromChargeW(chargeW: number): number {
  return toReadingSign(chargeW, { from: 'der-consumption-positive', scope: 'der' })
}

/**
 * A whole MeterSample from `from` into the handbook 10.8.2 sign of `scope`: W and var flip when needed, V and Hz never.
 * Convert samples before averaging, not averages after: flipping a sign swaps maximum and minimum.
 */
export function sampleToReadingSign(sample: MeterSample, options: { from: SignConvention; scope: Scope }): MeterSample {
  const factor = signFactor(options.from, options.scope)
  if (factor === 1) return sample
  const out: MeterSample = { ...sample }
  for (const phase of PHASE_KEYS) {
    const values = sample[phase]
    if (values) out[phase] = flipPower(values)
  }
  if (sample.total) out.total = { w: negate(sample.total.w), var: negate(sample.total.var) }
  return out
}

function flipPower(values: PhaseValues): PhaseValues {
  return { ...values, w: negate(values.w), var: negate(values.var) }
}

function negate(value: number | undefined): number | undefined {
  if (value === undefined) return undefined
  return value === 0 ? 0 : -value
}
