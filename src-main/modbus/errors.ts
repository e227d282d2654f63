import { describeModbusException } from '../../src-shared/devices/modbus-exception-codes'
import { AppError } from '../errors'

/** Modbus and serial-port failures, one class per kind with a stable code (DESIGN.md layer 3). */
export class ModbusTimeoutError extends AppError {
  constructor(what: string, timeoutMs: number) {
    super('MODBUS_TIMEOUT', `No reply to ${what} within ${timeoutMs} ms`, {
      hint: 'check the unit id, baud rate, parity and RS-485 A/B wiring, and that the device is powered',
    })
  }
}

export class ModbusExceptionError extends AppError {
  readonly exceptionCode: number

  constructor(what: string, exceptionCode: number) {
    const m = describeModbusException(exceptionCode)
    super('MODBUS_EXCEPTION', `The device answered ${what} with Modbus exception ${exceptionCode} (${m.name})`, { hint: m.meaning })
    this.exceptionCode = exceptionCode
  }
}

export class ModbusCrcError extends AppError {
  constructor(what: string) {
    super('MODBUS_CRC', `The reply to ${what} failed its CRC check`, {
      hint: 'noise or a baud/parity mismatch on the RS-485 line; check termination, shielding and that only one master is polling',
    })
  }
}

export class ModbusConnectionError extends AppError {
  constructor(target: string, cause: unknown) {
    super('MODBUS_CONNECTION', `Could not talk to ${target}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      hint: 'check the address and port, that the device is on the network, and that nothing else holds its only Modbus TCP slot',
      cause,
    })
  }
}

export class PortNotFoundError extends AppError {
  constructor(path: string, cause?: unknown) {
    super('PORT_NOT_FOUND', `Serial port ${path} does not exist`, {
      hint: 'plug the USB-RS485 adapter in, or pick another port from the list',
      cause,
    })
  }
}

export class PortBusyError extends AppError {
  constructor(path: string, cause?: unknown) {
    super('PORT_BUSY', `Serial port ${path} is in use by another program`, {
      hint: 'close other Modbus tools or the vendor app using this adapter',
      cause,
    })
  }
}

export class PortPermissionError extends AppError {
  constructor(path: string, cause?: unknown) {
    super('PORT_PERMISSION', `No permission to open serial port ${path}`, {
      hint: 'on Linux add your user to the dialout group (sudo usermod -aG dialout $USER) and log in again',
      cause,
    })
  }
}

export class ModbusAbortedError extends AppError {
  constructor(what: string) {
    super('MODBUS_ABORTED', `The ${what} was cancelled before it was sent`)
  }
}
