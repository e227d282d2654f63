import ModbusRTU from 'modbus-serial'
import type { Clock } from '../../src-shared/clock'
import { createBus } from './bus'
import type { ModbusTransport } from './transport'

/** Modbus RTU over a serial port, typically a USB-RS485 adapter (DEV-1). */
export type Parity = 'none' | 'even' | 'odd'

export interface ModbusRtuOptions {
  path: string
  clock: Clock
  /** Default 9600. */
  baudRate?: number
  /** Default 'none'. */
  parity?: Parity
  /** Default 1. */
  stopBits?: 1 | 2
  /** Default 8. */
  dataBits?: 7 | 8
  timeoutMs?: number
  retries?: number
}

export function describeSerialSettings(o: Pick<ModbusRtuOptions, 'baudRate' | 'parity' | 'stopBits' | 'dataBits'>): string {
  const parity = { none: 'N', even: 'E', odd: 'O' }[o.parity ?? 'none']
  return `${o.baudRate ?? 9600} ${o.dataBits ?? 8}${parity}${o.stopBits ?? 1}`
}

export function createModbusRtuTransport(options: ModbusRtuOptions): ModbusTransport {
  return createBus({
    kind: 'rtu',
    description: `Modbus RTU ${options.path} ${describeSerialSettings(options)}`,
    target: options.path,
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    async open() {
      const client = new ModbusRTU()
      await client.connectRTUBuffered(options.path, {
        baudRate: options.baudRate ?? 9600,
        parity: options.parity ?? 'none',
        stopBits: options.stopBits ?? 1,
        dataBits: options.dataBits ?? 8,
      })
      return client
    },
  })
}
