import { describe, expect, it } from 'vitest'
import { ERROR_CODES, type ErrorCode } from '../../src-shared/errors/codes'
import { errorHelp } from './error-help'

describe('error banner help', () => {
  it('shows what to do for every listed code', () => {
    const missing = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => !errorHelp({ code, message: 'm' }).whatToDo)
    expect(missing).toEqual([])
    expect(errorHelp({ code: 'PORT_PERMISSION', message: 'Cannot open /dev/ttyUSB0' })).toEqual({
      message: 'Cannot open /dev/ttyUSB0',
      code: 'PORT_PERMISSION',
      whatToDo: 'On Linux add your user to the dialout group and log in again.',
    })
  })

  it('still shows the message and code of a code it does not know (an engine of another version)', () => {
    const foreign = JSON.parse('{"code":"SOMETHING_NEW","message":"x"}') as { code: ErrorCode; message: string }
    expect(errorHelp(foreign)).toEqual({ message: 'x', code: 'SOMETHING_NEW', whatToDo: undefined })
  })
})
