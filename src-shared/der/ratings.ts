/**
 * Site-level DERCapability ratings and DERSettings (REQUIREMENTS TEL-1; handbook 10.3.2, 10.3.3: "for multiple DER on
 * a single site, the posted values should be a summation of total controllable capacities for the site").
 *
 * Values go out as the 2030.5 power types: ActivePower / ReactivePower are an Int16 value with a power-of-ten
 * multiplier, ApparentPower and WattHour a UInt16 value; every value here is scaled into the Int16 range, which is
 * valid for both (Annex D's "52.5 x 10^3" is not an integer and would fail the schema; we send 5250 x 10^1).
 */
import { DEFAULT_SET_GRAD_W } from '../controls/mode-table'
import { fail, ok, type AppErrorShape, type Result } from '../result'
import { scaleToInt16, type ScaledValue } from '../telemetry/int16-scaling'
import { siteDerType } from './capability'

/** One line of the site's DER inventory (the Site step's list, or discovered nameplates). */
export interface DerInventoryEntry {
  /** Handbook 10.3.2 type code. */
  type: number
  /** Identical units on this line. Default 1. */
  count?: number
  rtgMaxW: number
  /** Default: rtgMaxW (apparent power is never below active power). */
  rtgMaxVA?: number
  rtgMaxVar?: number
  /** Negative; default: -rtgMaxVar (2030.5). */
  rtgMaxVarNeg?: number
  rtgMaxWh?: number
  /** Defaults to the rating (handbook 10.3.3). */
  setMaxW?: number
  setMaxVA?: number
  setMaxVar?: number
  setMaxVarNeg?: number
  /** Hundredths of a percent of setMaxW per second (2030.5 setGradW, UInt16). */
  setGradW?: number
}

export interface SiteCapability {
  type: number
  rtgMaxW: ScaledValue
  rtgMaxVA: ScaledValue
  rtgMaxVar?: ScaledValue
  rtgMaxVarNeg?: ScaledValue
  rtgMaxWh?: ScaledValue
}

export interface SiteSettings {
  setMaxW: ScaledValue
  setMaxVA: ScaledValue
  setMaxVar?: ScaledValue
  setMaxVarNeg?: ScaledValue
  /**
   * Required by the 2030.5 DERSettings schema. Not a sum: the setMaxW-weighted mean, so the site ramps by the same
   * W/s as its devices together; DEFAULT_SET_GRAD_W when no device states one.
   */
  setGradW: number
}


/** The sums in watts etc. before scaling, for display. */
export interface SiteTotals {
  rtgMaxW: number
  rtgMaxVA: number
  rtgMaxVar?: number
  rtgMaxVarNeg?: number
  rtgMaxWh?: number
  setMaxW: number
  setMaxVA: number
  setMaxVar?: number
  setMaxVarNeg?: number
  setGradW?: number
}

export function siteTotals(inventory: readonly DerInventoryEntry[]): SiteTotals {
  const total = (pick: (e: DerInventoryEntry) => number | undefined): number | undefined => sumOf(inventory, pick)
  const varNeg = (e: DerInventoryEntry): number | undefined => e.rtgMaxVarNeg ?? negated(e.rtgMaxVar)
  const totals: SiteTotals = {
    rtgMaxW: total((e) => e.rtgMaxW) ?? 0,
    rtgMaxVA: total((e) => e.rtgMaxVA ?? e.rtgMaxW) ?? 0,
    rtgMaxVar: total((e) => e.rtgMaxVar),
    rtgMaxVarNeg: total(varNeg),
    rtgMaxWh: total((e) => e.rtgMaxWh),
    setMaxW: total((e) => e.setMaxW ?? e.rtgMaxW) ?? 0,
    setMaxVA: total((e) => e.setMaxVA ?? e.rtgMaxVA ?? e.rtgMaxW) ?? 0,
    setMaxVar: total((e) => e.setMaxVar ?? e.rtgMaxVar),
    setMaxVarNeg: total((e) => e.setMaxVarNeg ?? negated(e.setMaxVar) ?? varNeg(e)),
    setGradW: weightedGradW(inventory),
  }
  return dropUndefined(totals)
}

export function siteCapability(inventory: readonly DerInventoryEntry[]): Result<SiteCapability> {
  const t = siteTotals(inventory)
  return scaleAll({
    type: siteDerType(inventory.map((e) => e.type)),
    rtgMaxW: t.rtgMaxW,
    rtgMaxVA: t.rtgMaxVA,
    rtgMaxVar: t.rtgMaxVar,
    rtgMaxVarNeg: t.rtgMaxVarNeg,
    rtgMaxWh: t.rtgMaxWh,
  })
}

export function siteSettings(
  inventory: readonly DerInventoryEntry[],
  options: { defaultSetGradW?: number; inForceSetGradW?: number } = {},
): Result<SiteSettings> {
  const t = siteTotals(inventory)
  const scaled = scaleAll({ setMaxW: t.setMaxW, setMaxVA: t.setMaxVA, setMaxVar: t.setMaxVar, setMaxVarNeg: t.setMaxVarNeg })
  if (!scaled.ok) return scaled
  // handbook 11.3, cactus ALL-13: where the site's ramps follow a setGradW (the DefaultDERControl's, or 28), DERSettings
  // reports that value in force, not the devices' own.
  return ok({ ...scaled.value, setGradW: options.inForceSetGradW ?? t.setGradW ?? options.defaultSetGradW ?? DEFAULT_SET_GRAD_W })
}

/** The Site step's DER list (ratedW, ratedVA, storageWh, count) as inventory entries. */
export function inventoryFromSiteDer(
  items: readonly { type: number; ratedW: number; ratedVA: number; storageWh?: number; count: number }[],
): DerInventoryEntry[] {
  return items.map((item) => ({
    type: item.type,
    count: item.count,
    rtgMaxW: item.ratedW,
    rtgMaxVA: item.ratedVA,
    ...(item.storageWh !== undefined ? { rtgMaxWh: item.storageWh } : {}),
  }))
}

type Scaled<T> = { [K in keyof T]: K extends 'type' ? number : ScaledValue }

/** Scales every numeric member except `type`; undefined members are left out. */
function scaleAll<T extends Record<string, number | undefined>>(values: T): Result<Scaled<T>> {
  const out: Record<string, number | ScaledValue> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue
    if (name === 'type') {
      out[name] = value
      continue
    }
    const scaled = scaleToInt16(value)
    if (!scaled.ok) return fail('DER_RATING_RANGE', ratingMessage(name, scaled.error))
    out[name] = scaled.value
  }
  return ok(out as Scaled<T>)
}

function ratingMessage(name: string, error: AppErrorShape): string {
  return `The site's ${name} cannot be sent: ${error.message}`
}

function sumOf(inventory: readonly DerInventoryEntry[], pick: (e: DerInventoryEntry) => number | undefined): number | undefined {
  let total: number | undefined
  for (const entry of inventory) {
    const value = pick(entry)
    if (value === undefined || !Number.isFinite(value)) continue
    total = (total ?? 0) + value * (entry.count ?? 1)
  }
  return total
}

function weightedGradW(inventory: readonly DerInventoryEntry[]): number | undefined {
  const withGrad = inventory.filter((e) => e.setGradW !== undefined && Number.isFinite(e.setGradW))
  if (withGrad.length === 0) return undefined
  const weight = (e: DerInventoryEntry): number => (e.setMaxW ?? e.rtgMaxW) * (e.count ?? 1)
  const totalWeight = withGrad.reduce((acc, e) => acc + weight(e), 0)
  if (totalWeight <= 0) return withGrad[0]?.setGradW
  return Math.round(withGrad.reduce((acc, e) => acc + (e.setGradW ?? 0) * weight(e), 0) / totalWeight)
}

function negated(value: number | undefined): number | undefined {
  return value === undefined ? undefined : -value
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
