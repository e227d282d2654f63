import type { Clock } from '../../src-shared/clock'
import { AppError } from '../errors'
import { createModbusRtuTransport, describeSerialSettings, type Parity } from './rtu-transport'
import { createModbusTcpTransport } from './tcp-transport'
import type { ModbusTransport } from './transport'

/**
 * One transport per physical bus (DEV-1: several devices on one bus). Devices on the same RS-485 line, or behind the
 * same Modbus TCP gateway, get the same transport and so the same mutex; the bus closes when its last device lets go.
 */
export type BusConnection =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'rtu'; path: string; baudRate: number; parity: Parity; stopBits: 1 | 2 }

export class BusSettingsConflictError extends AppError {
  constructor(path: string, existing: string, wanted: string) {
    super('BUS_SETTINGS_CONFLICT', `${path} is already open at ${existing}; a device on the same line cannot use ${wanted}`, {
      hint: 'every device on one RS-485 line must use the same baud rate, parity and stop bits; change the device settings to match',
    })
  }
}

export interface BusPool {
  /** The shared transport for this bus (opened lazily on its first request). */
  acquire(connection: BusConnection): ModbusTransport
  /** Give the bus back; it is closed when no device holds it any more. */
  release(connection: BusConnection): Promise<void>
  closeAll(): Promise<void>
}

function busKey(c: BusConnection): string {
  return c.kind === 'tcp' ? `tcp:${c.host.toLowerCase()}:${c.port}` : `rtu:${c.path}`
}

export function createBusPool(options: { clock: Clock; timeoutMs?: number; retries?: number }): BusPool {
  const buses = new Map<string, { transport: ModbusTransport; settings: string; holders: number }>()
  const open = (c: BusConnection): ModbusTransport =>
    c.kind === 'tcp'
      ? createModbusTcpTransport({ host: c.host, port: c.port, clock: options.clock, timeoutMs: options.timeoutMs, retries: options.retries })
      : createModbusRtuTransport({ ...c, clock: options.clock, timeoutMs: options.timeoutMs, retries: options.retries })
  return {
    acquire(c) {
      const key = busKey(c)
      const settings = c.kind === 'rtu' ? describeSerialSettings(c) : ''
      const bus = buses.get(key)
      if (bus) {
        if (bus.settings !== settings && c.kind === 'rtu') throw new BusSettingsConflictError(c.path, bus.settings, settings)
        bus.holders++
        return bus.transport
      }
      const transport = open(c)
      buses.set(key, { transport, settings, holders: 1 })
      return transport
    },
    async release(c) {
      const key = busKey(c)
      const bus = buses.get(key)
      if (!bus) return
      bus.holders--
      if (bus.holders > 0) return
      buses.delete(key)
      await bus.transport.close()
    },
    async closeAll() {
      const all = [...buses.values()]
      buses.clear()
      await Promise.all(all.map((b) => b.transport.close()))
    },
  }
}
