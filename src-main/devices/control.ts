import { connectSupport } from '../../src-shared/der/connect-support'
import { controlSupport } from '../../src-shared/devices/der-values'
import { topLevelPointOffset } from '../../src-shared/devices/sunspec-model-encode'
import { encodePointRaw, unscale } from '../../src-shared/devices/sunspec-point-codec'
import type { DecodedModel } from '../../src-shared/devices/sunspec-model-types'
import { readModelAt } from '../modbus/sunspec/discover'
import { requireSunspecModel } from '../modbus/sunspec/model-library'
import type { ModbusTransport } from '../modbus/transport'
import { ControlNotSupportedError, NotControllableError, WriteMismatchError } from './control-errors'

/**
 * Control writes (DEV-4): active power limit via model 123 or 704, connect/disconnect via 123 or 703, storage rates via 124.
 * Every write is read back and compared; every write sets a revert timer so the device falls back on its own if this
 * app stops (handbook 5.2 / 11.4: the site must not stay limited or unlimited on a dead link).
 */
export interface ControlTarget {
  transport: ModbusTransport
  unitId: number
  /** Models from a scan (addresses and scale factors). */
  models: DecodedModel[]
}

/** Revert timer used when the caller does not give one: long enough to survive a missed control cycle. */
export const DEFAULT_CONTROL_REVERT_S = 60

export interface ControlResult {
  model: number
  /** Raw values written, in write order, all confirmed by read-back. */
  wrote: [string, number][]
  /** The model as read back after the writes. */
  readBack: DecodedModel
}

function modelOf(target: ControlTarget, id: number): DecodedModel | undefined {
  return target.models.find((m) => m.id === id)
}

function rawSf(model: DecodedModel, name: string): number {
  const v = model.root.points[name]?.raw
  return typeof v === 'number' ? v : 0
}

/** Write each point in order (enable last, so the new value is in place before it takes effect), then confirm. */
export async function writeAndConfirm(target: ControlTarget, model: DecodedModel, writes: [string, number][]): Promise<ControlResult> {
  const def = requireSunspecModel(model.id)
  for (const [name, raw] of writes) {
    const at = topLevelPointOffset(def, name)
    if (!at) throw new Error(`model ${model.id} has no point ${name}`)
    await target.transport.write({ unitId: target.unitId, address: model.address + at.offset, values: encodePointRaw(at.type, raw, at.size) })
  }
  const readBack = await readModelAt(target.transport, { unitId: target.unitId, address: model.address, length: model.length })
  if (!readBack) throw new Error(`model ${model.id} vanished on read-back`)
  for (const [name, raw] of writes) {
    const got = readBack.root.points[name]?.raw
    if (got !== raw) throw new WriteMismatchError(`${model.id}.${name}`, raw, typeof got === 'number' ? got : null)
  }
  return { model: model.id, wrote: writes, readBack }
}

export interface PowerLimitRequest {
  /** Limit as % of WMax; undefined removes the limit. */
  percent: number | undefined
  revertSeconds?: number
}

export async function setActivePowerLimit(target: ControlTarget, req: PowerLimitRequest): Promise<ControlResult> {
  const support = controlSupport(target.models)
  const revert = req.revertSeconds ?? DEFAULT_CONTROL_REVERT_S
  switch (support.kind) {
    case 'none':
      throw new NotControllableError(target.unitId, support.reason)
    case 'model123': {
      const m = modelOf(target, 123)
      if (!m) throw new NotControllableError(target.unitId, 'model 123 missing from the scan')
      if (req.percent === undefined) return writeAndConfirm(target, m, [['WMaxLim_Ena', 0]])
      const sf = rawSf(m, 'WMaxLimPct_SF')
      return writeAndConfirm(target, m, [
        ['WMaxLimPct', unscale(req.percent, sf)],
        ['WMaxLimPct_RvrtTms', revert],
        ['WMaxLim_Ena', 1],
      ])
    }
    case 'model704': {
      const m = modelOf(target, 704)
      if (!m) throw new NotControllableError(target.unitId, 'model 704 missing from the scan')
      if (req.percent === undefined) return writeAndConfirm(target, m, [['WMaxLimPctEna', 0]])
      const sf = rawSf(m, 'WMaxLimPct_SF')
      return writeAndConfirm(target, m, [
        ['WMaxLimPct', unscale(req.percent, sf)],
        ['WMaxLimPctRvrt', unscale(100, sf)],
        ['WMaxLimPctEnaRvrt', 0],
        ['WMaxLimPctRvrtTms', revert],
        ['WMaxLimPctEna', 1],
      ])
    }
  }
}

/**
 * Connect (true) or disconnect (false) the inverter (opModConnect / opModEnergize, handbook 10.6): model 123 Conn with
 * its revert timer, else model 703 ES (permit enter service, no revert timer) – src-shared/der/connect-support.ts.
 */
export async function setConnected(target: ControlTarget, connected: boolean, revertSeconds = DEFAULT_CONTROL_REVERT_S): Promise<ControlResult> {
  const support = connectSupport(target.models.map((m) => m.id))
  switch (support.kind) {
    case 'model123': {
      const m = modelOf(target, 123)
      if (!m) throw new ControlNotSupportedError(target.unitId, 'connect/disconnect', 'model 123 missing from the scan')
      return writeAndConfirm(target, m, [
        ['Conn_RvrtTms', connected ? 0 : revertSeconds],
        ['Conn', connected ? 1 : 0],
      ])
    }
    case 'model703': {
      const m = modelOf(target, 703)
      if (!m) throw new ControlNotSupportedError(target.unitId, 'connect/disconnect', 'model 703 missing from the scan')
      return writeAndConfirm(target, m, [['ES', connected ? 1 : 0]])
    }
    case 'none':
      throw new ControlNotSupportedError(target.unitId, 'connect/disconnect', support.reason)
  }
}

export interface StorageRateRequest {
  /** Maximum charge rate, % of WChaMax; undefined leaves charging unlimited. */
  chargePct?: number
  /** Maximum discharge rate, % of WDisChaMax; undefined leaves discharging unlimited. */
  dischargePct?: number
  revertSeconds?: number
}

/** Storage charge/discharge rate limits via model 124 (InWRte, OutWRte, StorCtl_Mod bits 0 charge / 1 discharge). */
export async function setStorageRates(target: ControlTarget, req: StorageRateRequest): Promise<ControlResult> {
  const m = modelOf(target, 124)
  if (!m) throw new ControlNotSupportedError(target.unitId, 'storage rate control', 'it has no SunSpec model 124')
  const sf = rawSf(m, 'InOutWRte_SF')
  const writes: [string, number][] = []
  if (req.chargePct !== undefined) writes.push(['InWRte', unscale(req.chargePct, sf)])
  if (req.dischargePct !== undefined) writes.push(['OutWRte', unscale(req.dischargePct, sf)])
  writes.push(['InOutWRte_RvrtTms', req.revertSeconds ?? DEFAULT_CONTROL_REVERT_S])
  writes.push(['StorCtl_Mod', (req.chargePct !== undefined ? 1 : 0) | (req.dischargePct !== undefined ? 2 : 0)])
  return writeAndConfirm(target, m, writes)
}
