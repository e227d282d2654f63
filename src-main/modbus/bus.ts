import type ModbusRTU from 'modbus-serial'
import type { Clock } from '../../src-shared/clock'
import type { AppError } from '../errors'
import { classifyModbusError, isBusDown, isRetryable } from './classify-error'
import { ModbusAbortedError, ModbusConnectionError } from './errors'
import { Mutex } from './mutex'
import {
  DEFAULT_MODBUS_RETRIES,
  DEFAULT_MODBUS_TIMEOUT_MS,
  RECONNECT_FIRST_DELAY_MS,
  RECONNECT_MAX_DELAY_MS,
  type BusState,
  type ModbusTransport,
  type ReadRequest,
  type WriteRequest,
} from './transport'

/**
 * The part of a Modbus transport common to TCP and RTU: one mutex per bus, per-request timeout, retries, and
 * reconnection with exponential backoff (measured on the injected clock) after the device or adapter goes away.
 */
export type Client = ModbusRTU

export interface BusOptions {
  kind: 'tcp' | 'rtu'
  description: string
  target: string
  clock: Clock
  /** Create and connect a fresh client. */
  open: () => Promise<Client>
  timeoutMs?: number
  retries?: number
}

export function createBus(options: BusOptions): ModbusTransport {
  const mutex = new Mutex()
  const timeoutMs = options.timeoutMs ?? DEFAULT_MODBUS_TIMEOUT_MS
  const retries = options.retries ?? DEFAULT_MODBUS_RETRIES
  let client: Client | undefined
  let state: BusState = { status: 'idle' }
  let attempt = 0
  let nextAttemptAt = 0
  let lastError: AppError | undefined

  const context = (what: string) => ({ what, target: options.target, kind: options.kind, timeoutMs })

  function markDown(error: AppError): void {
    attempt++
    const delay = Math.min(RECONNECT_FIRST_DELAY_MS * 2 ** (attempt - 1), RECONNECT_MAX_DELAY_MS)
    nextAttemptAt = options.clock.monotonic() + delay
    lastError = error
    state = { status: 'reconnecting', attempt, retryInMs: delay, lastError: error.describe() }
    const old = client
    client = undefined
    old?.close(() => undefined)
  }

  async function ensureOpen(): Promise<Client> {
    if (state.status === 'closed') throw classifyModbusError(new Error('the bus has been closed'), context('request'))
    if (client?.isOpen) return client
    if (lastError && options.clock.monotonic() < nextAttemptAt) throw lastError
    try {
      const fresh = await options.open()
      // A port that fails later (adapter unplugged: EIO on write) reports it as an 'error' event; without a listener
      // Node would throw it out of the process. Mark the bus down instead, so the next request reconnects (DEV-1).
      fresh.on('error', (e: unknown) => {
        if (client === fresh) markDown(classifyModbusError(e, context(`the connection to ${options.target}`)))
      })
      fresh.setTimeout(timeoutMs)
      client = fresh
      attempt = 0
      lastError = undefined
      state = { status: 'connected' }
      return fresh
    } catch (e) {
      const error = classifyModbusError(e, context(`opening ${options.target}`))
      markDown(error)
      throw error
    }
  }

  async function request<T>(what: string, req: { unitId: number; signal?: AbortSignal }, op: (c: Client) => Promise<T>): Promise<T> {
    return mutex.run(async () => {
      for (let i = 0; ; i++) {
        if (req.signal?.aborted) throw new ModbusAbortedError(what)
        const c = await ensureOpen()
        const unitId = req.unitId
        c.setID(unitId)
        try {
          return await op(c)
        } catch (e) {
          // a socket closed mid-request surfaces as a timeout; the closed client says what really happened
          const error = c.isOpen ? classifyModbusError(e, context(what)) : new ModbusConnectionError(options.target, new Error('the connection was closed by the device'))
          if (isBusDown(error)) markDown(error)
          if (!isRetryable(error) || i >= retries) throw error
        }
      }
    })
  }

  return {
    kind: options.kind,
    description: options.description,
    read(req: ReadRequest) {
      const what = `read of ${req.count} ${req.kind} registers at ${req.address} (unit ${req.unitId})`
      return request(what, req, async (c) => {
        const res = req.kind === 'holding' ? await c.readHoldingRegisters(req.address, req.count) : await c.readInputRegisters(req.address, req.count)
        return res.data
      })
    },
    write(req: WriteRequest) {
      const what = `write of ${req.values.length} registers at ${req.address} (unit ${req.unitId})`
      return request(what, req, async (c) => {
        const [single] = req.values
        if (req.values.length === 1 && single !== undefined) await c.writeRegister(req.address, single)
        else await c.writeRegisters(req.address, req.values)
      })
    },
    state: () => state,
    queued: () => mutex.queued,
    close() {
      return mutex.run(
        () =>
          new Promise<void>((resolve) => {
            state = { status: 'closed' }
            const c = client
            client = undefined
            if (!c?.isOpen) return resolve()
            c.close(() => resolve())
          }),
      )
    },
  }
}
