import { describe, expect, it } from 'vitest'
import { flowWords, reading } from './live-format'
import { DEFAULT_UNIT_VALUES, tcpAddressErrors, unitErrors, unitInput } from './unit-values'

describe('device form validation (DEV-1)', () => {
  it('unit id 1-247 and a timeout of 100-10000 ms, whole numbers', () => {
    expect(unitErrors(DEFAULT_UNIT_VALUES)).toEqual({})
    expect(unitErrors({ ...DEFAULT_UNIT_VALUES, unitId: '247', timeoutMs: '100' })).toEqual({})
    for (const unitId of ['0', '248', '1.5', '', 'x']) expect(Object.keys(unitErrors({ ...DEFAULT_UNIT_VALUES, unitId })), unitId).toEqual(['unitId'])
    for (const timeoutMs of ['99', '10001', '250.5', 'abc']) expect(Object.keys(unitErrors({ ...DEFAULT_UNIT_VALUES, timeoutMs })), timeoutMs).toEqual(['timeoutMs'])
    expect(unitErrors({ unitId: '0', timeoutMs: '0', meterProfile: '' }).unitId).toMatch(/1 to 247/)
  })

  it('the engine input: numbers, and the meter profile only when one is picked', () => {
    expect(unitInput({ unitId: '3', timeoutMs: '500', meterProfile: '' })).toEqual({ unitId: 3, timeoutMs: 500 })
    expect(unitInput({ unitId: '4', timeoutMs: '1000', meterProfile: 'eastron-sdm630' })).toEqual({ unitId: 4, timeoutMs: 1000, meterProfile: 'eastron-sdm630' })
  })

  it('a TCP device needs a host and a port from 1 to 65535', () => {
    expect(tcpAddressErrors('192.168.1.20', '502')).toEqual({ host: undefined, port: undefined })
    expect(tcpAddressErrors('  ', '502').host).toMatch(/IP address/)
    for (const port of ['0', '65536', '50.2', '']) expect(tcpAddressErrors('h', port).port, port).toMatch(/1 to 65535/)
  })
})

describe('live readings in words (handbook 10.8.2: export reads negative)', () => {
  it('says which way power flows, with a dead band around zero', () => {
    expect(flowWords(-2350.4)).toBe('exporting 2350 W')
    expect(flowWords(812.6)).toBe('importing 813 W')
    expect(flowWords(19.9)).toBe('about zero')
    expect(flowWords(-19.9)).toBe('about zero')
    expect(flowWords(-20)).toBe('exporting 20 W')
    expect(flowWords(null)).toBe('no reading')
  })

  it('formats a reading with its unit and digits, a dash when absent', () => {
    expect(reading(239.96, 'V', 1)).toBe('240.0 V')
    expect(reading(-1500.4, 'W')).toBe('-1500 W')
    expect(reading(50.014, 'Hz', 2)).toBe('50.01 Hz')
    expect(reading(null, 'W')).toBe('–')
  })
})
