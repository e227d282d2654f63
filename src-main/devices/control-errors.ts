import { AppError } from '../errors'

/** Control-write failures (DEV-4), each with a stable code. */
export class WriteMismatchError extends AppError {
  constructor(point: string, wrote: number, readBack: number | null) {
    super('DEVICE_WRITE_MISMATCH', `Wrote ${point} = ${wrote} but the device reads back ${readBack === null ? 'not implemented' : readBack}`, {
      hint: 'the device accepted the write but did not apply it; check that remote control is enabled in its settings (often a "Modbus control" or "SunSpec write" option)',
    })
  }
}

export class NotControllableError extends AppError {
  constructor(unitId: number, reason: string) {
    super('DEVICE_NOT_CONTROLLABLE', `Unit ${unitId} cannot be controlled: ${reason}`)
  }
}

export class ControlNotSupportedError extends AppError {
  constructor(unitId: number, what: string, reason: string) {
    super('CONTROL_NOT_SUPPORTED', `Unit ${unitId} does not support ${what}: ${reason}`)
  }
}
