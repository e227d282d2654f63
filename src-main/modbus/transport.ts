/** The Modbus bus as the rest of the app sees it: a TCP connection or a serial line, shared by every unit on it. */
export type RegisterKind = 'holding' | 'input'

export interface ReadRequest {
  unitId: number
  kind: RegisterKind
  address: number
  count: number
  /** Abandon the request if it is still queued behind the bus mutex (or between retries) when this fires. */
  signal?: AbortSignal
}

export interface WriteRequest {
  unitId: number
  address: number
  values: number[]
  signal?: AbortSignal
}

export type BusState =
  | { status: 'idle' }
  | { status: 'connected' }
  | { status: 'reconnecting'; attempt: number; retryInMs: number; lastError: string }
  | { status: 'closed' }

export interface ModbusTransport {
  readonly kind: 'tcp' | 'rtu'
  /** e.g. `Modbus TCP 192.168.1.20:502` or `Modbus RTU /dev/ttyUSB0 9600 8N1`. */
  readonly description: string
  read(req: ReadRequest): Promise<number[]>
  /** Function 16 (write multiple registers); function 6 is used for single registers. */
  write(req: WriteRequest): Promise<void>
  state(): BusState
  /** Requests queued behind the bus mutex (for sampling-rate decisions). */
  queued(): number
  close(): Promise<void>
}

/** Per-request timeout when none is given: long enough for 9600 baud and a slow inverter. */
export const DEFAULT_MODBUS_TIMEOUT_MS = 1000
/** Retries after a timeout or CRC error before the request fails. */
export const DEFAULT_MODBUS_RETRIES = 1
/** Reconnect backoff after the device or adapter goes away: doubles from the first delay up to the maximum. */
export const RECONNECT_FIRST_DELAY_MS = 500
export const RECONNECT_MAX_DELAY_MS = 30_000
/** Most registers one read may ask for (Modbus limit 125). */
export const MAX_READ_REGISTERS = 125
