import { describe, expect, it } from 'vitest'
import {
  APP_ERRORS,
  CLI_ERRORS,
  CONFORMANCE_ERRORS,
  CONTROLS_ERRORS,
  DEVICE_ERRORS,
  ERROR_CODES,
  errorCodeText,
  IDENTITY_ERRORS,
  isErrorCode,
  REPORT_ERRORS,
  SEP2_CLIENT_ERRORS,
  STORAGE_ERRORS,
  TELEMETRY_ERRORS,
  TRANSPORT_ERRORS,
  VERIFICATION_ERRORS,
  type ErrorCode,
} from './codes'

const LAYERS = [IDENTITY_ERRORS, STORAGE_ERRORS, DEVICE_ERRORS, TRANSPORT_ERRORS, SEP2_CLIENT_ERRORS, CONTROLS_ERRORS, TELEMETRY_ERRORS, VERIFICATION_ERRORS, REPORT_ERRORS, APP_ERRORS, CLI_ERRORS, CONFORMANCE_ERRORS]

describe('closed error-code lists (issue 16.4)', () => {
  it('lists each code in exactly one layer (a code in two layers would silently take one text)', () => {
    const all = LAYERS.flatMap((layer) => Object.keys(layer))
    expect(all.filter((code, i) => all.indexOf(code) !== i)).toEqual([])
    expect(Object.keys(ERROR_CODES).sort()).toEqual([...all].sort())
  })

  it('gives every code a stable name, a message and what to do, in sentences', () => {
    const bad = Object.entries(ERROR_CODES).filter(([code, text]) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code) || !/^\S.*[.)]$/.test(text.message) || !/^\S.*\.$/.test(text.whatToDo))
    expect(bad.map(([code]) => code)).toEqual([])
  })

  it('looks codes up, and says so for a code outside the lists', () => {
    const code: ErrorCode = 'MODBUS_TIMEOUT'
    expect(errorCodeText(code)?.whatToDo).toMatch(/unit id/)
    expect(isErrorCode('NOT_A_CODE')).toBe(false)
    expect(errorCodeText('NOT_A_CODE')).toBeUndefined()
    expect(isErrorCode('toString')).toBe(false)
  })
})
