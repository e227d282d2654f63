/** The device forms' validation (DEV-1), apart from the components so it can be tested without a DOM. */

/** The fields every device needs whatever the bus: Modbus unit id, per-request timeout, and a meter profile if not SunSpec. */
export interface UnitValues {
  unitId: string
  timeoutMs: string
  meterProfile: string
}

export const DEFAULT_UNIT_VALUES: UnitValues = { unitId: '1', timeoutMs: '1000', meterProfile: '' }

export function unitErrors(v: UnitValues): Partial<Record<keyof UnitValues, string>> {
  const errors: Partial<Record<keyof UnitValues, string>> = {}
  const unit = Number(v.unitId)
  if (!Number.isInteger(unit) || unit < 1 || unit > 247) errors.unitId = 'A Modbus unit id is a whole number from 1 to 247 (see the device’s Modbus settings).'
  const timeout = Number(v.timeoutMs)
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 10_000) errors.timeoutMs = 'Between 100 and 10000 ms; 1000 suits most devices at 9600 baud.'
  return errors
}

export function unitInput(v: UnitValues): { unitId: number; timeoutMs: number; meterProfile?: string } {
  return { unitId: Number(v.unitId), timeoutMs: Number(v.timeoutMs), ...(v.meterProfile ? { meterProfile: v.meterProfile } : {}) }
}

export interface TcpAddressErrors {
  host: string | undefined
  port: string | undefined
}

/** DEV-1: a host to connect to, and a TCP port (Modbus TCP uses 502). */
export function tcpAddressErrors(host: string, port: string): TcpAddressErrors {
  const portNumber = Number(port)
  return {
    host: host.trim() ? undefined : 'Enter the device’s IP address, e.g. 192.168.1.20.',
    port: Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65_535 ? undefined : 'A port from 1 to 65535; Modbus TCP uses 502.',
  }
}
