/**
 * Modbus exception codes (Modbus Application Protocol v1.1b3, section 7) and what each means for an installer.
 */
export interface ModbusExceptionMeaning {
  name: string
  meaning: string
}

export const MODBUS_EXCEPTIONS: Readonly<Record<number, ModbusExceptionMeaning>> = {
  1: { name: 'illegal function', meaning: 'the device does not support this read or write function' },
  2: { name: 'illegal data address', meaning: 'the device has no register at this address (wrong map or unit id?)' },
  3: { name: 'illegal data value', meaning: 'the device refused the value written (out of range or read-only)' },
  4: { name: 'server device failure', meaning: 'the device reported an internal failure while handling the request' },
  5: { name: 'acknowledge', meaning: 'the device accepted the request but needs more time; ask again later' },
  6: { name: 'server device busy', meaning: 'the device is busy with a long command; retry later' },
  8: { name: 'memory parity error', meaning: 'the device found a parity error in its own memory' },
  10: { name: 'gateway path unavailable', meaning: 'the gateway has no path to this unit id (check the gateway routing)' },
  11: { name: 'gateway target failed to respond', meaning: 'the gateway got no answer from the device behind it (check RS-485 wiring, baud, unit id)' },
}

/** Words for an exception code, including codes the standard does not define. */
export function describeModbusException(code: number): ModbusExceptionMeaning {
  return MODBUS_EXCEPTIONS[code] ?? { name: `exception ${code}`, meaning: 'a code the Modbus standard does not define' }
}
