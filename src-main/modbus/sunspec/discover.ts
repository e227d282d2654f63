import { decodeModel } from '../../../src-shared/devices/sunspec-model-decode'
import type { DecodedModel } from '../../../src-shared/devices/sunspec-model-types'
import { AppError } from '../../errors'
import { readRange } from '../read-range'
import type { ModbusTransport } from '../transport'
import { sunspecModel } from './model-library'
import { ModbusExceptionError } from '../errors'

/** SunSpec discovery (DEV-2): find 'SunS' at 40000, 0 or 50000, then walk the model chain to the 0xFFFF end marker. */
export const SUNSPEC_BASE_ADDRESSES = [40000, 0, 50000] as const
const SUNS_MARKER = [0x5375, 0x6e53]
const END_MODEL_ID = 0xffff
/** A chain longer than this is treated as a broken map rather than walked forever. */
const MAX_MODELS = 64

export class SunSpecNotFoundError extends AppError {
  constructor(unitId: number) {
    super('SUNSPEC_NOT_FOUND', `No SunSpec map ('SunS' marker) at 40000, 0 or 50000 on unit ${unitId}`, {
      hint: 'the device may not speak SunSpec (use a meter profile), SunSpec may be disabled in its settings, or the unit id is wrong',
    })
  }
}

export class SunSpecChainError extends AppError {
  constructor(message: string) {
    super('SUNSPEC_CHAIN', message, { hint: 'the device map is malformed; try again, then contact the manufacturer' })
  }
}

export interface SkippedModel {
  id: number
  address: number
  length: number
}

export interface SunSpecDevice {
  unitId: number
  base: number
  models: DecodedModel[]
  /** Models this app has no definition for, skipped by their length. */
  skipped: SkippedModel[]
}

/** Base address of the SunSpec map, or undefined. Exceptions at one candidate just move on to the next. */
/** Modbus exceptions that say the registers are not there (illegal function, data address, data value). */
const NOT_HERE_EXCEPTIONS = new Set([1, 2, 3])

export async function findSunSpecBase(t: ModbusTransport, unitId: number): Promise<number | undefined> {
  let lastError: AppError | undefined
  for (const base of SUNSPEC_BASE_ADDRESSES) {
    try {
      const words = await t.read({ unitId, kind: 'holding', address: base, count: 2 })
      if (words[0] === SUNS_MARKER[0] && words[1] === SUNS_MARKER[1]) return base
    } catch (e) {
      // Exceptions 1-3 (illegal function / address / value) mean "no map here"; a device that is failing (4) or busy
      // (6) is reported as such, not as a device without SunSpec.
      if (e instanceof ModbusExceptionError && !NOT_HERE_EXCEPTIONS.has(e.exceptionCode)) throw e
      if (!(e instanceof AppError) || (e.code !== 'MODBUS_EXCEPTION' && e.code !== 'MODBUS_TIMEOUT')) throw e
      lastError = e
    }
  }
  if (lastError?.code === 'MODBUS_TIMEOUT') throw lastError
  return undefined
}

/** Read one model's registers (ID, L and body) at `address` and decode it when its definition is known. */
export async function readModelAt(t: ModbusTransport, opts: { unitId: number; address: number; length: number }): Promise<DecodedModel | undefined> {
  const words = await readRange(t, { unitId: opts.unitId, kind: 'holding', address: opts.address, count: opts.length + 2 })
  const def = sunspecModel(words[0] ?? 0)
  return def ? decodeModel({ def, words, address: opts.address }) : undefined
}

export interface ReadSunSpecOptions {
  unitId: number
  base?: number
  /** Called as each model header is found (for progress in the devices step). */
  onModel?: (model: { id: number; address: number; length: number; known: boolean }) => void
}

export async function readSunSpecDevice(t: ModbusTransport, opts: ReadSunSpecOptions): Promise<SunSpecDevice> {
  const base = opts.base ?? (await findSunSpecBase(t, opts.unitId))
  if (base === undefined) throw new SunSpecNotFoundError(opts.unitId)
  const device: SunSpecDevice = { unitId: opts.unitId, base, models: [], skipped: [] }
  let address = base + 2
  for (let i = 0; i <= MAX_MODELS; i++) {
    const [id = END_MODEL_ID, length = 0] = await t.read({ unitId: opts.unitId, kind: 'holding', address, count: 2 })
    if (id === END_MODEL_ID) return device
    opts.onModel?.({ id, address, length, known: sunspecModel(id) !== undefined })
    if (sunspecModel(id)) {
      const model = await readModelAt(t, { unitId: opts.unitId, address, length })
      if (model) device.models.push(model)
    } else {
      device.skipped.push({ id, address, length })
    }
    address += length + 2
    if (address > 0xffff) break
  }
  throw new SunSpecChainError(`The SunSpec model chain on unit ${opts.unitId} has no end marker (0xFFFF) within ${MAX_MODELS} models`)
}
