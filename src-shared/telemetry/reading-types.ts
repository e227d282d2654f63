/**
 * ReadingType descriptors and MirrorMeterReading descriptions for every reading the app posts (REQUIREMENTS TEL-3;
 * handbook 10.8 table 4, 10.8.4 example, Annex D "Send Telemetry"; IEEE 2030.5-2018 ReadingType).
 *
 * Enumerations (IEEE 2030.5): commodity 1 = electricity secondary metered; KindType 0 not applicable, 37 power;
 * DataQualifierType 2 average, 8 maximum, 9 minimum; FlowDirectionType 0 not applicable, 1 forward (delivered to the
 * customer), 19 reverse (received from the customer); PhaseCode 128 A, 64 B, 32 C, 0 not applicable (totals, Hz);
 * UomType 38 W, 63 var, 29 V, 33 Hz.
 *
 * Two profiles, because the handbook's examples and the 2030.5 enumerations disagree in two places:
 * - 'handbook' (default): every field exactly as the handbook's 10.8.4 and Annex D readings, which the Energex / Ergon
 *   server accepted: flowDirection 19 on every reading, site and DER; voltage with kind 9. The direction of power is
 *   carried by the sign of the value (10.8.2), not by this label. Frequency has no handbook example: kind 0, flow 0.
 * - 'ieee-2030.5': only defined 2030.5 values: voltage and frequency get kind 0 (KindType has no voltage, 9 is
 *   reserved) and flowDirection 0; W and var get the flow that names their positive direction: site 1 (forward:
 *   positive = delivered to the customer = consumption), DER 19 (reverse: positive = delivered by the DER).
 * Phase codes are 128/64/32 in both (the handbook uses 128 for voltage too, not 129 "AN").
 */
import { formatPen } from '../identity/pen'
import { fail, ok, type Result } from '../result'
import { DEFAULT_POST_RATE_S } from './rtc-intervals'
import type { ChannelPhase, PhaseKey, Quantity, Scope } from './telemetry-types'

export type ReadingTypeProfile = 'handbook' | 'ieee-2030.5'
export type Qualifier = 'average' | 'maximum' | 'minimum'

export const COMMODITY_ELECTRICITY_SECONDARY_METERED = 1
export const KIND = { notApplicable: 0, power: 37, handbookVoltage: 9 } as const
export const DATA_QUALIFIER: Record<Qualifier, number> = { average: 2, maximum: 8, minimum: 9 }
export const FLOW_DIRECTION = { notApplicable: 0, forward: 1, reverse: 19 } as const
export const PHASE_CODE: Record<ChannelPhase, number> = { a: 128, b: 64, c: 32, total: 0 }
export const UOM: Record<Quantity, number> = { w: 38, var: 63, v: 29, hz: 33 }

/** What one MirrorMeterReading carries: e.g. site, phase A, W, average. */
export interface ReadingKey {
  scope: Scope
  phase: ChannelPhase
  quantity: Quantity
  qualifier: Qualifier
}

/** The ReadingType fields, listed in the 2030.5 schema's element order (the XML codec owns the serialised order). */
export interface ReadingTypeFields {
  commodity: number
  dataQualifier: number
  flowDirection: number
  intervalLength: number
  kind: number
  phase: number
  powerOfTenMultiplier: number
  uom: number
}

export interface ReadingTypeOptions {
  powerOfTenMultiplier: number
  /** Seconds; the post rate. Default 300 (handbook 10.8.4). */
  intervalLengthS?: number
  profile?: ReadingTypeProfile
}

export function readingType(key: ReadingKey, options: ReadingTypeOptions): ReadingTypeFields {
  const profile = options.profile ?? 'handbook'
  return {
    commodity: COMMODITY_ELECTRICITY_SECONDARY_METERED,
    dataQualifier: DATA_QUALIFIER[key.qualifier],
    flowDirection: flowDirectionOf(key, profile),
    intervalLength: options.intervalLengthS ?? DEFAULT_POST_RATE_S,
    kind: kindOf(key.quantity, profile),
    phase: PHASE_CODE[key.phase],
    powerOfTenMultiplier: options.powerOfTenMultiplier,
    uom: UOM[key.quantity],
  }
}

function kindOf(quantity: Quantity, profile: ReadingTypeProfile): number {
  switch (quantity) {
    case 'w':
    case 'var':
      return KIND.power
    case 'v':
      return profile === 'handbook' ? KIND.handbookVoltage : KIND.notApplicable
    case 'hz':
      return KIND.notApplicable
  }
}

function flowDirectionOf(key: ReadingKey, profile: ReadingTypeProfile): number {
  if (key.quantity === 'hz') return FLOW_DIRECTION.notApplicable
  if (profile === 'handbook') return FLOW_DIRECTION.reverse
  if (key.quantity === 'v') return FLOW_DIRECTION.notApplicable
  return key.scope === 'site' ? FLOW_DIRECTION.forward : FLOW_DIRECTION.reverse
}

/** 2030.5 IdentifiedObject.description is a String32. */
export const DESCRIPTION_MAX_LENGTH = 32
const QUALIFIER_LABEL: Record<Qualifier, string> = { average: 'Avg', maximum: 'Max', minimum: 'Min' }
const QUANTITY_LABEL: Record<Quantity, string> = { w: 'W', var: 'var', v: 'V', hz: 'Hz' }
const PHASE_LABEL: Record<ChannelPhase, string> = { a: 'Phase A', b: 'Phase B', c: 'Phase C', total: 'Total' }
const SCOPE_LABEL: Record<Scope, string> = { site: 'Site', der: 'DER' }

/**
 * The MirrorMeterReading description, e.g. "Avg W Reading - Phase A (Site)". The handbook's 10.8.4 wording
 * ("Average W Reading - Phase A (Site)", 34 characters) does not fit String32, so the qualifier is abbreviated; the
 * scope stays, as 10.8.3 asks descriptions to say Site or Device.
 */
export function readingDescription(key: ReadingKey): string {
  const head = `${QUALIFIER_LABEL[key.qualifier]} ${QUANTITY_LABEL[key.quantity]} Reading`
  const phase = key.quantity === 'hz' ? '' : ` - ${PHASE_LABEL[key.phase]}`
  return `${head}${phase} (${SCOPE_LABEL[key.scope]})`
}

export interface ReadingPlanOptions {
  scope: Scope
  /** The phases the meter (or the DER aggregate) reports: ['a'] for a single-phase site. */
  phases: readonly PhaseKey[]
  /** Table 4: site voltage is mandatory where available; DER voltage optional (at least one of the two). */
  voltage: boolean
  /** Table 4: frequency maximum and minimum, optional. */
  frequency: boolean
  /** Also post the phase-0 net W and var (not in table 4's minimum). Default false. */
  totals?: boolean
}

/** The readings to post for one scope, per handbook 10.8 table 4, in a stable order. */
export function readingPlan(options: ReadingPlanOptions): ReadingKey[] {
  const { scope } = options
  const phases: ChannelPhase[] = [...options.phases]
  const powerPhases: ChannelPhase[] = options.totals ? [...phases, 'total'] : phases
  const keys: ReadingKey[] = []
  for (const quantity of ['w', 'var'] as const) {
    for (const phase of powerPhases) keys.push({ scope, phase, quantity, qualifier: 'average' })
  }
  if (options.voltage) for (const phase of phases) keys.push({ scope, phase, quantity: 'v', qualifier: 'average' })
  if (options.frequency) {
    keys.push({ scope, phase: 'total', quantity: 'hz', qualifier: 'maximum' })
    keys.push({ scope, phase: 'total', quantity: 'hz', qualifier: 'minimum' })
  }
  return keys
}

/** A stable identifier of a ReadingKey, e.g. "site.a.w.average", for storing its mRID and multiplier. */
export function readingKeyId(key: ReadingKey): string {
  return `${key.scope}.${key.phase}.${key.quantity}.${key.qualifier}`
}

const RANDOM_HEX_DIGITS = 24

/**
 * A MirrorMeterReading mRID (handbook 10.8.4: unique for the EndDevice; FAQ: upper-case hex, 32 characters, with the
 * PEN): 24 random hex digits drawn by the caller + the PEN as 8 digits. Create it once per ReadingKey and keep it:
 * the same mRID is posted every interval so the server files readings under one MeterReading.
 */
export function readingMrid(options: { randomHex: string; pen: number }): Result<string> {
  if (!new RegExp(`^[0-9A-Fa-f]{${RANDOM_HEX_DIGITS}}$`).test(options.randomHex)) {
    return fail('TELEMETRY_MRID', `A reading mRID needs ${RANDOM_HEX_DIGITS} random hex digits; got "${options.randomHex}".`)
  }
  try {
    return ok(`${options.randomHex.toUpperCase()}${formatPen(options.pen)}`)
  } catch (error) {
    return fail('TELEMETRY_MRID', error instanceof Error ? error.message : String(error))
  }
}
