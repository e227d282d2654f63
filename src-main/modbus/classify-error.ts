import { AppError } from '../errors'
import { ModbusConnectionError, ModbusCrcError, ModbusExceptionError, ModbusTimeoutError, PortBusyError, PortNotFoundError, PortPermissionError } from './errors'

/** Turn whatever modbus-serial / serialport threw into one of our error classes. */
export interface ErrorContext {
  /** What was being done, e.g. `read of 2 holding registers at 40000 (unit 1)`. */
  what: string
  /** The bus, e.g. `127.0.0.1:502` or `/dev/ttyUSB0`. */
  target: string
  kind: 'tcp' | 'rtu'
  timeoutMs: number
}

function field(e: unknown, name: string): unknown {
  return typeof e === 'object' && e !== null && name in e ? (e as Record<string, unknown>)[name] : undefined
}

export function classifyModbusError(e: unknown, ctx: ErrorContext): AppError {
  if (e instanceof AppError) return e
  const code = field(e, 'modbusCode')
  if (typeof code === 'number') return new ModbusExceptionError(ctx.what, code)
  const message = String(field(e, 'message') ?? e)
  const errno = String(field(e, 'errno') ?? field(e, 'code') ?? '')
  if (errno === 'ETIMEDOUT' || /timed out/i.test(message)) return new ModbusTimeoutError(ctx.what, ctx.timeoutMs)
  if (/CRC/i.test(message)) return new ModbusCrcError(ctx.what)
  if (ctx.kind === 'rtu') {
    if (errno === 'ENOENT' || /no such file|ENOENT/i.test(message)) return new PortNotFoundError(ctx.target, e)
    if (errno === 'EACCES' || /permission denied|EACCES/i.test(message)) return new PortPermissionError(ctx.target, e)
    if (errno === 'EBUSY' || /resource busy|cannot lock|EBUSY/i.test(message)) return new PortBusyError(ctx.target, e)
  }
  return new ModbusConnectionError(ctx.target, e)
}

/** Failures worth repeating the same request for. */
export function isRetryable(error: AppError): boolean {
  return error.code === 'MODBUS_TIMEOUT' || error.code === 'MODBUS_CRC'
}

/** Failures meaning the bus itself is gone (unplugged adapter, closed socket): reconnect before the next request. */
export function isBusDown(error: AppError): boolean {
  return ['MODBUS_CONNECTION', 'PORT_NOT_FOUND', 'PORT_BUSY', 'PORT_PERMISSION'].includes(error.code)
}
