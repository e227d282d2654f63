import ModbusRTU from 'modbus-serial'
import type { Clock } from '../../src-shared/clock'
import { createBus } from './bus'
import type { ModbusTransport } from './transport'

/** Modbus TCP (DEV-1) to an inverter, meter or RS-485 gateway. */
export interface ModbusTcpOptions {
  host: string
  /** Default 502. */
  port?: number
  clock: Clock
  /** Per-request timeout; defaults to DEFAULT_MODBUS_TIMEOUT_MS. */
  timeoutMs?: number
  retries?: number
}

/** Time allowed for the TCP connection itself. */
export const TCP_CONNECT_TIMEOUT_MS = 3000

export function createModbusTcpTransport(options: ModbusTcpOptions): ModbusTransport {
  const port = options.port ?? 502
  const target = `${options.host}:${port}`
  return createBus({
    kind: 'tcp',
    description: `Modbus TCP ${target}`,
    target,
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    async open() {
      const client = new ModbusRTU()
      await client.connectTCP(options.host, { port, timeout: TCP_CONNECT_TIMEOUT_MS })
      return client
    },
  })
}
