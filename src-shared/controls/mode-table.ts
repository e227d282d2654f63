/**
 * THE control-mode table (CTL-1, handbook 10.6, issue 16 item 2): every DERControlBase mode the client acts on, with
 * its element name, its IEEE 2030.5 / CSIP-AUS wire type, the unit the scheduler works in, how the installer's views
 * scale it, the range a utility can mean (REL-4) and the handbook default when nothing sets it. The codec mapping,
 * the scheduler, the views, the CLI and the report read this table; nothing else lists the modes.
 */
import type { ControlMode, ModeValue } from './types'

/** What the wire carries: ActivePower = value x 10^multiplier W; PerCent / SignedPerCent = hundredths of a percent. */
export type ModeWireType = 'ActivePower' | 'PerCent' | 'SignedPerCent' | 'boolean'

/** The unit of a mode's value inside the engine (scheduler, store): W, hundredths of a percent of setMaxW, or on/off. */
export type ModeUnit = 'W' | 'hundredths of % of setMaxW' | 'on/off'

export interface ControlModeSpec {
  mode: ControlMode
  /** DERControlBase element (local name). */
  element: ModeElement
  ns: 'sep' | 'csipaus'
  /** One word for lines of text ("export 1500 W"). */
  label: string
  wire: ModeWireType
  unit: ModeUnit
  /** Engine value / viewDivisor = what the installer sees (hundredths of a percent -> percent). */
  viewDivisor: number
  /** The unit the installer sees. */
  viewUnit: 'W' | '%' | ''
  /** Valid range in engine units (REL-4); booleans have none. */
  range?: { min: number; max: number }
  /** handbook 12 / CTL-3: the implied value when no event, default or fixed limit sets the mode (null = unset). */
  implied: ModeValue | null
  /** Where the handbook / standard defines it. */
  cites: string
  /** Booleans: how a line of text says on and off ("energize" / "de-energize"). */
  words?: { on: string; off: string }
}

export type ModeElement =
  | 'opModExpLimW'
  | 'opModImpLimW'
  | 'opModGenLimW'
  | 'opModLoadLimW'
  | 'opModConnect'
  | 'opModEnergize'
  | 'opModMaxLimW'
  | 'opModFixedW'
  | 'opModTargetW'

/** IEEE 2030.5 PerCent: UInt16 hundredths of a percent, 0..10000 (100 %). */
export const PER_CENT_RANGE = { min: 0, max: 10_000 } as const
/** IEEE 2030.5 SignedPerCent: Int16 hundredths of a percent, -10000..10000. */
export const SIGNED_PER_CENT_RANGE = { min: -10_000, max: 10_000 } as const
/** A limit in W is a magnitude: a negative limit has no meaning (issue 15: an export limit of -5000 W is invalid). */
const LIMIT_W_RANGE = { min: 0, max: Number.MAX_VALUE } as const
/** opModTargetW may be negative (charging), but it must be a number. */
const TARGET_W_RANGE = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE } as const

const limitW = (mode: ControlMode, element: ModeElement, label: string, cites: string): ControlModeSpec => ({
  mode,
  element,
  ns: 'csipaus',
  label,
  wire: 'ActivePower',
  unit: 'W',
  viewDivisor: 1,
  viewUnit: 'W',
  range: LIMIT_W_RANGE,
  implied: Infinity,
  cites,
})

const onOff = (mode: ControlMode, element: ModeElement, off: string, cites: string): ControlModeSpec => ({
  mode,
  element,
  ns: 'sep',
  label: mode,
  wire: 'boolean',
  unit: 'on/off',
  viewDivisor: 1,
  viewUnit: '',
  implied: true,
  cites,
  words: { on: mode, off },
})

export const CONTROL_MODE_TABLE: Readonly<Record<ControlMode, ControlModeSpec>> = {
  expLimW: limitW('expLimW', 'opModExpLimW', 'export', 'handbook 10.6.1'),
  impLimW: limitW('impLimW', 'opModImpLimW', 'import', 'handbook 10.6.2'),
  genLimW: limitW('genLimW', 'opModGenLimW', 'generation', 'handbook 10.6.4'),
  loadLimW: limitW('loadLimW', 'opModLoadLimW', 'load', 'handbook 10.6.3'),
  connect: onOff('connect', 'opModConnect', 'disconnect', 'handbook 10.6, CTL-1'),
  energize: onOff('energize', 'opModEnergize', 'de-energize', 'handbook 10.6, CTL-1'),
  maxLimW: {
    mode: 'maxLimW',
    element: 'opModMaxLimW',
    ns: 'sep',
    label: 'max',
    wire: 'PerCent',
    unit: 'hundredths of % of setMaxW',
    viewDivisor: 100,
    viewUnit: '%',
    range: PER_CENT_RANGE,
    implied: PER_CENT_RANGE.max,
    cites: 'IEEE 2030.5 DERControlBase.opModMaxLimW (PerCent), handbook FAQ',
  },
  fixedW: {
    mode: 'fixedW',
    element: 'opModFixedW',
    ns: 'sep',
    label: 'fixed',
    wire: 'SignedPerCent',
    unit: 'hundredths of % of setMaxW',
    viewDivisor: 100,
    viewUnit: '%',
    range: SIGNED_PER_CENT_RANGE,
    implied: null,
    cites: 'IEEE 2030.5 DERControlBase.opModFixedW (SignedPerCent)',
  },
  targetW: {
    mode: 'targetW',
    element: 'opModTargetW',
    ns: 'sep',
    label: 'target',
    wire: 'ActivePower',
    unit: 'W',
    viewDivisor: 1,
    viewUnit: 'W',
    range: TARGET_W_RANGE,
    implied: null,
    cites: 'IEEE 2030.5 DERControlBase.opModTargetW (ActivePower)',
  },
}

/** The modes in the order they are listed everywhere (CTL-1). */
export const MODE_SPECS: readonly ControlModeSpec[] = Object.values(CONTROL_MODE_TABLE)

/** handbook 10.7 / 11.3, AS/NZS 4777.2: setGradW when the default control gives none (0.28 %/s of capacity). */
export const DEFAULT_SET_GRAD_W = 28

/** rampTms is hundredths of a second (handbook 11.3); the views show seconds. */
export const RAMP_TMS_PER_SECOND = 100

/** An engine value as the installer sees it (percent for opModMaxLimW / opModFixedW). */
export function toViewValue(mode: ControlMode, value: number): number {
  return value / CONTROL_MODE_TABLE[mode].viewDivisor
}

/** A view value back to engine units (rounded: PerCent is an integer on the wire). */
export function fromViewValue(mode: ControlMode, value: number): number {
  const divisor = CONTROL_MODE_TABLE[mode].viewDivisor
  return divisor === 1 ? value : Math.round(value * divisor)
}
